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

/** ./dip bench race: a short run on 32×32 that resumes, and its errors. */
class BenchRaceCliTest {
    @TempDir
    Path dir;

    private Path image(String name, int size, float offset) {
        Image img = Image.zeros(3, size, size);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    img.set(c, y, x, Math.min(1f, 0.1f + offset + (x + y + c) / (3f * size)));
                }
            }
        }
        Path p = dir.resolve(name);
        ImageFiles.write(img, p, 8);
        return p;
    }

    @Test
    void aShortRaceThenItsResume() {
        Path noisy = image("noisy.png", 32, 0.05f);
        Path gt = image("gt.png", 32, 0);
        Path out = dir.resolve("race");
        String[] args = {"bench", "race", noisy.toString(), "--reference", gt.toString(), "--paths", "default-fp32",
                "--max-iterations", "2", "--threads", "1", "-o", out.toString(), "--output-targets", "10,60"};
        CliRun r = CliRun.of(args);
        assertEquals(ExitCode.OK, r.exitCode(), r.err());
        assertTrue(r.out().contains("| default-fp32 | skip-64 (") && r.out().contains("output ≥ 60 dB"), r.out());
        assertTrue(r.out().contains("never"), r.out());
        assertTrue(r.err().contains("--max-iterations 2"), r.err());
        assertTrue(Files.exists(out.resolve("race.png")) && Files.exists(out.resolve("default-fp32.average.png")));
        CliRun again = CliRun.of(args);
        assertEquals(ExitCode.OK, again.exitCode(), again.err());
        assertTrue(again.err().contains("not fitted again") && again.err().contains("0 fitted, 1 reused"), again.err());
    }

    @Test
    void missingOrMismatchedReferenceIsAnInputError() {
        Path noisy = image("noisy.png", 32, 0.05f);
        CliRun missing = CliRun.of("bench", "race", noisy.toString(), "--reference", dir.resolve("nope.png").toString(),
                "--paths", "default-fp32", "-o", dir.resolve("o").toString());
        assertEquals(ExitCode.INPUT, missing.exitCode(), missing.err());
        assertTrue(missing.oneErrorLine() && missing.err().contains("nope.png"), missing.err());
        Path small = image("small.png", 24, 0);
        CliRun mismatch = CliRun.of("bench", "race", noisy.toString(), "--reference", small.toString(),
                "--paths", "default-fp32", "-o", dir.resolve("o").toString());
        assertEquals(ExitCode.INPUT, mismatch.exitCode(), mismatch.err());
        assertTrue(mismatch.oneErrorLine() && mismatch.err().contains("same size"), mismatch.err());
    }

    @Test
    void unknownPathOrProjectionIsAUsageError() {
        Path noisy = image("noisy.png", 32, 0.05f);
        CliRun r = CliRun.of("bench", "race", noisy.toString(), "--reference", noisy.toString(), "--paths", "paper,fast");
        assertEquals(ExitCode.USAGE, r.exitCode(), r.err());
        assertTrue(r.oneErrorLine() && r.err().contains("'fast'") && r.err().contains("paper-fp32"), r.err());
        CliRun p = CliRun.of("bench", "race", noisy.toString(), "--reference", noisy.toString(), "--paths", "default,paper-fp32",
                "--project", "paper-fp32:5");
        assertEquals(ExitCode.USAGE, p.exitCode(), p.err());
        assertTrue(p.oneErrorLine() && p.err().contains("paper-bf16"), p.err());
    }

    @Test
    void scaleAndMaskBelongToTheirTasks() {
        Path noisy = image("noisy.png", 32, 0.05f);
        CliRun scale = CliRun.of("bench", "race", noisy.toString(), "--reference", noisy.toString(), "--paths", "default",
                "--scale", "4");
        assertEquals(ExitCode.USAGE, scale.exitCode(), scale.err());
        assertTrue(scale.oneErrorLine() && scale.err().contains("--scale is for --task super-resolve only"), scale.err());
        CliRun three = CliRun.of("bench", "race", noisy.toString(), "--reference", noisy.toString(), "--paths", "default",
                "--task", "super-resolve", "--scale", "3");
        assertEquals(ExitCode.USAGE, three.exitCode(), three.err());
        assertTrue(three.oneErrorLine() && three.err().contains("4 or 8"), three.err());
        CliRun sr = CliRun.of("bench", "race", noisy.toString(), "--reference", noisy.toString(), "--paths", "default",
                "--task", "super-resolve", "-o", dir.resolve("o").toString());
        assertEquals(ExitCode.INPUT, sr.exitCode(), sr.err());
        assertTrue(sr.oneErrorLine() && sr.err().contains("4 times the input's size"), sr.err());
    }

    @Test
    void aTiledRacePrintsItsTilesAndOverlapNeedsTile() {
        Path noisy = image("noisy.png", 32, 0.05f);
        Path gt = image("gt.png", 32, 0);
        CliRun r = CliRun.of("bench", "race", noisy.toString(), "--reference", gt.toString(), "--paths", "default-fp32",
                "--max-iterations", "2", "--threads", "2", "--tile", "20", "--overlap", "8", "-o", dir.resolve("t").toString());
        assertEquals(ExitCode.OK, r.exitCode(), r.err());
        assertTrue(r.err().contains("tile 4/4 restored") || r.err().contains("4 of 4 to do"), r.err());
        assertTrue(r.out().contains("4 tiles of 20 (overlap 8), 2 at once") && r.out().contains("in tiles of 20 pixels"), r.out());
        CliRun lone = CliRun.of("bench", "race", noisy.toString(), "--reference", gt.toString(), "--paths", "default",
                "--overlap", "8");
        assertEquals(ExitCode.USAGE, lone.exitCode(), lone.err());
        assertTrue(lone.oneErrorLine() && lone.err().contains("--overlap goes with --tile"), lone.err());
    }
}
