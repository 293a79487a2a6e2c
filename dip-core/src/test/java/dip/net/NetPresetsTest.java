package dip.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dip.engine.Engine;
import dip.engine.Scope;
import dip.engine.Tensor;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NetPresetsTest {
    @BeforeAll
    static void init() {
        Engine.init(1);
        Engine.seed(0);
    }

    @Test
    void namesAreFixed() {
        assertEquals(List.of("skip", "skip-64", "encoder-decoder", "unet", "resnet", "jpeg", "text-inpainting", "large-hole", "library"),
                NetPresets.names());
    }

    @Test
    void everyPresetBuildsAndRunsAtItsSmallestSize() {
        for (String name : NetPresets.names()) {
            Net net = NetPresets.byName(name, 32, 3);
            assertEquals(name, net.name());
            assertEquals(3, net.outputChannels());
            // Reflection padding needs each conv's input larger than its pad: 2× the multiple is enough
            // for 3×3 nets; the library's 5×5 convs at 1/64 scale need 3× (192).
            int side = Math.max(16, net.sizeMultiple() * (name.equals("library") ? 3 : 2));
            try (Scope s = new Scope()) {
                Tensor y = net.forward(Tensor.uniform(0, 0.1, 1, net.inputDepth(), side, side));
                assertArrayEquals(new long[] {1, 3, side, side}, y.shape(), name);
                for (float v : y.toArray()) {
                    assertTrue(v > 0 && v < 1, name);
                }
            }
        }
    }

    @Test
    void presetsThatPrescribeTheirInputIgnoreTheRequestedDepth() {
        assertEquals(3, NetPresets.byName("jpeg", 32, 3).inputDepth());
        assertEquals(2, NetPresets.byName("large-hole", 32, 3).inputDepth());
        assertEquals(1, NetPresets.byName("library", 32, 3).inputDepth());
        assertEquals(8, NetPresets.byName("skip", 8, 3).inputDepth());
        assertTrue(NetPresets.meshgridInput("large-hole"));
        assertFalse(NetPresets.meshgridInput("skip"));
    }

    @Test
    void sizeMultiples() {
        int[] expected = {32, 32, 32, 16, 1, 32, 32, 32, 64};
        for (int i = 0; i < expected.length; i++) {
            String name = NetPresets.names().get(i);
            assertEquals(expected[i], NetPresets.byName(name, 32, 3).sizeMultiple(), name);
        }
    }

    @Test
    void parameterCountsOfTheSkipVariants() {
        assertEquals(2_217_831L, NetPresets.byName("skip", 32, 3).parameterCount());
        // Without skips each level loses its 1×1 skip conv + BN (32·4+4+8 at level 0, 128·4+4+8 below),
        // the BN after the concat shrinks by 2·4 and the up conv has 4·128·9 fewer weights.
        long lost = (32 * 4 + 4 + 8) + 4 * (128 * 4 + 4 + 8) + 5 * (8 + 4 * 128 * 9);
        assertEquals(2_217_831L - lost, NetPresets.byName("encoder-decoder", 32, 3).parameterCount());
        // Text inpainting: skips of 128 — per level a 1×1 skip conv + BN and 124 more channels into the up conv.
        long more = 0;
        for (int i = 0; i < 5; i++) {
            int in = i == 0 ? 32 : 128;
            more += (UNetTest.conv(in, 128, 1) + 256) - (UNetTest.conv(in, 4, 1) + 8) // skip branch
                    + 2L * 124                                                       // BN after concat
                    + 124L * 128 * 9;                                                // up conv weights
        }
        assertEquals(2_217_831L + more, NetPresets.byName("text-inpainting", 32, 3).parameterCount());
    }

    @Test
    void libraryFollowsTheNotebook() {
        // 6 levels of [16,32,64,128,128,128], no skips, 5×5 down, 3×3 up, no 1×1 up conv, 1 input channel.
        int[] c = {16, 32, 64, 128, 128, 128};
        long expected = 0;
        for (int i = 0; i < 6; i++) {
            int in = i == 0 ? 1 : c[i - 1];
            int deeperOut = i < 5 ? c[i + 1] : c[i];
            expected += UNetTest.conv(in, c[i], 5) + UNetTest.conv(c[i], c[i], 5) + 4L * c[i]
                    + 2L * deeperOut + UNetTest.conv(deeperOut, c[i], 3) + 2L * c[i];
        }
        expected += UNetTest.conv(16, 3, 1);
        assertEquals(expected, NetPresets.library(3).parameterCount());
    }

    @Test
    void anUnknownNameListsTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NetPresets.byName("vgg", 32, 3));
        assertTrue(e.getMessage().contains("vgg"));
        for (String name : NetPresets.names()) {
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
    }
}
