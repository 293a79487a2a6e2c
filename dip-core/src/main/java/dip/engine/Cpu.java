package dip.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The CPU the engine runs on, read from /proc/cpuinfo: its model and the matrix instructions oneDNN can use. */
public final class Cpu {
    private Cpu() {}

    public static String model() {
        return field("model name").orElse(System.getProperty("os.arch"));
    }

    /** AMX-BF16, AVX512-BF16, AVX-512, AVX2 or SSE: the widest instructions oneDNN's convolutions can use. */
    public static String instructionSet() {
        List<String> f = flags();
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

    /**
     * True when the CPU multiplies bf16 in hardware (AMX tiles or AVX512-BF16). Elsewhere oneDNN emulates
     * bf16 by converting to fp32, which is slower than computing in fp32 to begin with.
     */
    public static boolean hasNativeBf16() {
        List<String> f = flags();
        return f.contains("amx_bf16") || f.contains("avx512_bf16");
    }

    /** The clock /proc/cpuinfo reports, in MHz (the base clock in a VM), or NaN when unknown. */
    public static double clockMhz() {
        try {
            return field("cpu MHz").map(Double::parseDouble).orElse(Double.NaN);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** AMD Zen 4 (family 25 with AVX-512): its 512-bit operations run as two 256-bit halves. */
    public static boolean splitsAvx512() {
        return field("vendor_id").orElse("").equals("AuthenticAMD") && field("cpu family").orElse("").equals("25")
                && flags().contains("avx512f");
    }

    private static List<String> flags() {
        return List.of(field("flags").orElse("").split("\\s+"));
    }

    private static Optional<String> field(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith(key)) {
                    return Optional.of(line.substring(line.indexOf(':') + 1).trim());
                }
            }
        } catch (IOException e) {
            // not Linux: nothing known
        }
        return Optional.empty();
    }
}
