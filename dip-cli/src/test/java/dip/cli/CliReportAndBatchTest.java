package dip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dip.app.ExitCode;
import dip.image.Image;
import dip.image.ImageFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --report and batches, through the real CLI on real files. */
class CliReportAndBatchTest {
    @TempDir
    Path dir;

    private static final Path SAMPLE = Path.of("..", "samples", "f16.png");

    private Path crop(String name, int size) {
        Path p = dir.resolve(name);
        ImageFiles.write(ImageFiles.read(SAMPLE).image().centreCrop(size), p, 8);
        return p;
    }

    @Test
    void reportIsOneSelfContainedPageWithImagesCurvesAndSettings() throws IOException {
        Path in = crop("in.png", 32);
        Path report = dir.resolve("report");
        CliRun r = CliRun.of("denoise", in.toString(), "--add-noise", "25", "--reference", in.toString(), "--iterations", "6",
                "--threads", "1", "-o", dir.resolve("o.png").toString(), "--report", report.toString(), "-q");
        assertEquals(0, r.exitCode(), r.err());
        String html = Files.readString(report.resolve("index.html"));
        // Everything is embedded: it opens from disk, alone.
        Matcher src = Pattern.compile("src=\"([^\"]{0,30})").matcher(html);
        int images = 0;
        while (src.find()) {
            assertTrue(src.group(1).startsWith("data:image/png;base64,"), src.group(1));
            images++;
        }
        assertEquals(6, images, "input, output, average, reference, loss plot, PSNR plot");
        for (String s : new String[] {"output vs reference", "PSNR", "iterations", "learning rate", "wall time", "seed"}) {
            assertTrue(html.contains(s), s);
        }
        // A second run refuses to replace the page unless forced.
        CliRun again = CliRun.of("denoise", in.toString(), "--iterations", "1", "--threads", "1", "-q",
                "-o", dir.resolve("o2.png").toString(), "--report", report.toString());
        assertEquals(ExitCode.OUTPUT, again.exitCode(), again.err());
        assertTrue(again.oneErrorLine() && again.err().contains("--force"), again.err());
    }

    @Test
    void batchRestoresEveryImageAndGoesOnPastAFailure() throws IOException {
        Path inputs = Files.createDirectory(dir.resolve("inputs"));
        ImageFiles.write(ImageFiles.read(SAMPLE).image().centreCrop(24), inputs.resolve("a.png"), 8);
        Files.writeString(inputs.resolve("b.png"), "not an image");
        ImageFiles.write(Image.zeros(3, 20, 28), inputs.resolve("c.png"), 8);
        Files.writeString(inputs.resolve("notes.txt"), "ignored: not an image extension");
        Path out = dir.resolve("restored");
        CliRun r = CliRun.of("denoise", inputs.toString(), "--iterations", "2", "--threads", "1", "-q", "-o", out.toString());
        assertEquals(ExitCode.INPUT, r.exitCode(), r.err()); // the first failure's code
        assertTrue(r.out().contains("2 of 3 restored"), r.out());
        assertTrue(r.out().contains("| " + inputs.resolve("b.png") + " | failed: cannot read"), r.out());
        assertEquals(28, ImageFiles.read(out.resolve("c.png")).image().width());
        assertTrue(Files.exists(out.resolve("a.png")) && Files.exists(out.resolve("a.average.png")));
        assertFalse(Files.exists(out.resolve("b.png")));

        // Run again: the outputs exist, so every image fails without --force, and succeeds with it.
        CliRun again = CliRun.of("denoise", inputs.resolve("a.png").toString(), inputs.resolve("c.png").toString(),
                "--iterations", "1", "--threads", "1", "-q", "-o", out.toString());
        assertEquals(ExitCode.OUTPUT, again.exitCode(), again.err());
        assertTrue(again.out().contains("0 of 2 restored"), again.out());
        CliRun forced = CliRun.of("denoise", inputs.resolve("a.png").toString(), inputs.resolve("c.png").toString(),
                "--iterations", "1", "--threads", "1", "-q", "--force", "-o", out.toString());
        assertEquals(0, forced.exitCode(), forced.err());
        assertTrue(forced.out().contains("2 of 2 restored"), forced.out());
    }

    @Test
    void batchRefusesOptionsThatNameOneImagesFile() {
        CliRun r = CliRun.of("denoise", SAMPLE.toString(), SAMPLE.toString(), "--reference", SAMPLE.toString(),
                "-o", dir.resolve("out").toString());
        assertEquals(ExitCode.USAGE, r.exitCode(), r.err());
        assertTrue(r.oneErrorLine() && r.err().contains("--reference"), r.err());
        CliRun file = CliRun.of("denoise", SAMPLE.toString(), SAMPLE.toString(), "-o", SAMPLE.toString());
        assertEquals(ExitCode.OUTPUT, file.exitCode(), file.err());
        assertTrue(file.oneErrorLine() && file.err().contains("directory"), file.err());
    }
}
