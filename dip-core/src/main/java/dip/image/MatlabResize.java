package dip.image;

/**
 * Downscaling as MATLAB's {@code imresize(img, 1/f)} does it with its defaults (bicubic, antialiasing on), the way the
 * super-resolution literature makes its low-resolution test inputs (Set5, Set14 and the tables that compare with
 * them). The paper's bicubic column on Set5 is met by these inputs and not by PIL's Lanczos-3 ones (see
 * docs/quality/README.md).
 *
 * <p>The arithmetic of MATLAB's {@code contributions}/{@code resizeAlongDim}: Keys cubic (a = −0.5) widened by f
 * and scaled by 1/f, output pixel x (1-based) centred at u = x·s + ½(1 − s) in input pixels for scale s = 1/f, taps
 * from floor(u − width/2) on, renormalised to sum 1, indices beyond the borders mirrored (symmetric padding), rows
 * (height) resized before columns. The 8-bit variant rounds (half away from zero) and saturates to 0..255 after each
 * dimension, as imresize does for a uint8 image.
 */
public final class MatlabResize {
    private MatlabResize() {}

    /** MATLAB's {@code cubic}: Keys' cubic convolution kernel with a = −0.5, support 2. */
    static double cubic(double x) {
        double a = Math.abs(x);
        double a2 = a * a;
        double a3 = a2 * a;
        if (a <= 1) {
            return 1.5 * a3 - 2.5 * a2 + 1;
        }
        if (a <= 2) {
            return -0.5 * a3 + 2.5 * a2 - 4 * a + 2;
        }
        return 0;
    }

    /**
     * The 1-D taps of downscaling a line of {@code inSize} pixels by the integer {@code factor}: output pixel i is
     * Σ_j weights[i][j] · input[index[i][j]], each row of weights summing to 1.
     */
    record Taps(int[][] index, double[][] weights) {}

    static Taps downscaleTaps(int inSize, int factor) {
        int outSize = inSize / factor;
        double scale = 1.0 / factor;
        double width = 4.0 / scale; // the cubic's support (4 input pixels) widened for antialiasing
        int taps = (int) Math.ceil(width) + 2;
        int[][] index = new int[outSize][taps];
        double[][] weights = new double[outSize][taps];
        for (int i = 0; i < outSize; i++) {
            // the centre of output pixel i + 1 (1-based) in 1-based input coordinates: x / s + (1 - 1/s) / 2
            double u = (i + 1) * (double) factor + 0.5 * (1 - factor);
            double left = Math.floor(u - width / 2);
            double sum = 0;
            for (int j = 0; j < taps; j++) {
                double at = left + j; // 1-based input position
                double w = scale * cubic(scale * (u - at));
                weights[i][j] = w;
                sum += w;
                index[i][j] = mirror((long) at - 1, inSize);
            }
            for (int j = 0; j < taps; j++) {
                weights[i][j] /= sum;
            }
        }
        return new Taps(index, weights);
    }

    /** MATLAB's symmetric padding of a 0-based index: …, 1, 0 | 0, 1, …, n − 1 | n − 1, n − 2, … */
    private static int mirror(long i, int n) {
        long period = 2L * n;
        long m = Math.floorMod(i, period);
        return (int) (m < n ? m : period - 1 - m);
    }

    /**
     * {@code imresize(hr, 1/factor)} of the image quantised to 8 bits (round(v·255)), rounded and saturated to 8 bits
     * after each dimension; the result holds 8-bit levels k/255. Each side must be a multiple of {@code factor}.
     */
    public static Image downscaleBicubic8Bit(Image hr, int factor) {
        if (factor < 1) {
            throw new IllegalArgumentException("downscale factor must be at least 1, got " + factor);
        }
        if (hr.height() % factor != 0 || hr.width() % factor != 0 || hr.height() < factor || hr.width() < factor) {
            throw new IllegalArgumentException("image " + hr.height() + "x" + hr.width()
                    + " (HxW) is not a multiple of the downscale factor " + factor);
        }
        int c = hr.channels();
        int h = hr.height();
        int w = hr.width();
        double[] levels = new double[c * h * w];
        float[] in = hr.data();
        for (int i = 0; i < levels.length; i++) {
            levels[i] = Math.round(Math.min(1f, Math.max(0f, in[i])) * 255f);
        }
        if (factor == 1) {
            return toImage(levels, c, h, w);
        }
        // rows (the height) first, as imresize orders equal scales
        double[] mid = pass(levels, c, h, w, true, downscaleTaps(h, factor));
        int oh = h / factor;
        return toImage(pass(mid, c, oh, w, false, downscaleTaps(w, factor)), c, oh, w / factor);
    }

    /** One dimension of the resize (down the columns when {@code vertical}, else along the rows), in 8 bits. */
    private static double[] pass(double[] in, int c, int h, int w, boolean vertical, Taps taps) {
        int outH = vertical ? taps.index().length : h;
        int outW = vertical ? w : taps.index().length;
        double[] out = new double[c * outH * outW];
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < outH; y++) {
                for (int x = 0; x < outW; x++) {
                    int i = vertical ? y : x;
                    double acc = 0;
                    for (int j = 0; j < taps.index()[i].length; j++) {
                        int k = taps.index()[i][j];
                        acc += taps.weights()[i][j] * in[vertical ? (ch * h + k) * w + x : (ch * h + y) * w + k];
                    }
                    out[(ch * outH + y) * outW + x] = saturate8(acc);
                }
            }
        }
        return out;
    }

    /** MATLAB's conversion of a double to uint8: round half away from zero, saturate to 0..255. */
    private static double saturate8(double v) {
        double r = Math.floor(Math.abs(v) + 0.5) * Math.signum(v);
        return Math.min(255, Math.max(0, r));
    }

    private static Image toImage(double[] levels, int c, int h, int w) {
        float[] data = new float[levels.length];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (levels[i] / 255.0);
        }
        return new Image(c, h, w, data);
    }
}
