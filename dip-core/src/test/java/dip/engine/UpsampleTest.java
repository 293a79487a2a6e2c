package dip.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The ×2 bilinear upsampling as the skip nets use it (its output concatenated with a skip branch) gives the same
 * output and the same input gradient in channels-last, where {@link Ops#upsampleBilinear2x} puts a ×1 behind it so
 * that its backward takes libtorch's channels-last kernel, as in plain NCHW, where it does not.
 */
class UpsampleTest {
    @BeforeAll
    static void init() {
        Engine.init(2);
    }

    /** Output and input gradient of sum(cat(skip, up(x)) · r), as fp32 arrays. */
    private static float[][] run(Precision p, Tensor x0, Tensor skip0, Tensor r, boolean channelsLast) {
        try (Scope s = new Scope()) {
            Tensor x = p.cast(channelsLast ? x0.channelsLast() : x0).copy().requireGrad();
            Tensor skip = p.cast(channelsLast ? skip0.channelsLast() : skip0).copy();
            Tensor y = Precision.FP32.cast(Ops.concatChannels(skip, Ops.upsampleBilinear2x(x)));
            y.times(r).sum().backward();
            return new float[][] {y.toArray(), Precision.FP32.cast(x.grad()).toArray()};
        }
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void channelsLastMatchesNchw(Precision p) {
        assumeTrue(p == Precision.FP32 || Cpu.hasNativeBf16(), "bf16 needs a CPU with bf16 instructions");
        try (Scope s = new Scope()) {
            Engine.seed(3);
            Tensor x = Precision.FP32.cast(Precision.BF16.cast(Tensor.normal(1, 1, 16, 9, 7)));
            Tensor skip = Precision.FP32.cast(Precision.BF16.cast(Tensor.normal(1, 1, 4, 18, 14)));
            Tensor r = Tensor.normal(1, 1, 20, 18, 14);
            float[][] nchw = run(p, x, skip, r, false);
            float[][] nhwc = run(p, x, skip, r, true);
            assertArrayEquals(nchw[0], nhwc[0], 0f, "outputs");
            double tolerance = p == Precision.BF16 ? 2e-2 : 1e-5;
            for (int i = 0; i < nchw[1].length; i++) {
                float a = nchw[1][i], b = nhwc[1][i];
                assertTrue(Float.isFinite(b) && Math.abs(a - b) <= tolerance * (1 + Math.abs(a)),
                        "gradient " + i + ": NCHW " + a + ", channels-last " + b);
            }
        }
    }
}
