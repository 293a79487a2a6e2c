package dip.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A bf16 convolution and its gradients agree with fp32 on the same (bf16-representable) numbers, and a
 * repeated call gives the same bits. oneDNN 3.7 got the input gradient wrong (garbage, sometimes NaN,
 * different on each call) for odd output-channel counts on AMD Zen 5; {@link Ops#conv2d} works around it.
 */
class ConvolutionTest {
    @BeforeAll
    static void init() {
        Engine.init(2);
    }

    /** Output, input gradient and weight gradient of sum(conv(x) · r), all as fp32 arrays. */
    private static float[][] run(Precision p, Tensor x0, Tensor w0, Tensor b0, Tensor r, int stride) {
        try (Scope s = new Scope()) {
            Tensor x = p.cast(x0.copy()).copy().requireGrad();
            Tensor w = w0.copy().requireGrad();
            Tensor b = b0.copy().requireGrad();
            Tensor y = Precision.FP32.cast(Ops.conv2d(x, w, b, stride));
            y.times(r).sum().backward();
            return new float[][] {y.toArray(), Precision.FP32.cast(x.grad()).toArray(), w.grad().toArray(), b.grad().toArray()};
        }
    }

    private static double relativeError(float[] a, float[] ref) {
        double num = 0, den = 0;
        for (int i = 0; i < a.length; i++) {
            if (!Float.isFinite(a[i])) {
                return Double.POSITIVE_INFINITY;
            }
            num += (a[i] - ref[i]) * (double) (a[i] - ref[i]);
            den += ref[i] * (double) ref[i];
        }
        return Math.sqrt(num / den);
    }

    private static Tensor bf16Exact(Tensor t) {
        return Precision.FP32.cast(Precision.BF16.cast(t));
    }

    @ParameterizedTest(name = "{0} -> {1} channels, kernel {2}, stride {3}, {4}x{4}")
    @CsvSource({"32,3,1,1,17", "132,3,3,2,32", "64,1,3,1,16", "36,5,3,1,17", "128,4,3,2,16", "36,128,3,1,16"})
    void bf16MatchesFp32AndRepeats(int in, int out, int kernel, int stride, int size) {
        try (Scope s = new Scope()) {
            Engine.seed(1);
            Tensor x = bf16Exact(Tensor.normal(1, 1, in, size, size));
            Tensor w = bf16Exact(Tensor.normal(0.1, out, in, kernel, kernel));
            Tensor b = bf16Exact(Tensor.normal(0.1, out));
            int o = (size - kernel) / stride + 1;
            Tensor r = Tensor.normal(1, 1, out, o, o);
            float[][] f = run(Precision.FP32, x, w, b, r, stride);
            float[][] g = run(Precision.BF16, x, w, b, r, stride);
            float[][] again = run(Precision.BF16, x, w, b, r, stride);
            String[] names = {"output", "input gradient", "weight gradient", "bias gradient"};
            for (int i = 0; i < f.length; i++) {
                double e = relativeError(g[i], f[i]);
                // bf16 keeps 8 bits of mantissa: sums of many products land within ~1% of fp32.
                assertTrue(e < 2e-2, names[i] + ": bf16 differs from fp32 by " + e + " (relative)");
                assertArrayEquals(g[i], again[i], names[i] + " differs between two identical bf16 calls");
            }
        }
    }
}
