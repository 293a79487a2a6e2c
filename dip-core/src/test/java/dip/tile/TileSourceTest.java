package dip.tile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dip.image.Image;
import java.util.List;
import org.junit.jupiter.api.Test;

class TileSourceTest {

    @Test
    void cutsTheImageAndTheMaskWithTheTileAndGivesItsSeed() {
        Image img = Fakes.random(3, 20, 30, 1);
        Image mask = Fakes.random(1, 20, 30, 2);
        TilePlan plan = TilePlan.of(20, 30, 12, 4, 1);
        TileSource source = new TileSource(plan, img, mask, 99);
        Tile t = plan.tile(1, 2);
        TileInput in = source.cut(t);
        Tile.Rect r = t.input();
        assertEquals(new Tile.Rect(8, 16, 12, 12), r);
        assertEquals(img.crop(8, 16, 12, 12), in.image());
        assertEquals(mask.crop(8, 16, 12, 12), in.mask());
        assertEquals(TileSeeds.seedFor(99, t), in.seed());
        assertEquals(plan.count(), in.count());
        assertNull(in.checkpoint());
        assertEquals("tile 7/8 (rows 8–19 × cols 16–27)", in.describe());
        assertNull(new TileSource(plan, img, null, 99).cut(t).mask());
    }

    @Test
    void findsTheTilesWhoseMaskHasNoKnownPixel() {
        TilePlan plan = TilePlan.of(10, 20, 8, 2, 1); // cols start 0, 6, 12
        Image mask = Image.zeros(1, 10, 20);
        mask.set(0, 9, 0, 1f);   // tiles (1,0) only
        mask.set(0, 0, 14, 1f);  // tiles (0,2) only
        List<Tile> bad = new TileSource(plan, Image.zeros(3, 10, 20), mask, 0).tilesWithoutKnownPixels();
        assertEquals(List.of(plan.tile(0, 0), plan.tile(0, 1), plan.tile(1, 1), plan.tile(1, 2)), bad);
        assertTrue(new TileSource(plan, Image.zeros(3, 10, 20), null, 0).tilesWithoutKnownPixels().isEmpty());
        assertFalse(TileSource.hasKnownPixel(Image.zeros(1, 4, 4)));
        Image one = Image.zeros(1, 4, 4);
        one.set(0, 3, 3, 1f);
        assertTrue(TileSource.hasKnownPixel(one));
    }

    @Test
    void refusesAnImageOrMaskOfAnotherSize() {
        TilePlan plan = TilePlan.of(10, 20, 8, 2, 1);
        assertEquals("the image is 10x21 but the tile plan is for 10x20", assertThrows(IllegalArgumentException.class,
                () -> new TileSource(plan, Image.zeros(3, 10, 21), null, 0)).getMessage());
        assertEquals("the mask is 1x10x19, expected 1x10x20", assertThrows(IllegalArgumentException.class,
                () -> new TileSource(plan, Image.zeros(3, 10, 20), Image.zeros(1, 10, 19), 0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TileSource(plan, Image.zeros(3, 10, 20), Image.zeros(3, 10, 20), 0));
    }
}
