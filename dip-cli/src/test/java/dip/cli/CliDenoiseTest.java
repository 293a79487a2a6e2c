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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The denoise command end to end on a tiny crop, with a small net to keep it fast. */
class CliDenoiseTest {
    @TempDir
    Path dir;

    @Test
    void writesOutputsLogAndSnapshots() throws IOException {
        Path in = dir.resolve("in.png");
        Image crop = ImageFiles.read(Path.of("..", "samples", "f16.png")).image().crop(0, 0, 24, 40);
        ImageFiles.write(crop, in, 8);
        Path out = dir.resolve("out.png");
        Path avg = dir.resolve("avg.png");
        Path log = dir.resolve("log.csv");
        Path snaps = Files.createDirectory(dir.resolve("snaps"));
        CliRun r = CliRun.of("denoise", in.toString(), "-o", out.toString(), "--output-average", avg.toString(),
                "--add-noise", "25", "--reference", in.toString(), "--iterations", "6", "--threads", "1",
                "--log", log.toString(), "--save-every", "3", "--snapshots", snaps.toString(), "--bit-depth", "16",
                "--channels-down", "8,8", "--channels-skip", "2,2");
        assertEquals(0, r.exitCode(), r.err());
        ImageFiles.ReadResult o = ImageFiles.read(out);
        assertTrue(o.image().sameShape(crop));
        assertEquals(16, o.bitDepth());
        assertTrue(ImageFiles.read(avg).image().sameShape(crop));
        List<String> lines = Files.readAllLines(log);
        assertEquals(7, lines.size());
        assertTrue(lines.get(0).startsWith("iteration,loss,psnr_output,psnr_average"));
        assertTrue(lines.get(6).startsWith("6,"));
        assertEquals(4, Files.list(snaps).count());
        assertTrue(r.err().contains("output:  PSNR"), r.err());
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().contains(".tmp")));
        }
    }

    /** Denoising stops by itself unless told otherwise; --stop fixed runs every iteration. */
    @Test
    void stopsByItselfByDefault() throws IOException {
        Path in = dir.resolve("in.png");
        ImageFiles.write(ImageFiles.read(Path.of("..", "samples", "f16.png")).image().crop(0, 0, 24, 40), in, 8);
        String[] common = {"--add-noise", "25", "--threads", "1", "--stop-window", "2", "--stop-patience", "3",
                "--channels-down", "8,8", "--channels-skip", "2,2"};
        CliRun auto = CliRun.of(concat(new String[] {"denoise", in.toString(), "-o", dir.resolve("auto.png").toString(),
                "--iterations", "300"}, common));
        assertEquals(0, auto.exitCode(), auto.err());
        assertTrue(auto.err().contains("at most 300 iterations (stops by itself"), auto.err());
        Matcher m = Pattern.compile("done: (\\d+) iterations .*; stopped automatically, output from iteration (\\d+)").matcher(auto.err());
        assertTrue(m.find(), auto.err());
        int ran = Integer.parseInt(m.group(1));
        assertTrue(ran < 300, auto.err());
        assertEquals(ran - 3, Integer.parseInt(m.group(2)), auto.err());

        CliRun fixed = CliRun.of(concat(new String[] {"denoise", in.toString(), "-o", dir.resolve("fixed.png").toString(),
                "--iterations", "12", "--stop", "fixed"}, common));
        assertEquals(0, fixed.exitCode(), fixed.err());
        assertTrue(fixed.err().contains("12 iterations, lr") && fixed.err().contains("done: 12 iterations"), fixed.err());
    }

    /**
     * A fit checkpointed at 3 that went on to 5 (as if killed there), then resumed to 8 with the same --log: the log
     * keeps 1 to 3 and has 4 to 8 once, from the resumed fit. Without --resume an existing log is still refused.
     */
    @Test
    void aResumedFitAppendsToItsLogWithEachIterationOnce() throws IOException {
        Path in = dir.resolve("in.png");
        ImageFiles.write(ImageFiles.read(Path.of("..", "samples", "f16.png")).image().crop(0, 0, 24, 24), in, 8);
        Path log = dir.resolve("log.csv");
        String[] common = {"denoise", in.toString(), "--add-noise", "25", "--stop", "fixed", "--threads", "1",
                "--channels-down", "4,4", "--channels-skip", "1,1", "-q", "--log", log.toString()};
        CliRun first = CliRun.of(concat(common, new String[] {"-o", dir.resolve("first.png").toString(), "--iterations", "5",
                "--checkpoint-every", "3"}));
        assertEquals(0, first.exitCode(), first.err());
        List<String> before = Files.readAllLines(log);
        assertEquals(6, before.size());
        CliRun resumed = CliRun.of(concat(common, new String[] {"-o", dir.resolve("resumed.png").toString(), "--iterations", "8",
                "--resume", dir.resolve("first.ckpt").toString()}));
        assertEquals(0, resumed.exitCode(), resumed.err());
        List<String> after = Files.readAllLines(log);
        assertEquals(before.subList(0, 4), after.subList(0, 4)); // header and 1..3 as they were
        assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "8"), after.stream().skip(1).map(l -> l.split(",")[0]).toList());

        CliRun again = CliRun.of(concat(common, new String[] {"-o", dir.resolve("again.png").toString(), "--iterations", "2"}));
        assertEquals(ExitCode.OUTPUT, again.exitCode(), again.err());
        assertTrue(again.oneErrorLine() && again.err().contains("--force"), again.err());
        CliRun everyAlone = CliRun.of("denoise", in.toString(), "-o", dir.resolve("x.png").toString(), "--log-every", "2");
        assertEquals(ExitCode.USAGE, everyAlone.exitCode(), everyAlone.err());
        assertTrue(everyAlone.oneErrorLine() && everyAlone.err().contains("--log-every needs --log"), everyAlone.err());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    @Test
    void theFastNetIsReshapedFromItsOwnChannelsAndAnUnknownRecipeIsRefused() {
        String fast = lastLine(CliRun.of("net", "skip-64"));
        assertTrue(fast.startsWith("parameters: ") && !fast.equals("parameters: 2217831"), fast);
        assertEquals(fast, lastLine(CliRun.of("net", "skip-64", "--channels-skip", "4,4,4,4,4")),
                "an option that restates a default keeps the preset's 64 channels");
        assertEquals("parameters: 2217831", lastLine(CliRun.of("net", "skip-64", "--channels-down", "128,128,128,128,128")));
        CliRun bad = CliRun.of("denoise", "in.png", "-o", "out.png", "--recipe", "quick");
        assertEquals(ExitCode.USAGE, bad.exitCode(), bad.err());
        assertTrue(bad.oneErrorLine() && bad.err().contains("choose fast, paper or best"), bad.err());
    }

    /** The default denoising net is the fast recipe's; --recipe paper runs the paper's, and provenance says which. */
    @Test
    void theRecipeFlagChoosesThePapersNet() throws IOException {
        Path in = dir.resolve("in64.png");
        ImageFiles.write(ImageFiles.read(Path.of("..", "samples", "f16.png")).image().crop(0, 0, 64, 64), in, 8);
        CliRun fast = CliRun.of("denoise", in.toString(), "-o", dir.resolve("fast.png").toString(), "--iterations", "1", "--threads", "1");
        assertEquals(0, fast.exitCode(), fast.err());
        assertTrue(fast.err().contains("deep image prior (skip-64, "), fast.err());
        assertTrue(Files.readString(dir.resolve("fast.json")).contains("\"preset\" : \"skip-64\""));
        CliRun paper = CliRun.of("denoise", in.toString(), "-o", dir.resolve("paper.png").toString(), "--iterations", "1",
                "--threads", "1", "--recipe", "paper");
        assertEquals(0, paper.exitCode(), paper.err());
        assertTrue(paper.err().contains("deep image prior (skip, 2217831 parameters"), paper.err());
        assertTrue(Files.readString(dir.resolve("paper.json")).contains("\"preset\" : \"skip\""));
    }

    private static String lastLine(CliRun r) {
        assertEquals(0, r.exitCode(), r.err());
        String[] lines = r.out().strip().split("\n");
        return lines[lines.length - 1];
    }

    @Test
    void netCommandPrintsTheParameterCountLast() {
        CliRun r = CliRun.of("net", "skip");
        assertEquals(0, r.exitCode(), r.err());
        String[] lines = r.out().strip().split("\n");
        assertEquals("parameters: 2217831", lines[lines.length - 1]);
    }
}
