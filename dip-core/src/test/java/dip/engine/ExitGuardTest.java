package dip.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM while a thread is inside native work: the JVM's exit waits for the section to end, and no new
 * section starts afterwards (without the guard the exit ran libtorch's destructors under a running
 * convolution and crashed the process).
 */
class ExitGuardTest {
    @TempDir
    Path dir;

    /** The child process: one long section, then an attempt at another. */
    public static final class Child {
        public static void main(String[] args) throws InterruptedException {
            Engine.init(1);
            ExitGuard.onExit(() -> System.out.println("exit action ran"));
            try (ExitGuard.Section s = ExitGuard.enter()) {
                System.out.println("entered");
                System.out.flush();
                Thread.sleep(3000); // stands for an iteration still running when the signal comes
                System.out.println("section done");
            }
            try (ExitGuard.Section s = ExitGuard.enter()) {
                System.out.println("entered again");
            }
        }
    }

    @Test
    void theExitWaitsForTheRunningSectionAndBlocksNewOnes() throws IOException, InterruptedException {
        Path log = dir.resolve("log.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), Child.class.getName()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!Files.readString(log).contains("entered") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor();
        assertTrue(p.waitFor(1, TimeUnit.MINUTES));
        String out = Files.readString(log);
        assertEquals(143, p.exitValue(), out);
        assertTrue(out.contains("exit action ran"), out);
        assertTrue(out.contains("section done"), "the exit did not wait for the running section:\n" + out);
        assertFalse(out.contains("entered again"), "a section started after the exit began:\n" + out);
    }
}
