package dip.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class PerturbationTest {
    private static final long[] SHAPE = {1, 8, 24, 20};

    @AfterAll
    static void back() { Engine.init(1); }

    /** z + σ·ε for a seeded generator, z drawn from it first and stored channels-last or NCHW, on the given threads. */
    private static float[][] perturb(long seed, int threads, boolean channelsLast, double sigma) {
        Engine.init(threads);
        Engine.seed(seed);
        try (Scope s = new Scope()) {
            Tensor z = Tensor.uniform(0, 0.1, SHAPE);
            z = channelsLast ? z.channelsLast() : z.contiguous();
            Tensor out = Perturbation.add(z, sigma, Precision.FP32);
            assertEquals(channelsLast, out.raw().is_contiguous(torch.MemoryFormat.ChannelsLast) && !out.raw().is_contiguous(),
                    "the perturbed input keeps z's layout");
            assertFalse(out.raw().requires_grad());
            float[] next = Tensor.uniform(0, 1, 4).toArray(); // what the generator gives after it
            return new float[][] {memoryOrder(z), memoryOrder(out), next};
        }
    }

    /** The values in the order they lie in memory (NHWC for a channels-last tensor). */
    private static float[] memoryOrder(Tensor t) {
        boolean cl = !t.raw().is_contiguous() && t.raw().is_contiguous(torch.MemoryFormat.ChannelsLast);
        return (cl ? new Tensor(t.raw().permute(0, 2, 3, 1).contiguous()) : t.contiguous()).toArray();
    }

    @Test
    void aSeededDrawRepeatsBitForBitOnOneThreadOrTwo() {
        float[][] one = perturb(7, 1, true, 1.0 / 30);
        float[][] two = perturb(7, 2, true, 1.0 / 30);
        float[][] again = perturb(7, 2, true, 1.0 / 30);
        assertArrayEquals(one[1], two[1]);
        assertArrayEquals(two[1], again[1]);
        assertArrayEquals(one[2], two[2], "the generator moves on by the same draws whatever the thread count");
        float[][] other = perturb(8, 2, true, 1.0 / 30);
        assertFalse(java.util.Arrays.equals(two[1], other[1]), "another seed, other noise");
    }

    /**
     * The noise is N(0, σ²) in each band (the two halves of z's memory), the bands are not copies of each other, and
     * each call draws afresh, in either layout.
     */
    @Test
    void theNoiseIsStandardNormalTimesSigmaInEachBand() {
        for (boolean channelsLast : new boolean[] {true, false}) {
            double sigma = 0.5;
            float[][] r = perturb(3, 2, channelsLast, sigma);
            int n = r[0].length;
            double[] eps = new double[n];
            for (int i = 0; i < n; i++) {
                eps[i] = (r[1][i] - r[0][i]) / sigma;
            }
            assertMoments(eps, 0, n / 2, "first band, channelsLast=" + channelsLast);
            assertMoments(eps, n / 2, n, "second band, channelsLast=" + channelsLast);
            double[] first = java.util.Arrays.copyOfRange(eps, 0, n / 2);
            double[] second = java.util.Arrays.copyOfRange(eps, n / 2, n);
            assertFalse(java.util.Arrays.equals(first, second), "the bands come from differently seeded generators");
            float[][] next = perturb(4, 2, channelsLast, sigma);
            assertFalse(java.util.Arrays.equals(r[1], next[1]));
        }
        Engine.init(2);
        Engine.seed(5);
        try (Scope s = new Scope()) {
            Tensor z = Tensor.zeros(SHAPE).channelsLast();
            float[] a = memoryOrder(Perturbation.add(z, 1, Precision.FP32));
            float[] b = memoryOrder(Perturbation.add(z, 1, Precision.FP32));
            assertFalse(java.util.Arrays.equals(a, b), "each call draws afresh");
        }
    }

    private static void assertMoments(double[] x, int from, int to, String what) {
        double mean = 0;
        for (int i = from; i < to; i++) {
            mean += x[i];
        }
        int n = to - from;
        mean /= n;
        double var = 0;
        for (int i = from; i < to; i++) {
            var += (x[i] - mean) * (x[i] - mean);
        }
        var /= n - 1;
        assertEquals(0, mean, 4 / Math.sqrt(n), what + ": mean");
        assertEquals(1, var, 4 * Math.sqrt(2.0 / n), what + ": variance");
    }

    /** In bf16 the result is z + σ·ε rounded once to bf16. */
    @Test
    void bf16IsTheFp32ResultRounded() {
        Engine.init(2);
        Engine.seed(11);
        float[] fp32;
        try (Scope s = new Scope()) {
            fp32 = Perturbation.add(Tensor.uniform(0, 0.1, SHAPE).channelsLast(), 0.1, Precision.FP32).copyContiguous().toArray();
        }
        Engine.seed(11);
        try (Scope s = new Scope()) {
            Tensor out = Perturbation.add(Tensor.uniform(0, 0.1, SHAPE).channelsLast(), 0.1, Precision.BF16);
            assertTrue(out.isBf16());
            float[] bf16 = out.copyContiguous().toArray();
            for (int i = 0; i < fp32.length; i++) {
                assertEquals(fp32[i], bf16[i], Math.abs(fp32[i]) / 128 + 1e-30, "element " + i);
            }
        }
    }
}
