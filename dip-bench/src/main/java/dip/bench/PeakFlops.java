package dip.bench;

import dip.engine.Cpu;
import dip.engine.Precision;

/**
 * A nominal peak of the cores, to put achieved GFLOP/s in proportion: threads × clock × FLOP per cycle per
 * core. FLOP per cycle: two FMA pipes of the vector width (AVX-512: 64 fp32; AMD Zen 4 splits 512-bit
 * operations in two halves: 32; AVX2: 32), for bf16 twice that with AVX512-BF16 dot products and 1024
 * with AMX tiles. The clock is the one /proc/cpuinfo reports (base, not boost), so shares above 100% are
 * possible; NaN when the clock is unknown.
 */
public final class PeakFlops {
    private PeakFlops() {}

    public static double gflops(Precision precision, int threads) {
        double ghz = Cpu.clockMhz() / 1000;
        return threads * ghz * flopsPerCycle(precision, Cpu.instructionSet(), Cpu.splitsAvx512());
    }

    static double flopsPerCycle(Precision precision, String isa, boolean halfWidth512) {
        double fp32 = switch (isa) {
            case "AMX-BF16", "AVX512-BF16", "AVX-512" -> halfWidth512 ? 32 : 64;
            case "AVX2" -> 32;
            default -> 16;
        };
        if (precision == Precision.FP32) {
            return fp32;
        }
        return switch (isa) {
            case "AMX-BF16" -> 1024;
            case "AVX512-BF16" -> 2 * fp32;
            default -> fp32; // emulated: no faster than fp32
        };
    }
}
