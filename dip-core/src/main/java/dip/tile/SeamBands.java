package dip.tile;

import dip.image.Image;
import dip.metric.Protocol;

/**
 * The bands around the seams of a {@link TilePlan}, at the output scale: where a tiled restoration would show a
 * seam if its blend did not hide it, so that its quality there can be compared with the rest of the image.
 *
 * <p>The seams are where a hard cut would be: along each axis, between each tile and the next one of its row or
 * column, the centre line of their overlap. With output starts {@code s·f} and {@code t·f} of the two tiles (f the
 * plan's scale) and their length L (input pixels), the overlap is the output rows (or columns)
 * {@code [t·f, (s + L)·f)} and the cut lies before row {@code c = ⌊(s + L + t)·f / 2⌋}; its band of half-width h is
 * the rows {@code c − h … c + h − 1} (2h rows, h on either side of the cut) across the whole image, clipped to the
 * image. A pixel is in the band when it is in the band of any row seam or any column seam. A plan of one tile along
 * an axis has no seam along it; a plan of one tile has an empty band.
 */
public final class SeamBands {
    /** The default half-width of a band, in output pixels. */
    public static final int DEFAULT_HALF_WIDTH = 8;

    private final int height;
    private final int width;
    private final int halfWidth;
    private final int[] rowCuts;
    private final int[] colCuts;
    private final boolean[] band;
    private final int bandPixels;

    private SeamBands(TilePlan plan, int halfWidth) {
        this.height = plan.outputHeight();
        this.width = plan.outputWidth();
        this.halfWidth = halfWidth;
        this.rowCuts = cuts(plan.rowStarts(), plan.tileHeight(), plan.scale());
        this.colCuts = cuts(plan.colStarts(), plan.tileWidth(), plan.scale());
        boolean[] rows = across(rowCuts, height, halfWidth);
        boolean[] cols = across(colCuts, width, halfWidth);
        this.band = new boolean[height * width];
        int count = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (rows[y] || cols[x]) {
                    band[y * width + x] = true;
                    count++;
                }
            }
        }
        this.bandPixels = count;
    }

    /**
     * The seam bands of a plan.
     * @param halfWidth pixels on either side of each cut, at the output scale
     * @throws IllegalArgumentException when halfWidth is not positive
     */
    public static SeamBands of(TilePlan plan, int halfWidth) {
        if (halfWidth < 1) {
            throw new IllegalArgumentException("a seam band's half-width must be at least 1 pixel, got " + halfWidth);
        }
        return new SeamBands(plan, halfWidth);
    }

    /** The output row or column before which each seam's cut lies, along one axis. */
    private static int[] cuts(int[] starts, int length, int scale) {
        int[] cuts = new int[starts.length - 1];
        for (int k = 0; k < cuts.length; k++) {
            cuts[k] = (int) ((long) (starts[k] + length + starts[k + 1]) * scale / 2);
        }
        return cuts;
    }

    /** Which rows (or columns) of an axis of the given length lie within halfWidth of a cut. */
    private static boolean[] across(int[] cuts, int length, int halfWidth) {
        boolean[] in = new boolean[length];
        for (int c : cuts) {
            for (int i = Math.max(0, c - halfWidth); i < Math.min(length, c + halfWidth); i++) {
                in[i] = true;
            }
        }
        return in;
    }

    /** The output's height. */
    public int height() { return height; }
    /** The output's width. */
    public int width() { return width; }
    /** Pixels on either side of each cut. */
    public int halfWidth() { return halfWidth; }
    /** The output rows before which the horizontal seams' cuts lie (a copy). */
    public int[] rowCuts() { return rowCuts.clone(); }
    /** The output columns before which the vertical seams' cuts lie (a copy). */
    public int[] colCuts() { return colCuts.clone(); }
    /** The number of seams: tile rows − 1 plus tile columns − 1. */
    public int seams() { return rowCuts.length + colCuts.length; }
    /** The number of output pixels in the band. */
    public int bandPixels() { return bandPixels; }
    /** The share of the output's pixels in the band, in [0, 1]. */
    public double bandFraction() { return bandPixels / ((double) height * width); }

    /** Whether output pixel (y, x) is in the band. */
    public boolean inBand(int y, int x) { return band[y * width + x]; }

    /** One flag per output pixel, row-major: true in the band (a copy). */
    public boolean[] band() { return band.clone(); }

    /** One flag per output pixel, row-major: true away from the band (its complement). */
    public boolean[] away() {
        boolean[] away = new boolean[band.length];
        for (int i = 0; i < band.length; i++) {
            away[i] = !band[i];
        }
        return away;
    }

    /**
     * PSNR in the band and away from it.
     * @param band PSNR in dB over the band's pixels; NaN when the protocol measures none of them
     * @param away PSNR in dB over the other pixels; NaN when the protocol measures none of them
     */
    public record Psnrs(double band, double away) {}

    /**
     * The PSNR of {@code x} against {@code gt} under a protocol ({@link Protocol#psnr(Image, Image, boolean[])}), in
     * the band and away from it; for {@link Protocol#Y_SHAVE} the shave at the image's border applies to both.
     * @throws IllegalArgumentException when the images are not of the output's size
     */
    public Psnrs psnr(Protocol protocol, Image x, Image gt) {
        if (x.height() != height || x.width() != width) {
            throw new IllegalArgumentException("image " + x.shape() + " is not of the tiled output's size " + height + "x" + width);
        }
        return new Psnrs(protocol.psnr(x, gt, band), protocol.psnr(x, gt, away()));
    }
}
