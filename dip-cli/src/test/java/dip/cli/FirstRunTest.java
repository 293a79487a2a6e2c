package dip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's very first command, on an empty JavaCPP cache, must work: a fresh JVM with an empty
 * cache directory runs a real (tiny) fit end to end and exits 0.
 */
class FirstRunTest {
    @TempDir
    Path dir;

    @Test
    void aFitFromAnEmptyNativeCacheSucceeds() throws IOException, InterruptedException {
        Path cache = Files.createDirectory(dir.resolve("javacpp-cache"));
        Path out = dir.resolve("out.png");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-Dorg.bytedeco.javacpp.cachedir=" + cache,
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "denoise", Path.of("..", "samples", "f16.png").toString(), "-o", out.toString(), "--quiet",
                "--iterations", "2", "--threads", "1", "--channels-down", "8,8", "--channels-skip", "2,2"))
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "timed out");
        assertEquals(0, p.exitValue(), log);
        assertTrue(Files.exists(out));
        try (var files = Files.list(cache)) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith(".dip-natives-ready-")));
        }
    }
}
