package dip.engine;

import java.util.Locale;

/**
 * The memory layout convolutions run in. oneDNN convolves channels-last (NHWC) tensors without reordering them
 * to its blocked layout; a plain NCHW tensor is reordered inside every call. Which is faster depends on the CPU
 * and the precision, so it is chosen per instruction set and precision ({@link #forConvolution}), and can be
 * forced with {@code -Ddip.layout=nhwc|nchw} for measurements (bf16 stays NHWC even then).
 */
public enum Layout {
    /** Channels-last: the tensor is made NHWC before the call. */
    NHWC,
    /** The tensor is made NCHW-contiguous before the call (a no-op for the plain tensors the ops before it produce). */
    NCHW;

    /** System property that forces one layout for every convolution (nhwc, nchw, or auto). */
    public static final String PROPERTY = "dip.layout";

    /**
     * The channel block an fp32 convolution on plain NCHW tensors must see whole. libtorch 2.10's oneDNN convolution
     * reorders a plain NCHW fp32 tensor into a channel-blocked buffer (8 channels a block with AVX2, 16 with AVX-512),
     * leaves that buffer's padding channels uninitialised, and its kernels read them: the forward pass of an input
     * count like 36, 68 or 132 (the skip nets' concatenations) and the input gradient of an output count like 3 or 4
     * come out wrong — NaN whenever the reused heap memory held a NaN bit pattern, and different from run to run.
     * The input gradient of a stride-2 convolution was also wrong for 48, 80 and 112 inputs (AVX-512; 112 with AVX2):
     * its kernel takes two blocks at a time. Every multiple of 32 tried was exact, natively and with
     * ONEDNN_MAX_CPU_ISA=AVX2, against a plain loop (ConvolutionLayoutTest, AMD Zen 5); so is channels-last at any
     * count. {@link Ops#conv2d} pads an NCHW convolution's channels with zeros to multiples of this.
     */
    static final int NCHW_BLOCK = 32;

    /** The zero channels that make {@code channels} a whole number of {@link #NCHW_BLOCK}s. */
    static long toWholeBlocks(long channels) {
        return (NCHW_BLOCK - channels % NCHW_BLOCK) % NCHW_BLOCK;
    }

    /**
     * The layout the convolutions in this precision run in. bf16 is always NHWC: oneDNN 3.7's blocked bf16
     * kernels sporadically turned whole output channels into NaN for channel counts that are not a multiple of 16
     * (AMD Zen 5). fp32 is NHWC on CPUs with AVX-512 and NCHW on the others, as measured with the default net at
     * 256², fp32, 2 threads, in one run on an AMD EPYC Zen 4 ({@code ./dip bench speed}, -Ddip.layout forced):
     * AVX-512 NHWC 0.84–0.86 s per iteration vs NCHW 0.93; imitating an AVX2-only CPU (ONEDNN_MAX_CPU_ISA=AVX2
     * ATEN_CPU_CAPABILITY=avx2) NHWC 1.75–1.95 s vs NCHW 1.03–1.10 (the authors' PyTorch 1.13 code on the same
     * machine: 1.38 s in NCHW, 2.97 s channels-last).
     */
    public static Layout forConvolution(boolean bf16) {
        String forced = System.getProperty(PROPERTY, "auto").toLowerCase(Locale.ROOT);
        return switch (forced) {
            case "nhwc" -> NHWC;
            case "nchw" -> bf16 ? NHWC : NCHW;
            case "auto" -> bf16 || Cpu.hasAvx512() ? NHWC : NCHW;
            default -> throw new IllegalArgumentException("-D" + PROPERTY + " must be nhwc, nchw or auto, got '" + forced + "'");
        };
    }

    /**
     * x stored as this precision's convolutions take it. A net input kept in that layout spares the first
     * convolutions a copy every iteration: the perturbation added to it and the padding keep its layout.
     */
    public static Tensor forConvolutionInput(Tensor x, boolean bf16) { return forConvolution(bf16).apply(x); }

    /** x in this layout. */
    Tensor apply(Tensor x) { return this == NHWC ? x.channelsLast() : x.contiguous(); }
}
