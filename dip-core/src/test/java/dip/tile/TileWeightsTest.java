package dip.tile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TileWeightsTest {
    /** Plans with inner tiles, end-aligned last tiles, f = 2/4/8, sides shorter than a tile, no overlap. */
    static final List<TilePlan> PLANS = List.of(
            TilePlan.of(37, 53, 16, 5, 1),
            TilePlan.of(20, 20, 16, 4, 1),
            TilePlan.of(9, 31, 8, 4, 4),
            TilePlan.of(5, 7, 8, 2, 2),
            TilePlan.of(100, 64, 32, 0, 1),
            TilePlan.of(11, 13, 4, 2, 8),
            TilePlan.of(30, 23, 10, 3, 4));

    @Test
    void theSharesOfAllTilesSumToOneAtEveryPixel() {
        for (TilePlan plan : PLANS) {
            TileWeights w = new TileWeights(plan);
            for (int y = 0; y < plan.outputHeight(); y++) {
                for (int x = 0; x < plan.outputWidth(); x++) {
                    double raw = 0;
                    double shares = 0;
                    for (Tile t : plan.tiles()) {
                        raw += w.raw(t, y, x);
                        shares += w.normalised(t, y, x);
                    }
                    assertEquals(raw, w.sum(y, x), 1e-12, plan + " at " + y + "," + x);
                    assertEquals(1.0, shares, 1e-12, plan + " at " + y + "," + x);
                }
            }
        }
    }

    @Test
    void whereTwoTilesMeetTheirRawWeightsAreComplementary() {
        // no pixel of these plans lies in three tiles along an axis
        for (TilePlan plan : List.of(TilePlan.of(40, 60, 16, 4, 1), TilePlan.of(20, 20, 16, 4, 1),
                TilePlan.of(100, 64, 32, 0, 1), TilePlan.of(13, 28, 8, 3, 4))) {
            TileWeights w = new TileWeights(plan);
            for (int y = 0; y < plan.outputHeight(); y++) {
                for (int x = 0; x < plan.outputWidth(); x++) {
                    assertEquals(1.0, w.sum(y, x), 1e-12, plan + " at " + y + "," + x);
                }
            }
        }
    }

    @Test
    void aThirdTileReachingBackStillGetsPositiveNormalisedWeights() {
        TilePlan plan = TilePlan.of(11, 11, 4, 2, 1); // starts 0,2,4,6,7: tile 2 (4–7) and tile 4 (7–10) share x = 7
        TileWeights w = new TileWeights(plan);
        assertTrue(w.sum(0, 7) > 1.0);
        int tilesAt7 = 0;
        for (Tile t : plan.tiles()) {
            if (t.row() == 0 && w.raw(t, 0, 7) > 0) {
                tilesAt7++;
            }
        }
        assertEquals(3, tilesAt7);
    }

    @Test
    void rampsSpanTheActualOverlapAtTheOutputScale() {
        // starts 0 and 4: the end-aligned second tile overlaps the first by 12 input pixels, not 4
        for (int f : new int[] {1, 2, 4}) {
            TilePlan plan = TilePlan.of(16, 20, 16, 4, f);
            TileWeights w = new TileWeights(plan);
            double[] first = w.cols(plan.tile(0, 0));
            double[] second = w.cols(plan.tile(0, 1));
            int start = 4 * f;
            int overlap = 12 * f;
            for (int i = 0; i < start; i++) {
                assertEquals(1.0, first[i]);
            }
            for (int i = 0; i < overlap; i++) {
                double rise = TileWeights.ramp(i, overlap);
                assertEquals(rise, second[i], 0.0);
                assertEquals(1.0 - rise, first[start + i], 0.0);
                assertTrue(second[i] > 0 && second[i] < 1, "inside the overlap a weight is strictly between 0 and 1");
                if (i > 0) {
                    assertTrue(second[i] > second[i - 1]);
                }
            }
            for (double v : w.rows(plan.tile(0, 0))) {
                assertEquals(1.0, v, "one tile row: no ramp down the rows");
            }
        }
    }

    @Test
    void theRampIsARaisedCosineSymmetricAboutItsMiddle() {
        for (int len : new int[] {1, 2, 7, 32}) {
            for (int i = 0; i < len; i++) {
                double r = TileWeights.ramp(i, len);
                assertEquals(0.5 - 0.5 * Math.cos(Math.PI * (i + 0.5) / len), r, 0.0);
                assertEquals(1.0, r + TileWeights.ramp(len - 1 - i, len), 1e-15);
            }
        }
        assertEquals(0.5, TileWeights.ramp(0, 1), 1e-15);
    }
}
