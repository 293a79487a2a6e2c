package dip.tile;

import dip.image.Image;

/**
 * Stitches tile outputs into the full output image with the plan's {@link TileWeights}. It holds two full-size
 * float buffers and nothing per tile: the blended image so far (channels planes) and the weight accumulated at
 * each pixel (one plane). Each tile is folded in as a running weighted mean,
 * {@code out ← out + (w / W)·(v − out)} with {@code W} the weight so far including w, which equals
 * {@code Σ w·v / Σ w} (the weights normalised at every pixel) and keeps every output pixel a convex combination
 * of the tiles' values: a pixel that all its tiles agree on comes out bit for bit, so an identity restorer
 * reproduces its input exactly. Tiles may be added in any order; the result is bit for bit repeatable for a
 * given order (the drivers use the plan's).
 */
public final class TileBlender {
    private final TilePlan plan;
    private final TileWeights weights;
    private final int channels;
    private final float[] blended;
    private final float[] weightSum;
    private final boolean[] added;
    private int addedCount;
    private boolean finished;

    /**
     * @throws IllegalArgumentException if channels is not positive or the output is too large for one image
     */
    public TileBlender(TilePlan plan, int channels) {
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be positive, got " + channels);
        }
        long pixels = (long) plan.outputHeight() * plan.outputWidth();
        if (pixels * channels > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("an output of " + channels + "x" + plan.outputHeight() + "x"
                    + plan.outputWidth() + " is too large for one image");
        }
        this.plan = plan;
        this.weights = new TileWeights(plan);
        this.channels = channels;
        this.blended = new float[(int) (pixels * channels)];
        this.weightSum = new float[(int) pixels];
        this.added = new boolean[plan.count()];
    }

    public TilePlan plan() { return plan; }

    /**
     * Folds in one tile's output, an image of the tile's output rectangle's size with this blender's channels.
     *
     * @throws IllegalArgumentException if the tile is not the plan's or the image has another shape
     * @throws IllegalStateException    if the tile was added before or the result was already taken
     */
    public void add(Tile tile, Image output) {
        if (finished) {
            throw new IllegalStateException("the blended image was already taken");
        }
        plan.requireTile(tile);
        plan.requireOutput(tile, channels, output);
        Tile.Rect r = tile.output();
        if (added[tile.index()]) {
            throw new IllegalStateException(tile.describe(plan.count()) + " was already blended");
        }
        double[] wy = weights.rowsView(tile);
        double[] wx = weights.colsView(tile);
        float[] src = output.data();
        int outPlane = plan.outputHeight() * plan.outputWidth();
        int tilePlane = r.height() * r.width();
        for (int i = 0; i < r.height(); i++) {
            int rowStart = (r.y() + i) * plan.outputWidth() + r.x();
            for (int j = 0; j < r.width(); j++) {
                int p = rowStart + j;
                double w = wy[i] * wx[j];
                double total = weightSum[p] + w;
                double share = w / total;
                weightSum[p] = (float) total;
                for (int c = 0; c < channels; c++) {
                    int q = c * outPlane + p;
                    double before = blended[q];
                    blended[q] = (float) (before + share * (src[c * tilePlane + i * r.width() + j] - before));
                }
            }
        }
        added[tile.index()] = true;
        addedCount++;
    }

    /** Whether every tile of the plan has been added. */
    public boolean complete() { return addedCount == plan.count(); }

    /**
     * The blended image, exactly the plan's output size. Hands over the buffer (no copy): the blender takes no more
     * tiles afterwards.
     *
     * @throws IllegalStateException if a tile is missing (its pixels would be black or half-weighted)
     */
    public Image result() {
        if (!complete()) {
            for (Tile t : plan.tiles()) {
                if (!added[t.index()]) {
                    throw new IllegalStateException((plan.count() - addedCount) + " of " + plan.count()
                            + " tiles are missing, the first " + t.describe(plan.count()));
                }
            }
        }
        finished = true;
        return new Image(channels, plan.outputHeight(), plan.outputWidth(), blended);
    }
}
