package dip.tile;

import dip.image.Image;
import java.nio.file.Path;

/**
 * What the per-tile restoration receives: the tile, its part of the input (and of the mask, for inpainting), its
 * seed, and where it may keep a checkpoint so that an interrupted tile continues where it stopped.
 *
 * @param tile       the tile
 * @param count      the plan's number of tiles (for "tile k/n" messages)
 * @param image      the tile's input rectangle of the input image
 * @param mask       the same rectangle of the inpainting mask (1 channel, 1 = known), or null
 * @param seed       the tile's seed, {@link TileSeeds#seedFor}(run seed, tile)
 * @param checkpoint the tile's checkpoint file in the tile store (it may not exist yet), or null without a store
 */
public record TileInput(Tile tile, int count, Image image, Image mask, long seed, Path checkpoint) {

    /** This input with the given checkpoint file. */
    public TileInput withCheckpoint(Path file) {
        return new TileInput(tile, count, image, mask, seed, file);
    }

    /** "tile 3/12 (rows 0–255 × cols 224–479)". */
    public String describe() {
        return tile.describe(count);
    }
}
