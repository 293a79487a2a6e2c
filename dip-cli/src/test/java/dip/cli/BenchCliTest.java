package dip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dip.app.ExitCode;
import dip.image.Image;
import dip.image.ImageFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ./dip bench quality on a tiny folder, and its error for a missing one. */
class BenchCliTest {
    @TempDir
    Path dir;

    private static Image gradient(int size, float offset) {
        Image img = Image.zeros(3, size, size);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    img.set(c, y, x, Math.min(1f, 0.1f + offset + (x + y + c) / (3f * size)));
                }
            }
        }
        return img;
    }

    @Test
    void qualityOnATinyDenoiseFolder() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        ImageFiles.write(gradient(32, 0), data.resolve("tiny_GT.png"), 8);
        ImageFiles.write(gradient(32, 0.05f), data.resolve("tiny_noisy.png"), 8);
        Path out = dir.resolve("out");
        CliRun r = CliRun.of("bench", "quality", "--task", "denoise", "--data", data.toString(), "--iterations", "1",
                "--out", out.toString(), "--threads", "1");
        assertEquals(ExitCode.OK, r.exitCode(), r.err());
        assertTrue(r.err().contains("image 1 of 1: tiny"), r.err());
        assertTrue(r.out().contains("| tiny | 32×32 | 1 |"), r.out());
        assertTrue(Files.exists(out.resolve("results.csv")) && Files.exists(out.resolve("results.md")));
        CliRun again = CliRun.of("bench", "quality", "--task", "denoise", "--data", data.toString(), "--iterations", "1",
                "--out", out.toString(), "--threads", "1");
        assertEquals(ExitCode.OK, again.exitCode(), again.err());
        assertTrue(again.err().contains("not fitted again"), again.err());
    }

    @Test
    void missingDataFolder() {
        CliRun r = CliRun.of("bench", "quality", "--task", "sr4", "--data", dir.resolve("nope").toString());
        assertEquals(ExitCode.INPUT, r.exitCode(), r.err());
        assertTrue(r.oneErrorLine(), r.err());
        assertTrue(r.err().contains("does not exist"), r.err());
    }

    @Test
    void unknownImageAndTask() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        ImageFiles.write(gradient(32, 0), data.resolve("a_GT.png"), 8);
        CliRun r = CliRun.of("bench", "quality", "--task", "sr4", "--data", data.toString(), "--images", "b");
        assertEquals(ExitCode.USAGE, r.exitCode(), r.err());
        assertTrue(r.oneErrorLine() && r.err().contains("'b'"), r.err());
        CliRun t = CliRun.of("bench", "quality", "--task", "sr3", "--data", data.toString());
        assertEquals(ExitCode.USAGE, t.exitCode(), t.err());
        assertTrue(t.oneErrorLine(), t.err());
    }
}
