package dip.tile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TilePlanTest {

    @Test
    void startsStepByTileMinusOverlapAndTheLastIsEndAligned() {
        assertArrayEquals(new int[] {0, 3, 6}, TilePlan.starts(10, 4, 1));
        assertArrayEquals(new int[] {0, 3, 6, 7}, TilePlan.starts(11, 4, 1));
        assertArrayEquals(new int[] {0, 192, 384, 488}, TilePlan.starts(744, 256, 64));
        assertArrayEquals(new int[] {0, 4}, TilePlan.starts(20, 16, 4));
        assertArrayEquals(new int[] {0}, TilePlan.starts(16, 16, 4));
        assertArrayEquals(new int[] {0}, TilePlan.starts(5, 16, 4));
        assertArrayEquals(new int[] {0, 8, 9}, TilePlan.starts(17, 8, 0));
    }

    @Test
    void everyTileIsFullSizeCoversTheImageAndOverlapsItsNeighbourByAtLeastTheOverlap() {
        for (int size = 1; size <= 80; size++) {
            for (int n = 2; n <= 20; n++) {
                for (int m = 0; 2 * m <= n; m++) {
                    int[] s = TilePlan.starts(size, n, m);
                    int len = Math.min(n, size);
                    assertEquals(0, s[0]);
                    assertEquals(size, s[s.length - 1] + len, "last tile ends at the image end");
                    for (int k = 1; k < s.length; k++) {
                        int ov = s[k - 1] + len - s[k];
                        assertTrue(ov >= m && ov < len, "size " + size + " n " + n + " m " + m + ": overlap " + ov);
                        if (k < s.length - 1) {
                            assertEquals(n - m, s[k] - s[k - 1], "inner tiles step by N - M");
                        }
                    }
                }
            }
        }
    }

    @Test
    void tilesAreRowMajorWithOutputRectanglesScaled() {
        TilePlan plan = TilePlan.of(37, 53, 16, 5, 4);
        assertEquals(3, plan.rows());
        assertEquals(5, plan.cols());
        assertEquals(15, plan.count());
        assertEquals(148, plan.outputHeight());
        assertEquals(212, plan.outputWidth());
        for (Tile t : plan.tiles()) {
            assertEquals(t, plan.tiles().get(t.index()));
            assertEquals(t.index(), t.row() * plan.cols() + t.col());
            assertEquals(t, plan.tile(t.row(), t.col()));
            assertEquals(new Tile.Rect(4 * t.input().y(), 4 * t.input().x(), 64, 64), t.output());
            assertEquals(16, t.input().height());
            assertEquals(16, t.input().width());
        }
        Tile last = plan.tiles().get(plan.count() - 1);
        assertEquals(new Tile.Rect(21, 37, 16, 16), last.input());
        assertEquals("tile 15/15 (rows 21–36 × cols 37–52)", last.describe(plan.count()));
    }

    @Test
    void aSideShorterThanTheTileGetsOneTileOfThatSide() {
        TilePlan plan = TilePlan.of(5, 40, 16, 4, 2);
        assertEquals(1, plan.rows());
        assertEquals(3, plan.cols());
        assertEquals(new Tile.Rect(0, 24, 5, 16), plan.tile(0, 2).input());
        assertEquals(new Tile.Rect(0, 48, 10, 32), plan.tile(0, 2).output());
        assertEquals("3 tiles (1×3) of 5×16 px, overlap 4, output ×2", plan.describe());
    }

    @Test
    void describesItself() {
        assertEquals("12 tiles (3×4) of 256 px, overlap 32", TilePlan.of(700, 900, 256, 32, 1).describe());
        assertEquals("1 tile (1×1) of 64 px, overlap 8", TilePlan.of(64, 64, 256, 8, 1).describe());
    }

    @Test
    void refusesBadSizesWithClearMessages() {
        assertEquals("tile size must be at least 2 pixels, got 1",
                assertThrows(IllegalArgumentException.class, () -> TilePlan.of(10, 10, 1, 0, 1)).getMessage());
        assertEquals("tile overlap must be 0 or more pixels, got -1",
                assertThrows(IllegalArgumentException.class, () -> TilePlan.of(10, 10, 4, -1, 1)).getMessage());
        assertEquals("tile overlap (3) must be at most half the tile size (5)",
                assertThrows(IllegalArgumentException.class, () -> TilePlan.of(10, 10, 5, 3, 1)).getMessage());
        assertEquals("image size must be positive, got 0x10",
                assertThrows(IllegalArgumentException.class, () -> TilePlan.of(0, 10, 4, 1, 1)).getMessage());
        assertEquals("output scale must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> TilePlan.of(10, 10, 4, 1, 0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> TilePlan.of(1 << 29, 10, 4, 1, 8));
        TilePlan.of(10, 10, 4, 2, 1); // exactly half is allowed
    }

    @Test
    void plansAreEqualByTheirParameters() {
        assertEquals(TilePlan.of(30, 40, 8, 2, 2), TilePlan.of(30, 40, 8, 2, 2));
        assertEquals(TilePlan.of(30, 40, 8, 2, 2).hashCode(), TilePlan.of(30, 40, 8, 2, 2).hashCode());
        assertTrue(!TilePlan.of(30, 40, 8, 2, 2).equals(TilePlan.of(30, 40, 8, 2, 4)));
    }
}
