package dip.tile;

import dip.image.Image;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * How an image is cut into overlapping tiles, each restored on its own and blended back (issue #14).
 *
 * <p>Along each axis tiles start at 0 and step {@code tile − overlap}; the last tile is aligned to the image's end,
 * so every tile is {@code tile} pixels long on an axis where the image is at least that long (the last one then
 * overlaps its neighbour by {@code overlap} or more), and an axis shorter than the tile gets one tile of the
 * axis's length. Tiles are ordered row-major. The overlap is in the input's pixels; with an output scale f
 * (the super-resolution factor, 1 otherwise) each tile's output rectangle is its input rectangle × f, and so is
 * every overlap.
 *
 * <p>The overlap may be at most half the tile: beyond that each pixel would be restored three times or more along
 * an axis, more than doubling the work per axis for no better blend. (Even so, an end-aligned last tile can reach
 * back into the tile before its neighbour; the blend's normalisation handles that, see {@link TileWeights}.)
 */
public final class TilePlan {
    private final int height;
    private final int width;
    private final int tileSize;
    private final int overlap;
    private final int scale;
    private final int[] rowStarts;
    private final int[] colStarts;
    private final List<Tile> tiles;

    private TilePlan(int height, int width, int tileSize, int overlap, int scale) {
        this.height = height;
        this.width = width;
        this.tileSize = tileSize;
        this.overlap = overlap;
        this.scale = scale;
        this.rowStarts = starts(height, tileSize, overlap);
        this.colStarts = starts(width, tileSize, overlap);
        List<Tile> list = new ArrayList<>(rowStarts.length * colStarts.length);
        for (int r = 0; r < rowStarts.length; r++) {
            for (int c = 0; c < colStarts.length; c++) {
                Tile.Rect in = new Tile.Rect(rowStarts[r], colStarts[c], tileHeight(), tileWidth());
                list.add(new Tile(list.size(), r, c, in, in.scaled(scale)));
            }
        }
        this.tiles = Collections.unmodifiableList(list);
    }

    /**
     * The plan for an input of height × width pixels, tiles of tileSize pixels overlapping by overlap pixels (both
     * in the input's pixels) and an output scale (1, or the super-resolution factor).
     *
     * @throws IllegalArgumentException with a one-line message when a size is not positive, the tile is smaller
     *         than 2, the overlap is negative or more than half the tile, or the output would not fit an int
     */
    public static TilePlan of(int height, int width, int tileSize, int overlap, int scale) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("image size must be positive, got " + height + "x" + width);
        }
        if (tileSize < 2) {
            throw new IllegalArgumentException("tile size must be at least 2 pixels, got " + tileSize);
        }
        if (overlap < 0) {
            throw new IllegalArgumentException("tile overlap must be 0 or more pixels, got " + overlap);
        }
        if (2L * overlap > tileSize) {
            throw new IllegalArgumentException("tile overlap (" + overlap + ") must be at most half the tile size ("
                    + tileSize + ")");
        }
        if (scale < 1) {
            throw new IllegalArgumentException("output scale must be at least 1, got " + scale);
        }
        if ((long) height * scale > Integer.MAX_VALUE || (long) width * scale > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("output of " + height + "x" + width + " × " + scale + " is too large");
        }
        return new TilePlan(height, width, tileSize, overlap, scale);
    }

    /** Tile starts along one axis of the given length: 0, step, 2·step, ..., and size − tile last. */
    static int[] starts(int size, int tileSize, int overlap) {
        if (size <= tileSize) {
            return new int[] {0};
        }
        int step = tileSize - overlap;
        int count = (size - tileSize + step - 1) / step + 1;
        int[] starts = new int[count];
        for (int i = 0; i < count; i++) {
            starts[i] = Math.min(i * step, size - tileSize);
        }
        return starts;
    }

    public int height() { return height; }
    public int width() { return width; }
    /** The requested tile size N (a tile is smaller only on an axis shorter than N). */
    public int tileSize() { return tileSize; }
    public int overlap() { return overlap; }
    public int scale() { return scale; }
    public int outputHeight() { return height * scale; }
    public int outputWidth() { return width * scale; }
    /** Every tile's height in input pixels: min(N, H). */
    public int tileHeight() { return Math.min(tileSize, height); }
    /** Every tile's width in input pixels: min(N, W). */
    public int tileWidth() { return Math.min(tileSize, width); }
    public int rows() { return rowStarts.length; }
    public int cols() { return colStarts.length; }
    /** The number of tiles. */
    public int count() { return tiles.size(); }
    /** The tiles in row-major order; {@code tiles().get(i).index() == i}. */
    public List<Tile> tiles() { return tiles; }
    public Tile tile(int row, int col) { return tiles.get(row * cols() + col); }
    /** The input row where each tile row starts (a copy). */
    public int[] rowStarts() { return rowStarts.clone(); }
    /** The input column where each tile column starts (a copy). */
    public int[] colStarts() { return colStarts.clone(); }

    /** Whether the tile is one of this plan's (same index, position and rectangles). */
    public boolean contains(Tile tile) {
        return tile.index() >= 0 && tile.index() < tiles.size() && tiles.get(tile.index()).equals(tile);
    }

    /** @throws IllegalArgumentException unless the tile is one of this plan's */
    void requireTile(Tile tile) {
        if (!contains(tile)) {
            throw new IllegalArgumentException(tile + " is not a tile of " + this);
        }
    }

    /** @throws IllegalArgumentException unless output has the channels and the tile's output size */
    void requireOutput(Tile tile, int channels, Image output) {
        Tile.Rect r = tile.output();
        if (output.channels() != channels || output.height() != r.height() || output.width() != r.width()) {
            throw new IllegalArgumentException(tile.describe(count()) + " output is " + output.shape() + ", expected "
                    + channels + "x" + r.height() + "x" + r.width());
        }
    }

    /** "12 tiles (3×4) of 256 px, overlap 32", with the tile's two sides where they differ and the scale if not 1. */
    public String describe() {
        String side = tileHeight() == tileWidth() ? tileHeight() + " px" : tileHeight() + "×" + tileWidth() + " px";
        return count() + (count() == 1 ? " tile" : " tiles") + " (" + rows() + "×" + cols() + ") of " + side
                + ", overlap " + overlap + (scale == 1 ? "" : ", output ×" + scale);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TilePlan p && p.height == height && p.width == width && p.tileSize == tileSize
                && p.overlap == overlap && p.scale == scale;
    }

    @Override
    public int hashCode() { return Arrays.hashCode(new int[] {height, width, tileSize, overlap, scale}); }

    @Override
    public String toString() {
        return "TilePlan[" + height + "x" + width + ", " + describe() + "]";
    }
}
