package dip.tile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dip.image.Image;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TileBlenderTest {

    @Test
    void aConstantImageStaysExactlyConstant() {
        for (TilePlan plan : TileWeightsTest.PLANS) {
            Image constant = Fakes.constant(3, plan.height(), plan.width(), 0.3f);
            Image out = Fakes.blendNearest(plan, constant);
            assertEquals(Fakes.constant(3, plan.outputHeight(), plan.outputWidth(), 0.3f), out, plan.toString());
        }
    }

    @Test
    void theIdentityRestorerReproducesTheInputBitForBit() {
        for (int[] p : new int[][] {{37, 53, 16, 5}, {20, 20, 16, 4}, {11, 13, 4, 2}, {64, 48, 24, 12}, {9, 9, 16, 3}}) {
            Image in = Fakes.random(3, p[0], p[1], p[0] * 1000L + p[1]);
            Image out = Fakes.blendNearest(TilePlan.of(p[0], p[1], p[2], p[3], 1), in);
            assertArrayEquals(in.data(), out.data(), java.util.Arrays.toString(p));
        }
    }

    @Test
    void superResolutionOutputHasExactlyTheScaledSizeAndEveryTileInItsPlace() {
        Image lr = Fakes.random(1, 13, 21, 7);
        for (int f : new int[] {2, 4, 8}) {
            TilePlan plan = TilePlan.of(13, 21, 6, 2, f);
            Image out = Fakes.blendNearest(plan, lr);
            assertEquals("1x" + 13 * f + "x" + 21 * f, out.shape());
            assertArrayEquals(Fakes.nearest(lr, f).data(), out.data(), "f = " + f);
        }
    }

    @Test
    void twoTilesWithDifferentConstantsRampSmoothlyAndMonotonicallyAcrossTheOverlap() {
        // {width, tile, overlap, scale}: the second case's end-aligned tile overlaps by 12, not 4
        for (int[] p : new int[][] {{24, 16, 8, 1}, {24, 16, 8, 2}, {20, 16, 4, 1}, {20, 16, 4, 4}}) {
            TilePlan plan = TilePlan.of(3, p[0], p[1], p[2], p[3]);
            assertEquals(2, plan.count());
            float a = 0.2f;
            float b = 0.9f;
            TileBlender blender = new TileBlender(plan, 1);
            Tile first = plan.tile(0, 0);
            Tile second = plan.tile(0, 1);
            blender.add(first, Fakes.constant(1, first.output().height(), first.output().width(), a));
            blender.add(second, Fakes.constant(1, second.output().height(), second.output().width(), b));
            Image out = blender.result();
            int overlapStart = second.output().x();
            int overlapEnd = first.output().x() + first.output().width();
            int length = overlapEnd - overlapStart;
            double maxStep = 1.5 * (b - a) * Math.PI / (2 * length);
            for (int y = 0; y < out.height(); y++) {
                for (int x = 0; x < out.width(); x++) {
                    float v = out.get(0, y, x);
                    if (x < overlapStart) {
                        assertEquals(a, v, 0f, "only the first tile");
                    } else if (x >= overlapEnd) {
                        assertEquals(b, v, 0f, "only the second tile");
                    } else {
                        assertTrue(v > a && v < b, "inside the overlap, strictly between: " + v);
                    }
                    if (x > 0) {
                        float step = v - out.get(0, y, x - 1);
                        assertTrue(step >= 0, "monotone at x = " + x);
                        assertTrue(step <= maxStep, "no step at x = " + x + ": " + step + " > " + maxStep);
                    }
                }
            }
            assertEquals((a + b) / 2, (out.get(0, 0, overlapStart + length / 2 - 1) + out.get(0, 0, overlapStart + length / 2)) / 2,
                    1e-6, "the ramp is centred on the overlap");
        }
    }

    @Test
    void theBlendIsTheNormalisedWeightedSumOfTheTilesOutputs() {
        TilePlan plan = TilePlan.of(11, 13, 4, 2, 2); // has pixels in three tiles along each axis
        TileWeights w = new TileWeights(plan);
        SplittableRandom rnd = new SplittableRandom(3);
        float[] values = new float[plan.count()];
        TileBlender blender = new TileBlender(plan, 1);
        for (Tile t : plan.tiles()) {
            values[t.index()] = (float) rnd.nextDouble();
            blender.add(t, Fakes.constant(1, t.output().height(), t.output().width(), values[t.index()]));
        }
        Image out = blender.result();
        for (int y = 0; y < plan.outputHeight(); y++) {
            for (int x = 0; x < plan.outputWidth(); x++) {
                double expected = 0;
                for (Tile t : plan.tiles()) {
                    expected += w.normalised(t, y, x) * values[t.index()];
                }
                assertEquals(expected, out.get(0, y, x), 1e-6, "at " + y + "," + x);
            }
        }
    }

    @Test
    void refusesWrongShapesRepeatedAndMissingTiles() {
        TilePlan plan = TilePlan.of(10, 10, 6, 2, 2);
        TileBlender blender = new TileBlender(plan, 3);
        Tile t = plan.tile(0, 0);
        assertEquals("tile 1/4 (rows 0–5 × cols 0–5) output is 3x6x6, expected 3x12x12",
                assertThrows(IllegalArgumentException.class, () -> blender.add(t, Fakes.constant(3, 6, 6, 0f))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> blender.add(t, Fakes.constant(1, 12, 12, 0f)));
        blender.add(t, Fakes.constant(3, 12, 12, 0f));
        assertThrows(IllegalStateException.class, () -> blender.add(t, Fakes.constant(3, 12, 12, 0f)));
        assertFalse(blender.complete());
        assertEquals("3 of 4 tiles are missing, the first tile 2/4 (rows 0–5 × cols 4–9)",
                assertThrows(IllegalStateException.class, blender::result).getMessage());
        Tile foreign = TilePlan.of(10, 10, 5, 1, 2).tile(0, 1);
        assertThrows(IllegalArgumentException.class, () -> blender.add(foreign, Fakes.constant(3, 12, 12, 0f)));
    }
}
