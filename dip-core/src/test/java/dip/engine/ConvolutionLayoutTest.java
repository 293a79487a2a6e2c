package dip.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An fp32 convolution in every layout dip runs it in gives the plain-loop result: output and input gradient. The
 * heap is first filled with NaN and freed, so a kernel that reads memory it never wrote shows NaN at once (libtorch
 * 2.10's oneDNN convolution on plain NCHW tensors does, for channel counts that are not whole blocks, unless
 * {@link Ops#conv2d} pads them: {@link Layout#NCHW_BLOCK}). Run natively and, in CI, under
 * ONEDNN_MAX_CPU_ISA=AVX2 ATEN_CPU_CAPABILITY=avx2, the kernels an AVX2-only CPU takes.
 */
class ConvolutionLayoutTest {
    @BeforeAll
    static void init() {
        Engine.init(2);
    }

    @AfterEach
    void auto() {
        System.clearProperty(Layout.PROPERTY);
    }

    /** Allocates tensors full of NaN of many sizes and frees them: the next allocations reuse that memory. */
    static void poisonHeap() {
        try (Scope s = new Scope()) {
            for (long n = 1 << 10; n <= 1 << 22; n <<= 1) {
                Tensor.zeros(n).plus(Double.NaN).plus(0.0);
            }
        }
    }

    /** y = conv(reflect-pad(x)) by plain loops in double: the skip nets' convolution. */
    private static double[] plainForward(float[] x, float[] w, float[] b, int in, int out, int k, int stride, int h) {
        int p = (k - 1) / 2;
        int ho = (h + 2 * p - k) / stride + 1;
        double[] y = new double[out * ho * ho];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < ho; i++) {
                for (int j = 0; j < ho; j++) {
                    double s = b[o];
                    for (int c = 0; c < in; c++) {
                        for (int u = 0; u < k; u++) {
                            for (int v = 0; v < k; v++) {
                                s += (double) x[(c * h + reflect(i * stride + u - p, h)) * h + reflect(j * stride + v - p, h)]
                                        * w[((o * in + c) * k + u) * k + v];
                            }
                        }
                    }
                    y[(o * ho + i) * ho + j] = s;
                }
            }
        }
        return y;
    }

    /** d/dx of sum(y · r) by the same loops. */
    private static double[] plainInputGradient(float[] r, float[] w, int in, int out, int k, int stride, int h) {
        int p = (k - 1) / 2;
        int ho = (h + 2 * p - k) / stride + 1;
        double[] g = new double[in * h * h];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < ho; i++) {
                for (int j = 0; j < ho; j++) {
                    double ry = r[(o * ho + i) * ho + j];
                    for (int c = 0; c < in; c++) {
                        for (int u = 0; u < k; u++) {
                            for (int v = 0; v < k; v++) {
                                g[(c * h + reflect(i * stride + u - p, h)) * h + reflect(j * stride + v - p, h)]
                                        += ry * w[((o * in + c) * k + u) * k + v];
                            }
                        }
                    }
                }
            }
        }
        return g;
    }

    private static int reflect(int i, int n) { return i < 0 ? -i : i >= n ? 2 * n - 2 - i : i; }

    private static void assertClose(float[] got, double[] want, String what) {
        double worst = 0;
        for (int i = 0; i < want.length; i++) {
            double d = Math.abs(got[i] - want[i]);
            assertTrue(d <= 1e-4 + 1e-4 * Math.abs(want[i]), what + ": element " + i + " is " + got[i] + ", the plain loop gives " + want[i]);
            worst = Math.max(worst, d);
        }
    }

    /**
     * The skip nets' convolutions: concatenations (36, 68, 132 inputs), skip branches (4 outputs), the output (3); and
     * stride-2 counts whose input gradient oneDNN got wrong even in whole 16-channel blocks (48, 80, 112).
     */
    @ParameterizedTest(name = "{0}: {1} -> {2} channels, kernel {3}, stride {4}, {5}x{5}")
    @CsvSource({"auto,36,64,3,1,34", "nchw,36,64,3,1,34", "nhwc,36,64,3,1,34", "nchw,68,64,3,2,34", "nchw,132,16,3,1,24",
            "nchw,64,4,3,1,34", "nchw,64,4,1,1,34", "nchw,64,3,1,1,34", "nchw,64,64,3,1,34", "nchw,72,32,3,1,34",
            "auto,68,64,3,1,34", "auto,64,3,1,1,34", "nchw,80,64,3,2,34", "nchw,64,64,3,2,34", "nchw,68,64,3,2,32", "nchw,80,64,3,2,32", "nchw,96,64,3,2,32", "nchw,112,64,3,2,32", "nchw,128,64,3,2,32", "nchw,48,64,3,2,32", "nchw,32,64,3,2,32", "nchw,16,64,3,2,32", "nchw,80,64,3,1,32", "nchw,80,16,3,2,32", "nchw,160,64,3,2,32"})
    void everyLayoutGivesThePlainLoopResult(String layout, int in, int out, int k, int stride, int h) {
        System.setProperty(Layout.PROPERTY, layout);
        for (int round = 0; round < 2; round++) {
            try (Scope s = new Scope()) {
                poisonHeap();
                Engine.seed(round);
                Tensor x = Tensor.uniform(-1, 1, 1, in, h, h).requireGrad();
                Tensor w = Tensor.uniform(-0.1, 0.1, out, in, k, k);
                Tensor b = Tensor.uniform(-0.1, 0.1, out);
                Tensor y = Ops.conv2d(Ops.reflectPad(x, (k - 1) / 2), w, b, stride);
                Tensor r = Tensor.uniform(-1, 1, y.shape());
                poisonHeap();
                y.times(r).sum().backward();
                float[] xs = x.toArray();
                float[] ws = w.toArray();
                assertClose(y.toArray(), plainForward(xs, ws, b.toArray(), in, out, k, stride, h), layout + " output");
                assertClose(x.grad().toArray(), plainInputGradient(r.toArray(), ws, in, out, k, stride, h), layout + " input gradient");
            }
        }
    }
}
