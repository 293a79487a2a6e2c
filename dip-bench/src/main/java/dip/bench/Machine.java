package dip.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the benchmark ran on: CPU model, the widest matrix instructions it has, memory readings. */
public final class Machine {
    private Machine() {}

    public static String cpuModel() {
        return cpuinfoField("model name").orElse(System.getProperty("os.arch"));
    }

    /** AMX-BF16, AVX512-BF16, AVX-512, AVX2 or baseline: what oneDNN can use for convolutions. */
    public static String instructionSet() {
        String flags = cpuinfoField("flags").orElse("");
        List<String> f = List.of(flags.split("\\s+"));
        if (f.contains("amx_bf16")) {
            return "AMX-BF16";
        }
        if (f.contains("avx512_bf16")) {
            return "AVX512-BF16";
        }
        if (f.contains("avx512f")) {
            return "AVX-512";
        }
        return f.contains("avx2") ? "AVX2" : "SSE";
    }

    public static int cores() { return Runtime.getRuntime().availableProcessors(); }

    /** Peak resident set size of this process so far, in MiB (Linux VmHWM), or NaN if unknown. */
    public static double peakRssMiB() { return statusKiB("VmHWM") / 1024.0; }

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

    private static java.util.Optional<String> cpuinfoField(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith(key)) {
                    return java.util.Optional.of(line.substring(line.indexOf(':') + 1).trim());
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return java.util.Optional.empty();
    }
}
