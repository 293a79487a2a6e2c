package dip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dip.app.ExitCode;
import dip.image.Image;
import dip.image.ImageFiles;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ./dip bench seams: PSNR in a tile plan's seam bands and away from them, on images whose errors are placed by hand. */
class BenchSeamsCliTest {
    @TempDir
    Path dir;

    /** 56² with tiles of 32 overlapping by 8: starts 0 and 24, so one cut per axis before column (row) (0 + 32 + 24) / 2 = 28. */
    private static final int SIZE = 56;
    private static final float SMALL = 5 / 255f;
    private static final float LARGE = 51 / 255f;

    private Path write(String name, boolean stripe) {
        Image img = Image.zeros(3, SIZE, SIZE);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < SIZE; y++) {
                for (int x = 0; x < SIZE; x++) {
                    float gt = (60 + (x + 2 * y) % 64) / 255f;
                    float error = name.equals("gt") ? 0 : stripe && x >= 26 && x < 30 ? LARGE : SMALL;
                    img.set(c, y, x, gt + error);
                }
            }
        }
        Path file = dir.resolve(name + ".png");
        ImageFiles.write(img, file, 8);
        return file;
    }

    private static String db(double mse) {
        return String.format(Locale.ROOT, "%.2f dB", -10 * Math.log10(mse));
    }

    @Test
    void anErrorAlongTheSeamLowersOnlyTheBand() {
        Path gt = write("gt", false);
        Path even = write("even", false);
        Path seam = write("seam", true);
        CliRun r = CliRun.of("bench", "seams", even.toString(), seam.toString(), "--reference", gt.toString(), "--tile", "32",
                "--overlap", "8");
        assertEquals(ExitCode.OK, r.exitCode(), r.err());
        // The band: rows or columns 20..35; 56² − 40² = 1536 pixels, 49.0%, of which the stripe's 4 × 56 = 224.
        assertTrue(r.out().contains("±8 px around 2 seams, 49.0% of the pixels"), r.out());
        String evenDb = db(SMALL * SMALL);
        assertTrue(r.out().contains("even.png: all " + evenDb + ", band " + evenDb + ", away " + evenDb + ", band - away +0.00 dB"), r.out());
        double bandMse = (224 * LARGE * LARGE + (1536 - 224) * SMALL * SMALL) / 1536;
        double allMse = (224 * LARGE * LARGE + (SIZE * SIZE - 224) * SMALL * SMALL) / (SIZE * SIZE);
        assertTrue(r.out().contains("seam.png: all " + db(allMse) + ", band " + db(bandMse) + ", away " + evenDb), r.out());
        assertTrue(r.out().contains(String.format(Locale.ROOT, "band - away %+.2f dB",
                -10 * Math.log10(bandMse) + 10 * Math.log10(SMALL * SMALL))), r.out());
    }

    @Test
    void oneTileHasNoBand() {
        Path gt = write("gt", false);
        CliRun r = CliRun.of("bench", "seams", write("even", false).toString(), "--reference", gt.toString(), "--tile", "64",
                "--overlap", "8");
        assertEquals(ExitCode.OK, r.exitCode(), r.err());
        assertTrue(r.out().contains("around 0 seams, 0.0% of the pixels"), r.out());
        assertTrue(r.out().contains("band n/a, away " + db(SMALL * SMALL) + ", band - away n/a"), r.out());
    }

    @Test
    void superResolutionDefaultsToTheShavedLuma() {
        Path gt = write("gt", false);
        CliRun r = CliRun.of("bench", "seams", write("even", false).toString(), "--reference", gt.toString(), "--tile", "8",
                "--overlap", "2", "--scale", "4");
        assertEquals(ExitCode.OK, r.exitCode(), r.err());
        assertTrue(r.out().contains("tiles 8, overlap 2, output ×4") && r.out().contains("Y-PSNR"), r.out());
    }

    @Test
    void mismatchedSizesAndBadPlansAreOneLine() throws Exception {
        Path gt = write("gt", false);
        Path small = dir.resolve("small.png");
        ImageFiles.write(Image.zeros(3, 20, 20), small, 8);
        CliRun size = CliRun.of("bench", "seams", small.toString(), "--reference", gt.toString(), "--tile", "32", "--overlap", "8");
        assertEquals(ExitCode.INPUT, size.exitCode(), size.err());
        assertTrue(size.oneErrorLine() && size.err().contains("3x20x20"), size.err());
        CliRun plan = CliRun.of("bench", "seams", gt.toString(), "--reference", gt.toString(), "--tile", "32", "--overlap", "20");
        assertEquals(ExitCode.USAGE, plan.exitCode(), plan.err());
        assertTrue(plan.oneErrorLine() && plan.err().contains("at most half the tile size"), plan.err());
        CliRun scale = CliRun.of("bench", "seams", gt.toString(), "--reference", gt.toString(), "--tile", "8", "--overlap", "2",
                "--scale", "3");
        assertEquals(ExitCode.USAGE, scale.exitCode(), scale.err());
        assertTrue(scale.oneErrorLine() && scale.err().contains("not a multiple of --scale 3"), scale.err());
    }
}
