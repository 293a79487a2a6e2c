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
     * The default: fp32. bf16 is 1.7–2.6× faster on AVX512-BF16 (AMD Zen 5) and matched fp32 within 0.1 dB
     * with the default net, but with 32-channel nets oneDNN 3.7's bf16 convolutions returned NaN and
     * unrepeatable results there, so it is chosen explicitly, not by default.
     */
    public static Precision defaultPrecision() { return FP32; }

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
