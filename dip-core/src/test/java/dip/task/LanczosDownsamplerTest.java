package dip.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dip.engine.Engine;
import dip.engine.Scope;
import dip.engine.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LanczosDownsamplerTest {
    @BeforeAll
    static void init() { Engine.init(1); }

    @Test
    void tapsForX4MatchThePublishedValues() {
        double[] half = {-0.00106538, -0.00975170, -0.02038399, -0.01487789, 0.02459406, 0.09865850, 0.18311528, 0.23971112};
        assertTaps(4, half);
    }

    @Test
    void tapsForX2MatchThePublishedValues() {
        assertTaps(2, new double[] {-0.00886333, -0.04194003, 0.11650009, 0.43430327});
    }

    private static void assertTaps(int f, double[] half) {
        double[] t = LanczosDownsampler.taps(f);
        assertEquals(2 * half.length, t.length);
        for (int i = 0; i < half.length; i++) {
            assertEquals(half[i], t[i], 1e-7, "tap " + i);
            assertEquals(half[i], t[t.length - 1 - i], 1e-7, "mirrored tap " + i);
        }
    }

    @Test
    void shapeStrideAndPadding() {
        assertEquals(6, new LanczosDownsampler(4).padding());
        assertEquals(12, new LanczosDownsampler(8).padding());
        assertEquals(3, new LanczosDownsampler(2).padding());
        try (Scope s = new Scope()) {
            Tensor x = Tensor.uniform(0, 1, 1, 3, 32, 48);
            assertArrayEquals(new long[] {1, 3, 8, 12}, new LanczosDownsampler(4).apply(x).shape());
            assertArrayEquals(new long[] {1, 3, 4, 6}, new LanczosDownsampler(8).apply(x).shape());
        }
    }

    @Test
    void aConstantImageStaysConstantAndChannelsStaySeparate() {
        try (Scope s = new Scope()) {
            float[] v = new float[2 * 16 * 16];
            java.util.Arrays.fill(v, 0, 256, 0.25f);
            java.util.Arrays.fill(v, 256, 512, 0.75f);
            float[] y = new LanczosDownsampler(4).apply(Tensor.of(v, 1, 2, 16, 16)).toArray();
            for (int i = 0; i < 16; i++) {
                assertEquals(0.25, y[i], 1e-6);
                assertEquals(0.75, y[16 + i], 1e-6);
            }
        }
    }

    @Test
    void anImpulseSpreadsTheKernelWithStride() {
        // A unit impulse at (9, 9) of a 16×16 image, ×2: output (i, j) samples the kernel at rows 2i − 3 + k.
        try (Scope s = new Scope()) {
            float[] v = new float[16 * 16];
            v[9 * 16 + 9] = 1;
            float[] y = new LanczosDownsampler(2).apply(Tensor.of(v, 1, 1, 16, 16)).toArray();
            double[] t = LanczosDownsampler.taps(2);
            // output row i covers padded rows 2i..2i+7, i.e. input rows 2i−3..2i+4; input row 9 is tap 12 − 2i.
            for (int i = 3; i <= 6; i++) {
                for (int j = 3; j <= 6; j++) {
                    assertEquals(t[12 - 2 * i] * t[12 - 2 * j], y[i * 8 + j], 1e-6, "(" + i + "," + j + ")");
                }
            }
        }
    }
}
