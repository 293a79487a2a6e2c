package dip.tile;

import dip.image.Image;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole input cut into a plan's tiles: the image, the inpainting mask if any (tiled with the image), and the run's
 * seed from which each tile's seed derives. The tiles are cut one at a time, when asked for.
 */
public final class TileSource {
    private final TilePlan plan;
    private final Image image;
    private final Image mask;
    private final long runSeed;

    /**
     * @param mask a 1-channel mask of the image's size (1 = known, 0 = hole), or null when the task has none
     * @throws IllegalArgumentException if the image or mask does not have the plan's input size
     */
    public TileSource(TilePlan plan, Image image, Image mask, long runSeed) {
        if (image.height() != plan.height() || image.width() != plan.width()) {
            throw new IllegalArgumentException("the image is " + image.height() + "x" + image.width()
                    + " but the tile plan is for " + plan.height() + "x" + plan.width());
        }
        if (mask != null && (mask.channels() != 1 || mask.height() != image.height() || mask.width() != image.width())) {
            throw new IllegalArgumentException("the mask is " + mask.shape() + ", expected 1x" + image.height() + "x"
                    + image.width());
        }
        this.plan = plan;
        this.image = image;
        this.mask = mask;
        this.runSeed = runSeed;
    }

    public TilePlan plan() { return plan; }
    public Image image() { return image; }
    /** The mask, or null. */
    public Image mask() { return mask; }
    public long runSeed() { return runSeed; }
    public int channels() { return image.channels(); }

    /** The tile's input: its rectangle of the image (and of the mask) and its seed; no checkpoint file. */
    public TileInput cut(Tile tile) {
        Tile.Rect r = tile.input();
        Image m = mask == null ? null : mask.crop(r.y(), r.x(), r.height(), r.width());
        return new TileInput(tile, plan.count(), image.crop(r.y(), r.x(), r.height(), r.width()), m,
                TileSeeds.seedFor(runSeed, tile), null);
    }

    /** The tiles whose part of the mask has no known pixel (nothing to restore them from); empty without a mask. */
    public List<Tile> tilesWithoutKnownPixels() {
        List<Tile> bad = new ArrayList<>();
        if (mask != null) {
            for (Tile t : plan.tiles()) {
                if (!hasKnownPixel(mask, t.input())) {
                    bad.add(t);
                }
            }
        }
        return bad;
    }

    /** Whether a (tile of a) mask has at least one known pixel, i.e. one with a value above 0. */
    public static boolean hasKnownPixel(Image mask) {
        return hasKnownPixel(mask, new Tile.Rect(0, 0, mask.height(), mask.width()));
    }

    private static boolean hasKnownPixel(Image mask, Tile.Rect r) {
        if (mask.channels() != 1) {
            throw new IllegalArgumentException("a mask has 1 channel, got " + mask.shape());
        }
        float[] m = mask.data();
        for (int y = r.y(); y < r.y() + r.height(); y++) {
            for (int x = r.x(); x < r.x() + r.width(); x++) {
                if (m[y * mask.width() + x] > 0f) {
                    return true;
                }
            }
        }
        return false;
    }
}
