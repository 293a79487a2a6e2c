package dip.bench;

import dip.engine.Cpu;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the benchmark ran on: CPU model, the widest matrix instructions it has, memory readings. */
public final class Machine {
    private Machine() {}

    public static String cpuModel() { return Cpu.model(); }

    /** AMX-BF16, AVX512-BF16, AVX-512, AVX2 or baseline: what oneDNN can use for convolutions. */
    public static String instructionSet() { return Cpu.instructionSet(); }

    public static int cores() { return Runtime.getRuntime().availableProcessors(); }

    /** Peak resident set size of this process so far, in MiB (Linux VmHWM), or NaN if unknown. */
    public static double peakRssMiB() { return statusKiB("VmHWM") / 1024.0; }

    /**
     * Resets the peak RSS (VmHWM) to the current RSS, so the next {@link #peakRssMiB()} is the peak since now: writes
     * 5 to /proc/self/clear_refs (Linux 4.0 and later). False where that cannot be done (the peak stays cumulative).
     */
    public static boolean resetPeakRss() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Current resident set size in MiB (Linux VmRSS), or NaN if unknown. */
    public static double rssMiB() { return statusKiB("VmRSS") / 1024.0; }

    private static double statusKiB(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key + ":")) {
                    return Double.parseDouble(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: no reading
        }
        return Double.NaN;
    }
}
