package dip.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The CPU the engine runs on, read from /proc/cpuinfo: its model and the matrix instructions oneDNN can use.
 *
 * <p>What oneDNN may use can be capped: {@code ONEDNN_MAX_CPU_ISA} (or {@code DNNL_MAX_CPU_ISA}) in the
 * environment caps oneDNN itself, and this class reads the same variable, so a CPU imitating an older one
 * (e.g. {@code ONEDNN_MAX_CPU_ISA=AVX2 ATEN_CPU_CAPABILITY=avx2}) is also taken for one by dip. The system
 * property {@value #ISA_PROPERTY} (AMX-BF16, AVX512-BF16, AVX-512, AVX2 or SSE) overrides both, for tests.
 */
public final class Cpu {
    /** System property that names the instruction set dip assumes, whatever the CPU says. */
    public static final String ISA_PROPERTY = "dip.cpu.isa";

    /** The instruction sets dip tells apart, narrowest first. */
    private static final List<String> LEVELS = List.of("SSE", "AVX2", "AVX-512", "AVX512-BF16", "AMX-BF16");

    private Cpu() {}

    public static String model() {
        return field("model name").orElse(System.getProperty("os.arch"));
    }

    /**
     * AMX-BF16, AVX512-BF16, AVX-512, AVX2 or SSE: the widest instructions oneDNN's convolutions can use —
     * the CPU's, capped by {@code ONEDNN_MAX_CPU_ISA}, or the value of {@value #ISA_PROPERTY} when set.
     */
    public static String instructionSet() {
        String forced = System.getProperty(ISA_PROPERTY);
        if (forced != null && !forced.isBlank()) {
            String level = forced.trim().toUpperCase(Locale.ROOT);
            if (!LEVELS.contains(level)) {
                throw new IllegalArgumentException("-D" + ISA_PROPERTY + " must be one of " + String.join(", ", LEVELS)
                        + ", got '" + forced + "'");
            }
            return level;
        }
        String detected = Info.DETECTED;
        return capOf(System.getenv("ONEDNN_MAX_CPU_ISA") != null ? System.getenv("ONEDNN_MAX_CPU_ISA")
                : System.getenv("DNNL_MAX_CPU_ISA"))
                .filter(cap -> LEVELS.indexOf(cap) < LEVELS.indexOf(detected)).orElse(detected);
    }

    /** What /proc/cpuinfo's flags allow, with no cap. */
    private static String detected() {
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

    /** The level a oneDNN ISA name caps dip at (oneDNN's names: AVX2, AVX2_VNNI, AVX512_CORE, AVX512_CORE_BF16, AVX512_CORE_AMX, ...). */
    static Optional<String> capOf(String onednnIsa) {
        if (onednnIsa == null || onednnIsa.isBlank()) {
            return Optional.empty();
        }
        String v = onednnIsa.trim().toUpperCase(Locale.ROOT);
        if (v.equals("ALL") || v.equals("DEFAULT")) {
            return Optional.empty();
        }
        if (v.contains("AMX")) {
            return Optional.of("AMX-BF16");
        }
        if (v.contains("AVX10") || v.contains("BF16") || v.contains("FP16")) {
            return Optional.of("AVX512-BF16");
        }
        if (v.startsWith("AVX512")) {
            return Optional.of("AVX-512");
        }
        return Optional.of(v.startsWith("AVX2") ? "AVX2" : "SSE");
    }

    /**
     * True when the CPU multiplies bf16 in hardware (AMX tiles or AVX512-BF16). Elsewhere oneDNN emulates
     * bf16 by converting to fp32, which is slower than computing in fp32 to begin with.
     */
    public static boolean hasNativeBf16() {
        String isa = instructionSet();
        return isa.equals("AMX-BF16") || isa.equals("AVX512-BF16");
    }

    /** True when oneDNN can use 512-bit vectors (AVX-512, AVX512-BF16 or AMX-BF16), as capped and overridden above. */
    public static boolean hasAvx512() {
        return LEVELS.indexOf(instructionSet()) >= LEVELS.indexOf("AVX-512");
    }

    /** The clock /proc/cpuinfo reports, in MHz (the base clock in a VM), or NaN when unknown. */
    public static double clockMhz() {
        try {
            return field("cpu MHz").map(Double::parseDouble).orElse(Double.NaN);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** AMD Zen 4 (family 25 with AVX-512 in use): its 512-bit operations run as two 256-bit halves. */
    public static boolean splitsAvx512() {
        return field("vendor_id").orElse("").equals("AuthenticAMD") && field("cpu family").orElse("").equals("25")
                && hasAvx512();
    }

    private static List<String> flags() {
        return List.of(field("flags").orElse("").split("\\s+"));
    }

    /** /proc/cpuinfo, read once, and what its flags allow (convolutions ask for the instruction set on every call). */
    private static final class Info {
        static final List<String> LINES = read();
        static final String DETECTED = detected();

        private static List<String> read() {
            try {
                return List.copyOf(Files.readAllLines(Path.of("/proc/cpuinfo")));
            } catch (IOException e) {
                return List.of(); // not Linux: nothing known
            }
        }
    }

    private static Optional<String> field(String key) {
        for (String line : Info.LINES) {
            if (line.startsWith(key)) {
                return Optional.of(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return Optional.empty();
    }
}
