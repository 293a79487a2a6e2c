package dip.engine;

import org.bytedeco.pytorch.global.torch;

/**
 * The number format a net computes in. Parameters, Adam's state, the data term and the loss always stay
 * fp32 (master weights); with {@link #BF16} the activations flow in bfloat16 and every convolution casts
 * its fp32 weights to bf16 on the way in, so oneDNN can use the CPU's bf16 dot-product instructions
 * (AMX tiles, or AVX512-BF16), halving memory traffic as well.
 */
public enum Precision {
    FP32, BF16;

    /** The tensor in this precision (a differentiable cast; the same tensor when it already is). */
    public Tensor cast(Tensor x) {
        torch.ScalarType type = this == BF16 ? torch.ScalarType.BFloat16 : torch.ScalarType.Float;
        return x.is(type) ? x : new Tensor(x.raw().to(type));
    }

    /**
     * The default ("auto"): bf16 on a CPU that multiplies bf16 in hardware (1.3–2.6× faster than fp32 on AMD
     * Zen 5's AVX512-BF16, same PSNR within 0.1 dB on the benchmark images), fp32 elsewhere (emulated bf16 is
     * slower than fp32). The CLI's {@code --precision auto} and the library pick through this one method.
     */
    public static Precision auto() { return Cpu.hasNativeBf16() ? BF16 : FP32; }

    /**
     * A requested precision ("auto", "fp32" or "bf16") as this CPU computes it: "auto" as {@link #auto()};
     * "bf16" on a CPU without bf16 instructions becomes fp32, and {@code notes} receives one line saying so.
     * @throws IllegalArgumentException for any other name
     */
    public static Precision resolve(String requested, java.util.function.Consumer<String> notes) {
        if (requested.equalsIgnoreCase("auto")) {
            return auto();
        }
        Precision p = parse(requested);
        if (p == BF16 && !Cpu.hasNativeBf16()) {
            notes.accept("this CPU (" + Cpu.instructionSet() + ") has no bf16 instructions; computing in fp32");
            return FP32;
        }
        return p;
    }

    /**
     * This precision, if this CPU computes it in hardware.
     * @throws IllegalArgumentException for bf16 on a CPU without bf16 instructions: oneDNN would emulate it,
     *     slower than fp32 and with other numbers than a bf16 CPU gives ({@link #resolve} falls back instead)
     */
    public Precision requireSupported() {
        if (this == BF16 && !Cpu.hasNativeBf16()) {
            throw new IllegalArgumentException("bf16 needs a CPU with bf16 instructions (AMX-BF16 or AVX512-BF16); this one has "
                    + Cpu.instructionSet() + ": use fp32, or Precision.auto() to pick the best this CPU has");
        }
        return this;
    }

    /** Parses "fp32" / "bf16" (case-insensitive). */
    public static Precision parse(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "fp32", "float32", "float" -> FP32;
            case "bf16", "bfloat16" -> BF16;
            default -> throw new IllegalArgumentException("unknown precision '" + s + "' (expected fp32 or bf16)");
        };
    }

    public String label() { return name().toLowerCase(java.util.Locale.ROOT); }
}
