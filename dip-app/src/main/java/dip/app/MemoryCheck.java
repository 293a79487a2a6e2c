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

    /**
     * The most fits, from {@code most} down to 1, whose memory ({@code bytes} of the count) the available memory holds:
     * where it holds fewer, fewer fit at once (a tiled run's tiles, an ensemble's runs). 1 when even one does not fit
     * (then {@link #require} refuses it); {@code most} when the available memory is unknown.
     */
    public static int fitsAtOnce(int most, java.util.function.IntToLongFunction bytes) {
        long available = availableBytes();
        int n = Math.max(1, most);
        while (n > 1 && available > 0 && bytes.applyAsLong(n) > available) {
            n--;
        }
        return n;
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
