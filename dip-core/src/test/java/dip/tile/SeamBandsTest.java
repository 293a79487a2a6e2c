package dip.tile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dip.image.Image;
import dip.metric.Protocol;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;

class SeamBandsTest {
    /** 60×100, tiles 48 overlapping by 16: rows start at 0, 12; columns at 0, 32, 52. */
    private static final TilePlan PLAN = TilePlan.of(60, 100, 48, 16, 1);

    private static void assertBand(SeamBands b, BiPredicate<Integer, Integer> expected) {
        for (int y = 0; y < b.height(); y++) {
            for (int x = 0; x < b.width(); x++) {
                assertEquals(expected.test(y, x), b.inBand(y, x), "pixel " + y + "," + x);
            }
        }
    }

    @Test
    void theBandLiesAroundTheCentreOfEachOverlap() {
        SeamBands b = SeamBands.of(PLAN, 8);
        // overlaps: rows 12–47 (centre 30); columns 32–47 (centre 40) and 52–79 (centre 66)
        assertArrayEquals(new int[] {30}, b.rowCuts());
        assertArrayEquals(new int[] {40, 66}, b.colCuts());
        assertEquals(3, b.seams());
        assertBand(b, (y, x) -> (y >= 22 && y <= 37) || (x >= 32 && x <= 47) || (x >= 58 && x <= 73));
        // 16 rows × 100 + 2 × 16 columns × 60 − their 16 × 32 crossings
        assertEquals(1600 + 1920 - 512, b.bandPixels());
        assertEquals(3008 / 6000.0, b.bandFraction(), 1e-12);
        boolean[] band = b.band();
        boolean[] away = b.away();
        int count = 0;
        for (int i = 0; i < band.length; i++) {
            assertTrue(band[i] != away[i]);
            count += band[i] ? 1 : 0;
        }
        assertEquals(3008, count);
    }

    @Test
    void theBandIsClippedAtTheImageBorderAndAnAxisOfOneTileHasNoSeam() {
        SeamBands b = SeamBands.of(TilePlan.of(20, 100, 48, 16, 1), 36);
        assertArrayEquals(new int[0], b.rowCuts());
        // columns 40 ± 36 = 4–75 and 66 ± 36 = 30–101, clipped to 99
        assertBand(b, (y, x) -> x >= 4);
        assertEquals(96 * 20, b.bandPixels());
    }

    @Test
    void aSingleTileHasNoSeamsAndAnEmptyBand() {
        SeamBands b = SeamBands.of(TilePlan.of(40, 40, 48, 8, 1), 8);
        assertEquals(0, b.seams());
        assertEquals(0, b.bandPixels());
        assertEquals(0.0, b.bandFraction());
        for (boolean in : b.band()) {
            assertFalse(in);
        }
        Image gt = constant(3, 40, 40, 0.5f);
        SeamBands.Psnrs p = b.psnr(Protocol.RGB, constant(3, 40, 40, 0.75f), gt);
        assertTrue(Double.isNaN(p.band()));
        assertEquals(10 * Math.log10(16), p.away(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> SeamBands.of(PLAN, 0));
    }

    @Test
    void theCutIsTheCentreOfTheOutputOverlapOfNeighbouringTilesAtAnyScale() {
        for (TilePlan plan : List.of(PLAN, TilePlan.of(30, 50, 24, 6, 2), TilePlan.of(37, 53, 16, 5, 4), TilePlan.of(17, 17, 8, 0, 3))) {
            SeamBands b = SeamBands.of(plan, 8);
            assertEquals(plan.outputHeight(), b.height());
            assertEquals(plan.outputWidth(), b.width());
            for (int r = 1; r < plan.rows(); r++) {
                Tile.Rect prev = plan.tile(r - 1, 0).output();
                Tile.Rect next = plan.tile(r, 0).output();
                assertEquals((next.y() + prev.y() + prev.height()) / 2, b.rowCuts()[r - 1], plan + " row seam " + r);
            }
            for (int c = 1; c < plan.cols(); c++) {
                Tile.Rect prev = plan.tile(0, c - 1).output();
                Tile.Rect next = plan.tile(0, c).output();
                assertEquals((next.x() + prev.x() + prev.width()) / 2, b.colCuts()[c - 1], plan + " column seam " + c);
            }
        }
    }

    @Test
    void superResolutionBandsAreAtTheOutputScale() {
        // 30×50 input, tiles 24 overlapping by 6, ×2: input rows start at 0, 6; columns at 0, 18, 26
        SeamBands b = SeamBands.of(TilePlan.of(30, 50, 24, 6, 2), 8);
        assertArrayEquals(new int[] {30}, b.rowCuts()); // output overlap rows 12–47
        assertArrayEquals(new int[] {42, 68}, b.colCuts()); // output overlaps 36–47 and 52–95
        assertBand(b, (y, x) -> (y >= 22 && y <= 37) || (x >= 34 && x <= 49) || (x >= 60 && x <= 75));
    }

    @Test
    void anErrorOnlyInTheBandLowersTheBandsPsnrAndNotTheRest() {
        Image gt = constant(3, 60, 100, 0.5f);
        Image x = gt.copy();
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 60; y++) {
                for (int col = 0; col < 100; col++) {
                    if ((y >= 22 && y <= 37) || (col >= 32 && col <= 47) || (col >= 58 && col <= 73)) {
                        x.set(c, y, col, 0.75f);
                    }
                }
            }
        }
        SeamBands.Psnrs p = SeamBands.of(PLAN, 8).psnr(Protocol.RGB, x, gt);
        assertEquals(10 * Math.log10(16), p.band(), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, p.away());
        // a band one pixel off would see error-free pixels (band higher) or error away from it (away finite)
        SeamBands.Psnrs wider = SeamBands.of(PLAN, 9).psnr(Protocol.RGB, x, gt);
        assertTrue(wider.band() > p.band());
        SeamBands.Psnrs narrower = SeamBands.of(PLAN, 7).psnr(Protocol.RGB, x, gt);
        assertTrue(Double.isFinite(narrower.away()));
        assertThrows(IllegalArgumentException.class, () -> SeamBands.of(PLAN, 8).psnr(Protocol.RGB, gt.crop(0, 0, 50, 100),
                gt.crop(0, 0, 50, 100)));
    }

    private static Image constant(int c, int h, int w, float v) {
        float[] d = new float[c * h * w];
        Arrays.fill(d, v);
        return new Image(c, h, w, d);
    }
}
