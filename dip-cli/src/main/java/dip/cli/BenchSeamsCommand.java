package dip.cli;

import dip.app.ExitCode;
import dip.app.UserError;
import dip.image.Image;
import dip.image.ImageFiles;
import dip.metric.Protocol;
import dip.tile.SeamBands;
import dip.tile.TilePlan;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * ./dip bench seams IMAGES --reference GT --tile N --overlap M: the PSNR inside and away from the seam bands of a tile
 * plan, for any restoration. A tiled run prints these figures for its own output; this measures the same bands on an
 * untiled fit of the same image, whose band/away difference is what the content alone gives.
 */
@Command(name = "seams", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"PSNR inside the bands around the seams of a tile plan and away from them, for restorations of one "
                + "image (any of them: an untiled fit too).",
                "A tiled run (--tile, --reference) prints these figures for its own output; the seams' content alone can make "
                        + "the band differ from the rest, so compare its band - away difference with that of an untiled fit "
                        + "measured here under the same plan."})
public final class BenchSeamsCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Restored images (all of the reference's size).")
    List<Path> images;

    @Option(names = "--reference", required = true, paramLabel = "GT", description = "Ground truth.")
    Path reference;

    @Option(names = "--tile", required = true, paramLabel = "N",
            description = "Tile size of the plan, in input pixels (for super-resolution: low-resolution pixels), as given to --tile.")
    int tile;

    @Option(names = "--overlap", required = true, paramLabel = "M", description = "Overlap of the plan, in input pixels, as given to --overlap.")
    int overlap;

    @Option(names = "--scale", defaultValue = "1", paramLabel = "F",
            description = "Output scale: 1, or the super-resolution factor (default: ${DEFAULT-VALUE}).")
    int scale;

    @Option(names = "--protocol", paramLabel = "P",
            description = "rgb (all pixels and channels) or y_shave (luma, 4/5 px shaved: the paper's SR protocol); "
                    + "default: y_shave with a --scale above 1, rgb otherwise.")
    Protocol protocol;

    @Option(names = "--half-width", defaultValue = "" + SeamBands.DEFAULT_HALF_WIDTH, paramLabel = "H",
            description = "Output pixels on either side of each seam (default: ${DEFAULT-VALUE}).")
    int halfWidth;

    @Override
    public Integer call() {
        if (scale < 1) {
            throw new UserError(ExitCode.USAGE, "--scale must be at least 1, got " + scale);
        }
        Image gt = ImageFiles.read(reference).image();
        if (gt.height() % scale != 0 || gt.width() % scale != 0) {
            throw new UserError(ExitCode.USAGE, "the reference (" + gt.height() + "x" + gt.width() + ") is not a multiple of --scale " + scale);
        }
        Protocol p = protocol != null ? protocol : scale > 1 ? Protocol.Y_SHAVE : Protocol.RGB;
        SeamBands bands = SeamBands.of(TilePlan.of(gt.height() / scale, gt.width() / scale, tile, overlap, scale), halfWidth);
        System.out.printf(Locale.ROOT, "seam bands of tiles %d, overlap %d%s: ±%d px around %d seam%s, %.1f%% of the pixels; %s%n",
                tile, overlap, scale > 1 ? ", output ×" + scale : "", halfWidth, bands.seams(), bands.seams() == 1 ? "" : "s",
                100 * bands.bandFraction(), p.description());
        for (Path file : images) {
            Image x = ImageFiles.read(file).image();
            if (x.height() != gt.height() || x.width() != gt.width() || x.channels() != gt.channels()) {
                throw new UserError(ExitCode.INPUT, file + " is " + x.shape() + ", the reference " + gt.shape());
            }
            SeamBands.Psnrs r = bands.psnr(p, x, gt);
            System.out.printf(Locale.ROOT, "%s: all %s, band %s, away %s, band - away %s%n", file, db(p.psnr(x, gt)),
                    db(r.band()), db(r.away()), difference(r.band() - r.away()));
        }
        return ExitCode.OK;
    }

    /** "+0.56 dB", rounded first so that a difference of nothing is not "-0.00"; "n/a" where a side is. */
    private static String difference(double d) {
        return Double.isNaN(d) ? "n/a" : String.format(Locale.ROOT, "%+.2f dB", Math.round(d * 100) / 100.0);
    }

    private static String db(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f dB", v);
    }
}
