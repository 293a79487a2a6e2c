package dip.tile;

/**
 * The blend weights of a {@link TilePlan}, at the output scale. A tile's weight is separable,
 * {@code w(y, x) = rows(y) · cols(x)}; along an axis it is 1 except across the actual overlap with each neighbour
 * (an end-aligned last tile overlaps by more than the plan's overlap), where it follows a raised-cosine ramp:
 * on a side of length L shared with the previous tile it rises as {@code 0.5 − 0.5·cos(π(i + 0.5)/L)},
 * i = 0..L−1, and the previous tile falls across the same L pixels as the complement {@code 1 − rise(i)}, so two
 * tiles' weights sum to 1 in their overlap and neither has a zero weight anywhere inside it. Sides without a
 * neighbour stay 1.
 *
 * <p>Where an end-aligned last tile reaches back into the tile before its neighbour, three tiles cover a pixel
 * and the raw weights sum to more than 1; blending therefore always divides by the sum of the weights at each
 * pixel ({@link #normalised}), which makes every configuration sum to 1. Because the tiles form a grid, that sum
 * is the product of the per-axis sums.
 */
public final class TileWeights {
    private final TilePlan plan;
    private final double[][] rowWeights;
    private final double[][] colWeights;
    private final double[] rowSums;
    private final double[] colSums;

    public TileWeights(TilePlan plan) {
        this.plan = plan;
        int f = plan.scale();
        this.rowWeights = axis(plan.rowStarts(), plan.tileHeight(), f);
        this.colWeights = axis(plan.colStarts(), plan.tileWidth(), f);
        this.rowSums = sums(rowWeights, plan.rowStarts(), f, plan.outputHeight());
        this.colSums = sums(colWeights, plan.colStarts(), f, plan.outputWidth());
    }

    /** The rising raised-cosine ramp across length pixels: 0.5 − 0.5·cos(π(i + 0.5)/length), in (0, 1). */
    public static double ramp(int i, int length) {
        return 0.5 - 0.5 * Math.cos(Math.PI * (i + 0.5) / length);
    }

    private static double[][] axis(int[] starts, int length, int f) {
        double[][] w = new double[starts.length][];
        for (int k = 0; k < starts.length; k++) {
            int rise = k > 0 ? (starts[k - 1] + length - starts[k]) * f : 0;
            int fall = k + 1 < starts.length ? (starts[k] + length - starts[k + 1]) * f : 0;
            w[k] = ramps(length * f, rise, fall);
        }
        return w;
    }

    private static double[] ramps(int length, int rise, int fall) {
        double[] w = new double[length];
        java.util.Arrays.fill(w, 1.0);
        for (int i = 0; i < rise; i++) {
            w[i] *= ramp(i, rise);
        }
        for (int j = 0; j < fall; j++) {
            w[length - fall + j] *= 1.0 - ramp(j, fall);
        }
        return w;
    }

    private static double[] sums(double[][] weights, int[] starts, int f, int outputLength) {
        double[] s = new double[outputLength];
        for (int k = 0; k < starts.length; k++) {
            for (int i = 0; i < weights[k].length; i++) {
                s[starts[k] * f + i] += weights[k][i];
            }
        }
        return s;
    }

    public TilePlan plan() { return plan; }

    /** The tile's raw weights down its output rectangle's rows (a copy; length = its output height). */
    public double[] rows(Tile tile) { return rowWeights[tile.row()].clone(); }

    /** The tile's raw weights across its output rectangle's columns (a copy; length = its output width). */
    public double[] cols(Tile tile) { return colWeights[tile.col()].clone(); }

    double[] rowsView(Tile tile) { return rowWeights[tile.row()]; }

    double[] colsView(Tile tile) { return colWeights[tile.col()]; }

    /** The tile's raw weight at output pixel (y, x), 0 outside its output rectangle. */
    public double raw(Tile tile, int y, int x) {
        Tile.Rect r = tile.output();
        int i = y - r.y();
        int j = x - r.x();
        if (i < 0 || j < 0 || i >= r.height() || j >= r.width()) {
            return 0.0;
        }
        return rowWeights[tile.row()][i] * colWeights[tile.col()][j];
    }

    /** The sum of all tiles' raw weights at output pixel (y, x); always > 0. */
    public double sum(int y, int x) { return rowSums[y] * colSums[x]; }

    /** The tile's share of output pixel (y, x): raw / sum. The shares of all tiles sum to 1 at every pixel. */
    public double normalised(Tile tile, int y, int x) { return raw(tile, y, x) / sum(y, x); }
}
