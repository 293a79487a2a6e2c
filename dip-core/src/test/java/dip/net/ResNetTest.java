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

class ResNetTest {
    @BeforeAll
    static void init() {
        Engine.init(1);
        Engine.seed(0);
    }

    @Test
    void forwardKeepsAnyOddSizeAndTheRange() {
        Net net = ResNet.build(ResNetConfig.defaults(4, 3));
        assertEquals(1, net.sizeMultiple());
        assertEquals("resnet", net.name());
        try (Scope s = new Scope()) {
            Tensor y = net.forward(Tensor.uniform(0, 0.1, 1, 4, 15, 17));
            assertArrayEquals(new long[] {1, 3, 15, 17}, y.shape());
            for (float v : y.toArray()) {
                assertTrue(v > 0 && v < 1);
            }
        }
    }

    @Test
    void parameterCountFollowsTheFormula() {
        assertEquals(expectedParameters(32, 3, 8, 32), ResNet.build(ResNetConfig.defaults(32, 3)).parameterCount());
        // 512 more than the reference's 167,907: its block convs have no bias (see ResNet's comment).
        assertEquals(168_419L, ResNet.build(ResNetConfig.defaults(32, 3)).parameterCount());
        assertEquals(expectedParameters(2, 1, 3, 8), ResNet.build(new ResNetConfig(2, 1, 3, 8)).parameterCount());
    }

    private static long expectedParameters(int in, int out, int blocks, int ch) {
        long block = 2 * UNetTest.conv(ch, ch, 3) + 4L * ch;
        return UNetTest.conv(in, ch, 3) + blocks * block + UNetTest.conv(ch, ch, 3) + 2L * ch + UNetTest.conv(ch, out, 3);
    }

    @Test
    void forwardMacsFollowTheFormula() {
        long px = 20L * 30;
        long expected = 9L * px * (32 * 32 + 8 * 2 * 32 * 32 + 32 * 32 + 32 * 3);
        assertEquals(expected, ResNet.build(ResNetConfig.defaults(32, 3)).forwardMacs(20, 30));
    }

    @Test
    void residualAddsTheIdentity() {
        // With an empty body (the identity), x + body(x) = 2x.
        Residual r = new Residual(new Sequential("identity"));
        try (Scope s = new Scope()) {
            float[] y = r.forward(Tensor.of(new float[] {1, -2, 3, 0.5f}, 1, 1, 2, 2)).toArray();
            assertArrayEquals(new float[] {2, -4, 6, 1}, y);
        }
    }

    @Test
    void badConfigsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ResNetConfig(3, 3, 8, 0));
        assertThrows(IllegalArgumentException.class, () -> new ResNetConfig(3, 3, -1, 32));
    }
}
