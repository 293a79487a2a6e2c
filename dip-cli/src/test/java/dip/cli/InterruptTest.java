package dip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dip.image.ImageFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM (what Process.destroy sends; Ctrl-C's SIGINT takes the same path) keeps the work done so far. */
class InterruptTest {
    @TempDir
    Path dir;

    @Test
    void aStoppedFitWritesItsResultNextToTheOutput() throws IOException, InterruptedException {
        Path in = dir.resolve("in.png");
        ImageFiles.write(ImageFiles.read(Path.of("..", "samples", "f16.png")).image().crop(0, 0, 32, 32), in, 8);
        Path out = dir.resolve("out.png");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "denoise", in.toString(), "-o", out.toString(), "--iterations", "1000000", "--threads", "1",
                "--channels-down", "4,4", "--channels-skip", "1,1"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!Files.readString(dir.resolve("log.txt")).contains("iteration ") && System.nanoTime() < deadline) {
            Thread.sleep(100); // wait until the fit is running
        }
        // SIGTERM by pid: Process.destroy would also close our end of the pipes.
        new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        String log = Files.readString(dir.resolve("log.txt"));
        assertTrue(log.contains("interrupted after"), log);
        assertTrue(Files.exists(dir.resolve("out.interrupted.png")));
        assertTrue(Files.exists(dir.resolve("out.interrupted-average.png")));
        assertFalse(Files.exists(out), "the requested output is only written by a complete fit");
        assertTrue(Files.exists(dir.resolve("out.ckpt")));
        // ...and the saved fit continues to completion.
        Matcher m = Pattern.compile("interrupted after (\\d+) of").matcher(log);
        assertTrue(m.find(), log);
        int done = Integer.parseInt(m.group(1));
        CliRun resumed = CliRun.of("denoise", in.toString(), "-o", out.toString(), "--iterations", Integer.toString(done + 2),
                "--threads", "1", "--channels-down", "4,4", "--channels-skip", "1,1", "--resume", dir.resolve("out.ckpt").toString(), "-q");
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(Files.exists(out));
    }
}
