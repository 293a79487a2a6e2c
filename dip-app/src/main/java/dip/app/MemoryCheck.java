package dip.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Refuses, before hours of work start, a fit that cannot fit in this machine's memory. */
public final class MemoryCheck {
    private MemoryCheck() {}

    /** Throws a {@link UserError} (exit code 6) with a one-line advice when {@code bytes} exceed the available memory. */
    public static void require(long bytes) {
        long available = availableBytes();
        if (available > 0 && bytes > available) {
            throw new UserError(ExitCode.MEMORY, String.format(
                    "this fit needs about %.1f GiB of memory but %.1f GiB is available; use a smaller image (crop or"
                            + " downscale it) or a smaller net (e.g. --channels-down 64,64,64,64,64)",
                    bytes / (double) (1L << 30), available / (double) (1L << 30)));
        }
    }

    /** MemAvailable from /proc/meminfo (or DIP_MEMORY_AVAILABLE_MB, for tests); 0 if unknown. */
    public static long availableBytes() {
        String forced = System.getenv("DIP_MEMORY_AVAILABLE_MB");
        if (forced == null) {
            forced = System.getProperty("dip.memoryAvailableMb");
        }
        if (forced != null) {
            return Long.parseLong(forced.trim()) << 20;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: no check
        }
        return 0;
    }
}
