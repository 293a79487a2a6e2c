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

class SkipNetTest {
    @BeforeAll
    static void init() {
        Engine.init(1);
        Engine.seed(0);
    }

    @Test
    void defaultNetHasThePapersParameterCount() {
        Net net = SkipNet.build(SkipConfig.defaults(32, 3));
        assertEquals(2_217_831L, net.parameterCount());
        assertTrue(net.summary().endsWith("parameters: 2217831"));
        assertEquals(32, net.sizeMultiple());
    }

    @Test
    void parameterCountFollowsTheFormula() {
        // JPEG preset: 3 input channels, nd = nu = [8,16,32,64,128], ns = [0,0,0,4,4], counted by hand below.
        int[] c = {8, 16, 32, 64, 128};
        Net net = SkipNet.build(SkipConfig.defaults(3, 3).withChannels(c, c, new int[] {0, 0, 0, 4, 4}));
        long expected = 0;
        int[] ns = {0, 0, 0, 4, 4};
        for (int i = 0; i < 5; i++) {
            int in = i == 0 ? 3 : c[i - 1];
            int deeperOut = i < 4 ? c[i + 1] : c[i];
            expected += conv(in, c[i], 3) + bn(c[i]) + conv(c[i], c[i], 3) + bn(c[i]);
            if (ns[i] > 0) {
                expected += conv(in, ns[i], 1) + bn(ns[i]);
            }
            expected += bn(ns[i] + deeperOut) + conv(ns[i] + deeperOut, c[i], 3) + bn(c[i]) + conv(c[i], c[i], 1) + bn(c[i]);
        }
        expected += conv(c[0], 3, 1);
        assertEquals(expected, net.parameterCount());
    }

    private static long conv(int in, int out, int k) { return (long) in * out * k * k + out; }

    private static long bn(int ch) { return 2L * ch; }

    @Test
    void forwardKeepsTheSpatialSizeAndRange() {
        int[] c = {8, 8, 8};
        Net net = SkipNet.build(SkipConfig.defaults(4, 3).withChannels(c, c, new int[] {2, 2, 2}));
        try (Scope s = new Scope()) {
            Tensor y = net.forward(Tensor.uniform(0, 0.1, 1, 4, 24, 40));
            assertArrayEquals(new long[] {1, 3, 24, 40}, y.shape());
            for (float v : y.toArray()) {
                assertTrue(v > 0 && v < 1);
            }
        }
    }

    @Test
    void everyResamplingModeBuildsAndRuns() {
        int[] c = {4, 4};
        for (SkipConfig.UpMode up : SkipConfig.UpMode.values()) {
            for (SkipConfig.DownMode down : SkipConfig.DownMode.values()) {
                Net net = SkipNet.build(SkipConfig.defaults(2, 1).withChannels(c, c, new int[] {1, 0})
                        .withModes(up, down).withKernels(5, 3, 1).withOneByOneUp(false));
                try (Scope s = new Scope()) {
                    assertArrayEquals(new long[] {1, 1, 16, 20}, net.forward(Tensor.uniform(0, 0.1, 1, 2, 16, 20)).shape());
                }
            }
        }
    }

    @Test
    void minimumSizeLeavesEveryConvRoomForItsPadding() {
        assertEquals(64, SkipNet.build(SkipConfig.defaults(32, 3)).minimumSize());
        assertEquals(192, NetPresets.library(3).minimumSize());
        assertEquals(32, NetPresets.unet(32, 3).minimumSize());
        Net tiny = SkipNet.build(SkipConfig.defaults(32, 3));
        try (Scope s = new Scope()) {
            assertArrayEquals(new long[] {1, 3, 64, 64}, tiny.forward(Tensor.uniform(0, 0.1, 1, 32, 64, 64)).shape());
        }
    }

    @Test
    void defaultNetCostsAbout78GmacAt512() {
        Net net = SkipNet.build(SkipConfig.defaults(32, 3));
        double gmac = net.forwardMacs(512, 512) / 1e9;
        assertEquals(78, gmac, 1.5);
    }

    @Test
    void badConfigsAreRejected() {
        int[] c = {4, 4};
        assertThrows(IllegalArgumentException.class, () -> SkipConfig.defaults(2, 1).withChannels(c, new int[] {4}, c));
        assertThrows(IllegalArgumentException.class, () -> SkipConfig.defaults(2, 1).withKernels(4, 3, 1));
    }
}
