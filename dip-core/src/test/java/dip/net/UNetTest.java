package dip.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dip.engine.Engine;
import dip.engine.Scope;
import dip.engine.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class UNetTest {
    @BeforeAll
    static void init() {
        Engine.init(1);
        Engine.seed(0);
    }

    @Test
    void defaultIsFiveLevelsWithMultipleSixteen() {
        Net net = UNet.build(UNetConfig.defaults(32, 3));
        assertEquals(16, net.sizeMultiple());
        assertEquals("unet", net.name());
        assertEquals(1, UNet.build(UNetConfig.defaults(2, 1).withFilters(4)).sizeMultiple());
    }

    @Test
    void forwardAtAnOddSizePaddedToTheMultiple() {
        Net net = UNet.build(UNetConfig.defaults(4, 3));
        // A 21×37 image is padded (by the caller) to 32×48, the next multiples of 16.
        int h = roundUp(21, net.sizeMultiple());
        int w = roundUp(37, net.sizeMultiple());
        try (Scope s = new Scope()) {
            Tensor y = net.forward(Tensor.uniform(0, 0.1, 1, 4, h, w));
            assertArrayEquals(new long[] {1, 3, 32, 48}, y.shape());
            for (float v : y.toArray()) {
                assertTrue(v > 0 && v < 1);
            }
        }
    }

    @Test
    void smallVariantsRunWithEitherUpsamplingAndNorm() {
        for (SkipConfig.UpMode up : SkipConfig.UpMode.values()) {
            for (boolean bn : new boolean[] {true, false}) {
                Net net = UNet.build(new UNetConfig(2, 1, new int[] {4, 8, 8}, up, bn));
                try (Scope s = new Scope()) {
                    assertArrayEquals(new long[] {1, 1, 16, 20}, net.forward(Tensor.uniform(0, 0.1, 1, 2, 16, 20)).shape());
                }
            }
        }
    }

    @Test
    void parameterCountFollowsTheFormula() {
        assertEquals(expectedParameters(32, 3, new int[] {16, 32, 64, 128, 256}, true),
                UNet.build(UNetConfig.defaults(32, 3)).parameterCount());
        assertEquals(2_164_899L, UNet.build(UNetConfig.defaults(32, 3)).parameterCount()); // the formula's value
        // Filters need not double: the up conv maps f[i+1] to f[i] whatever they are.
        assertEquals(expectedParameters(3, 2, new int[] {4, 8, 8}, false),
                UNet.build(new UNetConfig(3, 2, new int[] {4, 8, 8}, SkipConfig.UpMode.NEAREST, false)).parameterCount());
    }

    /** Encoder stages (with optional BN), then per level the up conv and the norm-free up stage, then the 1×1 out. */
    private static long expectedParameters(int in, int out, int[] f, boolean bn) {
        long p = 0;
        for (int i = 0; i < f.length; i++) {
            int a = i == 0 ? in : f[i - 1];
            p += conv(a, f[i], 3) + conv(f[i], f[i], 3) + (bn ? 4L * f[i] : 0);
        }
        for (int i = 0; i < f.length - 1; i++) {
            p += conv(f[i + 1], f[i], 3) + conv(2 * f[i], f[i], 3) + conv(f[i], f[i], 3);
        }
        return p + conv(f[0], out, 1);
    }

    @Test
    void forwardMacsCountTheSkipAsAParallelBranch() {
        int[] f = {16, 32, 64, 128, 256};
        long h = 64;
        long w = 96;
        long expected = 0;
        for (int i = 0; i < f.length; i++) {
            long px = (h >> i) * (w >> i);
            int a = i == 0 ? 32 : f[i - 1];
            expected += 9L * (a * f[i] + f[i] * f[i]) * px;
            if (i < f.length - 1) {
                expected += 9L * (f[i + 1] * f[i] + 2 * f[i] * f[i] + f[i] * f[i]) * px;
            }
        }
        expected += 16L * 3 * h * w;
        assertEquals(expected, UNet.build(UNetConfig.defaults(32, 3)).forwardMacs(h, w));
    }

    @Test
    void badConfigsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> UNetConfig.defaults(3, 3).withFilters());
        assertThrows(IllegalArgumentException.class, () -> UNetConfig.defaults(3, 3).withFilters(4, 0));
        assertThrows(IllegalArgumentException.class, () -> UNetConfig.defaults(0, 3));
    }

    static long conv(int in, int out, int k) { return (long) in * out * k * k + out; }

    static int roundUp(int n, int multiple) { return (n + multiple - 1) / multiple * multiple; }
}
