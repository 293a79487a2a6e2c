package dip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dip.app.ExitCode;
import dip.image.Image;
import dip.image.ImageFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each task's command end to end on tiny crops, with few iterations and small nets. */
class CliTasksTest {
    @TempDir
    Path dir;

    private Path gt;
    /** A small net, one thread, quiet; --force because the tests reuse output names. */
    private static final String[] SMALL_NET = {"--channels-down", "8,8", "--channels-skip", "2,2", "--threads", "1", "-q", "--force"};

    @BeforeEach
    void crop() {
        gt = dir.resolve("gt.png");
        ImageFiles.write(ImageFiles.read(Path.of("..", "samples", "f16.png")).image().crop(16, 16, 32, 32), gt, 8);
    }

    private CliRun run(String... args) {
        String[] all = new String[args.length + SMALL_NET.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(SMALL_NET, 0, all, args.length, SMALL_NET.length);
        return CliRun.of(all);
    }

    private static Image read(Path p) { return ImageFiles.read(p).image(); }

    /** A mask of 4×4 squares, alternately known and hole. */
    static Image checkerboard(int height, int width) {
        Image mask = Image.zeros(1, height, width);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                mask.set(0, y, x, (x / 4 + y / 4) % 2);
            }
        }
        return mask;
    }

    @Test
    void downscaleUpscaleAndSuperResolve() {
        Path lr = dir.resolve("lr.png");
        assertEquals(0, CliRun.of("downscale", gt.toString(), "--scale", "2", "-o", lr.toString()).exitCode());
        assertEquals(16, read(lr).height());
        Path lrBicubic = dir.resolve("lr-bicubic.png");
        assertEquals(0, CliRun.of("downscale", gt.toString(), "--scale", "2", "--downscaler", "bicubic", "-o",
                lrBicubic.toString()).exitCode());
        assertTrue(read(lrBicubic).sameShape(read(lr)));
        assertEquals(false, java.util.Arrays.equals(read(lrBicubic).data(), read(lr).data()), "another kernel");
        Path bic = dir.resolve("bicubic.png");
        assertEquals(0, CliRun.of("upscale", lr.toString(), "--scale", "2", "-o", bic.toString()).exitCode());
        assertEquals(32, read(bic).width());
        Path sr = dir.resolve("sr.png");
        CliRun r = run("super-resolve", lr.toString(), "--scale", "2", "-o", sr.toString(), "--iterations", "2",
                "--reference", gt.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(read(sr).sameShape(read(gt)));
    }

    @Test
    void inpaintWithAMaskFileRandomPixelsAndZeros() throws IOException {
        Path m = dir.resolve("mask.png");
        ImageFiles.write(checkerboard(32, 32), m, 8);
        Path out = dir.resolve("o.png");
        assertEquals(0, run("inpaint", gt.toString(), "--mask", m.toString(), "-o", out.toString(), "--iterations", "2").exitCode());
        assertEquals(0, run("inpaint", gt.toString(), "--keep", "0.5", "-o", out.toString(), "--iterations", "2").exitCode());
        assertEquals(0, run("inpaint", gt.toString(), "--mask-from-zeros", "-o", out.toString(), "--iterations", "2",
                "--prior", "tv").exitCode());
        assertTrue(read(out).sameShape(read(gt)));
    }

    @Test
    void inpaintErrors() {
        Path small = dir.resolve("small.png");
        ImageFiles.write(Image.zeros(1, 8, 8), small, 8);
        CliRun wrongSize = run("inpaint", gt.toString(), "--mask", small.toString(), "-o", dir.resolve("o.png").toString());
        assertEquals(ExitCode.INPUT, wrongSize.exitCode());
        assertTrue(wrongSize.oneErrorLine() && wrongSize.err().contains("8x8"), wrongSize.err());
        CliRun none = run("inpaint", gt.toString(), "-o", dir.resolve("o.png").toString());
        assertEquals(ExitCode.USAGE, none.exitCode(), none.err());
        CliRun badKeep = run("inpaint", gt.toString(), "--keep", "1.5", "-o", dir.resolve("o.png").toString());
        assertEquals(ExitCode.USAGE, badKeep.exitCode(), badKeep.err());
    }

    @Test
    void jpegAndEveryPriorAndArchitecture() {
        Path out = dir.resolve("o.png");
        CliRun jpeg = CliRun.of("jpeg", gt.toString(), "-o", out.toString(), "--iterations", "1", "--threads", "1", "-q", "--force");
        assertEquals(0, jpeg.exitCode(), jpeg.err());
        for (String arch : List.of("unet", "resnet", "encoder-decoder")) {
            CliRun r = CliRun.of("denoise", gt.toString(), "-o", out.toString(), "--iterations", "1", "--arch", arch, "--threads", "1", "-q", "--force");
            assertEquals(0, r.exitCode(), arch + ": " + r.err());
        }
        for (String prior : List.of("none", "tv")) {
            CliRun r = run("denoise", gt.toString(), "-o", out.toString(), "--iterations", "3", "--prior", prior);
            assertEquals(0, r.exitCode(), prior + ": " + r.err());
        }
        CliRun bad = run("denoise", gt.toString(), "-o", out.toString(), "--arch", "vgg");
        assertEquals(ExitCode.USAGE, bad.exitCode());
        assertTrue(bad.err().contains("unet"), bad.err());
    }

    @Test
    void compareWritesAFigureAndACsv() throws IOException {
        Path fig = dir.resolve("panel.png");
        CliRun r = CliRun.of("compare", "super-resolve", gt.toString(), "--scale", "2", "-o", fig.toString(),
                "--iterations", "2", "--threads", "1", "-q");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(read(fig).width() > 4 * 32);
        List<String> csv = Files.readAllLines(dir.resolve("panel.csv"));
        assertEquals(5, csv.size());
        assertTrue(csv.get(1).startsWith("bicubic,") && csv.get(4).startsWith("deep image prior,"), csv.toString());
    }
}
