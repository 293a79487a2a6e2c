package dip.spark;

import dip.fit.FitListener;
import dip.image.Image;
import dip.restore.Provenance;
import dip.restore.Restoration;
import dip.restore.TiledRestorer;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * Images restored in tiles (--tile N): each tile is a unit of its own, restored on an executor by
 * {@link TiledRestorer#restoreTile} (the tile's seed from its position, as in a CLI run with --tile); the driver
 * blends the tiles with {@link TiledRestorer#blend}, the same raised-cosine blend, and writes the image.
 */
final class TileUnits {
    private TileUnits() {}

    /**
     * One restored tile (or its failure), as it travels back to the driver.
     *
     * @param input      the image
     * @param index      the tile's index in the plan
     * @param count      tiles in the plan
     * @param channels   channels of {@code data} (output, then average)
     * @param height     rows of the tile's output
     * @param width      columns of the tile's output
     * @param data       the stacked output and average, planar
     * @param provenance the tile's fit's provenance (JSON), or null when it failed
     * @param failure    the failed row (exit code and message), or null
     */
    record Part(String input, int index, int count, int channels, int height, int width, float[] data, String provenance,
                Row failure) implements Serializable {}

    /** Restores tile {@code index} of {@code input} on an executor. */
    static Part restore(String input, int index, int count, String outDir, SparkOptions options, Map<String, String> hadoop) {
        Configuration conf = UnitRunner.hadoopConf(hadoop);
        Path temp = null;
        List<String[]> renames = new ArrayList<>();
        try {
            temp = Files.createTempDirectory("dip-spark-");
            UnitRunner.Prepared p = UnitRunner.prepare(input, outDir, options, conf, temp, null, renames);
            TiledRestorer.TileResult r = new TiledRestorer(p.config(), p.task().tiling()).restoreTile(index, FitListener.NONE);
            Image s = r.stacked();
            return new Part(input, index, count, s.channels(), s.height(), s.width(), s.data(), r.provenance().toJson(), null);
        } catch (Throwable t) {
            return new Part(input, index, count, 0, 0, 0, null, null,
                    UnitRunner.failed(input, t, renames, "tile " + (index + 1) + "/" + count + ": "));
        } finally {
            UnitRunner.deleteQuietly(temp);
        }
    }

    /** The driver's side: the image's row, its tiles blended and written, or the first failed tile's row. */
    static Row finish(UnitRunner.Prepared p, List<Part> parts, Configuration conf) {
        List<TiledRestorer.TileResult> results = new ArrayList<>();
        double seconds = 0;
        for (Part part : parts) {
            if (part.failure() != null) {
                return part.failure();
            }
            Provenance tile = Provenance.fromJson(part.provenance());
            seconds += tile.result().seconds();
            results.add(new TiledRestorer.TileResult(part.index(),
                    new Image(part.channels(), part.height(), part.width(), part.data()), tile));
        }
        try {
            Restoration blended = new TiledRestorer(p.config(), p.task().tiling()).blend(results, seconds);
            return UnitRunner.write(p, blended, conf);
        } catch (Throwable t) {
            return UnitRunner.failed(p.input(), t, p.renames(), "");
        }
    }
}
