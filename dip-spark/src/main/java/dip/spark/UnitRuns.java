package dip.spark;

import dip.restore.TiledRestorer;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/** The units of work of a job: whole images, or tiles of the images restored in tiles. */
final class UnitRuns {
    private UnitRuns() {}

    /**
     * @param input the image
     * @param tile  the tile's index, or -1 for the whole image
     * @param count the tiles of the image's plan (0 for a whole image)
     */
    record Unit(String input, int tile, int count) implements Serializable {
        Done run(String outDir, SparkOptions options, Map<String, String> hadoop) {
            return tile < 0 ? new Done(UnitRunner.run(input, outDir, options, hadoop), null)
                    : new Done(null, TileUnits.restore(input, tile, count, outDir, options, hadoop));
        }
    }

    /** What a unit gives back: an image's row, or a tile. */
    record Done(Row row, TileUnits.Part part) implements Serializable {}

    /**
     * An image to restore in tiles, as the driver planned it: its config and outputs, and the number of tiles; or
     * the row that settles it already (kept from an earlier run, or failed).
     */
    record Tiled(UnitRunner.Prepared prepared, Path temp, int count, Row row) {}

    static Tiled planTiles(String input, String outDir, SparkOptions options, Configuration conf, int threads) {
        Path temp = null;
        List<String[]> renames = new ArrayList<>();
        try {
            temp = Files.createTempDirectory("dip-spark-");
            UnitRunner.Prepared p = UnitRunner.prepare(input, outDir, options, conf, temp, threads, renames);
            if (!p.task().force()) {
                Row kept = UnitRunner.kept(p, conf);
                if (kept != null) {
                    UnitRunner.deleteQuietly(temp);
                    return new Tiled(null, null, 0, kept);
                }
            }
            int count = new TiledRestorer(p.config(), p.task().tiling()).plan().count();
            return new Tiled(p, temp, count, null);
        } catch (Throwable t) {
            UnitRunner.deleteQuietly(temp);
            return new Tiled(null, null, 0, UnitRunner.failed(input, t, renames, ""));
        }
    }
}
