package dip.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dip.image.ImageFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
                .redirectErrorStream(true).start();
        BufferedReader log = new BufferedReader(new InputStreamReader(p.getInputStream()));
        String line;
        while ((line = log.readLine()) != null && !line.startsWith("iteration ")) {
            // wait until the fit is running
        }
        p.destroy();
        StringBuilder rest = new StringBuilder();
        while ((line = log.readLine()) != null) {
            rest.append(line).append('\n');
        }
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        assertTrue(rest.toString().contains("interrupted after"), rest.toString());
        assertTrue(Files.exists(dir.resolve("out.interrupted.png")));
        assertTrue(Files.exists(dir.resolve("out.interrupted-average.png")));
        assertFalse(Files.exists(out), "the requested output is only written by a complete fit");
    }
}
