package dip.image;

/**
 * Resizing as PIL/Pillow's {@code Image.resize} does it (libImaging/Resample.c), because the paper's super-resolution
 * inputs and its bicubic baseline were made with PIL: a separable convolution, horizontal pass then vertical pass,
 * whose kernel is widened by the downscale factor (antialiasing) and whose taps are renormalised to sum 1.
 *
 * <p>What is and isn't bit-exact with Pillow:
 * <ul>
 * <li>The tap positions (start index and count per output pixel) follow {@code precompute_coeffs} exactly.</li>
 * <li>The {@code ...As8Bit} / {@link #resize8Bit} path mirrors the 8-bit code: input quantised to 0..255, weights
 * turned into 22-bit fixed point with Pillow's round-half-away-from-zero, an int accumulator seeded with 2^21
 * (round half up), and a clip to 0..255 after EACH pass. It matches Pillow byte for byte, unless Java's
 * {@code Math.sin} and the C library's {@code sin} differ in the last bit of a weight AND that flips a fixed-point
 * rounding — possible in principle, never observed.</li>
 * <li>The float path ({@link #resize}) is the same arithmetic in double without intermediate rounding, clamped to
 * [0,1] only at the end. It is not what PIL gives for 8-bit images (differences are below one 8-bit level, except
 * where the 8-bit path clipped an overshoot between passes).</li>
 * <li>Pillow ≥ 7's optional {@code reducing_gap} pre-reduction and resizing of a sub-box are not implemented.</li>
 * </ul>
 */
public final class Resize {
    /** Pillow's fixed-point precision for 8-bit images: 32 − 8 − 2 bits. */
    static final int PRECISION_BITS = 32 - 8 - 2;

    private Resize() {}

    /** The resampling kernels used by the paper's code, with Pillow's definitions and supports. */
    public enum Filter {
        /** Keys cubic convolution, a = −0.5, support 2 (PIL's Image.BICUBIC). */
        BICUBIC(2.0),
        /** Windowed sinc, sinc(x)·sinc(x/3) for −3 ≤ x &lt; 3 (PIL's Image.LANCZOS = Image.ANTIALIAS). */
        LANCZOS3(3.0);

        private final double support;

        Filter(double support) { this.support = support; }

        public double support() { return support; }

        /** The unnormalised kernel value at distance x (in input pixels of the unscaled filter). */
        public double weight(double x) {
            if (this == LANCZOS3) {
                return x >= -3.0 && x < 3.0 ? sinc(x) * sinc(x / 3.0) : 0.0;
            }
            final double a = -0.5;
            x = Math.abs(x);
            if (x < 1.0) {
                return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
            }
            if (x < 2.0) {
                return (((x - 5) * x + 8) * x - 4) * a;
            }
            return 0.0;
        }

        private static double sinc(double x) {
            if (x == 0.0) {
                return 1.0;
            }
            x *= Math.PI;
            return Math.sin(x) / x;
        }
    }

    /**
     * 1-D resampling taps: output pixel i is Σ_j weights[i][j] · input[start[i] + j]; each row of weights sums to 1.
     */
    public record Taps(int[] start, double[][] weights) {
        public int outSize() { return start.length; }
    }

    /** Pillow's {@code precompute_coeffs} for resizing a line of inSize pixels to outSize pixels. */
    public static Taps taps(int inSize, int outSize, Filter filter) {
        if (inSize < 1 || outSize < 1) {
            throw new IllegalArgumentException("sizes must be positive, got " + inSize + " -> " + outSize);
        }
        double scale = (double) inSize / outSize;
        // Downscaling widens the kernel by the factor (antialiasing); upscaling keeps it as it is.
        double filterScale = Math.max(scale, 1.0);
        double support = filter.support() * filterScale;
        double invFilterScale = 1.0 / filterScale;
        int[] start = new int[outSize];
        double[][] weights = new double[outSize][];
        for (int i = 0; i < outSize; i++) {
            double center = (i + 0.5) * scale;
            // (int) truncates toward zero like C's cast; the + 0.5 rounds, as in Pillow.
            int xmin = Math.max((int) (center - support + 0.5), 0);
            int xmax = Math.min((int) (center + support + 0.5), inSize);
            double[] w = new double[xmax - xmin];
            double sum = 0.0;
            for (int x = 0; x < w.length; x++) {
                // input pixel x + xmin has its centre at x + xmin + 0.5
                w[x] = filter.weight((x + xmin - center + 0.5) * invFilterScale);
                sum += w[x];
            }
            if (sum != 0.0) {
                for (int x = 0; x < w.length; x++) {
                    w[x] /= sum;
                }
            }
            start[i] = xmin;
            weights[i] = w;
        }
        return new Taps(start, weights);
    }

    /**
     * The authors' {@code crop_image(img, d)}: the centred crop to (W − W mod d) × (H − H mod d), offset
     * ((W − newW)/2, (H − newH)/2) rounded down.
     */
    public static Image cropToMultiple(Image img, int multiple) {
        if (multiple < 1) {
            throw new IllegalArgumentException("multiple must be at least 1, got " + multiple);
        }
        int newW = img.width() - img.width() % multiple;
        int newH = img.height() - img.height() % multiple;
        if (newW == 0 || newH == 0) {
            throw new IllegalArgumentException("image " + img.height() + "x" + img.width()
                    + " (HxW) is smaller than " + multiple + " pixels: cannot crop it to a multiple of " + multiple);
        }
        return img.crop((img.height() - newH) / 2, (img.width() - newW) / 2, newH, newW);
    }

    /** PIL {@code resize((W/f, H/f), ANTIALIAS)} in floating point (see the class comment for the 8-bit variant). */
    public static Image downscaleLanczos3(Image hr, int factor) {
        return resize(hr, downscaledWidth(hr, factor), downscaledHeight(hr, factor), Filter.LANCZOS3);
    }

    /** PIL {@code resize((W/f, H/f), ANTIALIAS)} of an 8-bit image, rounding and clipping to 8 bits after each pass. */
    public static Image downscaleLanczos3As8Bit(Image hr, int factor) {
        return resize8Bit(hr, downscaledWidth(hr, factor), downscaledHeight(hr, factor), Filter.LANCZOS3);
    }

    /** PIL {@code resize((W·f, H·f), BICUBIC)} in floating point, clamped to [0,1]. */
    public static Image upscaleBicubic(Image lr, int factor) {
        return resize(lr, upscaledSize(lr.width(), factor), upscaledSize(lr.height(), factor), Filter.BICUBIC);
    }

    /** PIL {@code resize((W·f, H·f), LANCZOS)} in floating point, clamped to [0,1]. */
    public static Image upscaleLanczos(Image lr, int factor) {
        return resize(lr, upscaledSize(lr.width(), factor), upscaledSize(lr.height(), factor), Filter.LANCZOS3);
    }

    /** PIL-style resize in double precision; the result is clamped to [0,1] (the filters overshoot at edges). */
    public static Image resize(Image img, int newW, int newH, Filter filter) {
        return resample(img, newW, newH, filter, false);
    }

    /**
     * PIL-style resize of the image quantised to 8 bits (round(v·255)), with Pillow's 8-bit fixed-point arithmetic;
     * the result holds 8-bit levels k/255.
     */
    public static Image resize8Bit(Image img, int newW, int newH, Filter filter) {
        return resample(img, newW, newH, filter, true);
    }

    private static Image resample(Image img, int newW, int newH, Filter filter, boolean eightBit) {
        if (newW < 1 || newH < 1) {
            throw new IllegalArgumentException("target size must be positive, got " + newH + "x" + newW + " (HxW)");
        }
        int c = img.channels();
        float[] data = img.data().clone();
        if (eightBit) {
            for (int i = 0; i < data.length; i++) {
                data[i] = Math.round(Math.min(1f, Math.max(0f, data[i])) * 255f);
            }
        }
        int h = img.height();
        int w = img.width();
        // Like Pillow: horizontal first, and a pass is skipped when that dimension keeps its size.
        if (newW != w) {
            data = pass(data, c, h, w, true, taps(w, newW, filter), eightBit);
            w = newW;
        }
        if (newH != h) {
            data = pass(data, c, h, w, false, taps(h, newH, filter), eightBit);
            h = newH;
        }
        for (int i = 0; i < data.length; i++) {
            data[i] = eightBit ? data[i] / 255f : Math.min(1f, Math.max(0f, data[i]));
        }
        return new Image(c, h, w, data);
    }

    /** One separable pass along x (horizontal) or y; in 8-bit mode the data holds integer levels 0..255. */
    private static float[] pass(float[] in, int channels, int h, int w, boolean horizontal, Taps taps,
                                boolean eightBit) {
        int outH = horizontal ? h : taps.outSize();
        int outW = horizontal ? taps.outSize() : w;
        int step = horizontal ? 1 : w; // distance between neighbours along the resampled axis
        int[][] fixed = eightBit ? fixedPoint(taps.weights()) : null;
        float[] out = new float[channels * outH * outW];
        int o = 0;
        for (int c = 0; c < channels; c++) {
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++) {
                    int i = horizontal ? ox : oy;
                    int first = horizontal ? (c * h + oy) * w + taps.start()[i] : (c * h + taps.start()[i]) * w + ox;
                    if (eightBit) {
                        int[] k = fixed[i];
                        int ss = 1 << (PRECISION_BITS - 1); // so the shift below rounds half up
                        for (int j = 0; j < k.length; j++) {
                            ss += (int) in[first + j * step] * k[j];
                        }
                        out[o++] = clip8(ss);
                    } else {
                        double[] k = taps.weights()[i];
                        double acc = 0.0;
                        for (int j = 0; j < k.length; j++) {
                            acc += k[j] * in[first + j * step];
                        }
                        out[o++] = (float) acc;
                    }
                }
            }
        }
        return out;
    }

    /** Pillow's {@code normalize_coeffs_8bpc}: weights × 2^22, rounded half away from zero. */
    static int[][] fixedPoint(double[][] weights) {
        int[][] out = new int[weights.length][];
        for (int i = 0; i < weights.length; i++) {
            out[i] = new int[weights[i].length];
            for (int j = 0; j < weights[i].length; j++) {
                double v = weights[i][j] * (1 << PRECISION_BITS);
                out[i][j] = (int) (v < 0 ? v - 0.5 : v + 0.5);
            }
        }
        return out;
    }

    private static int clip8(int ss) {
        int v = ss >> PRECISION_BITS;
        return v < 0 ? 0 : Math.min(v, 255);
    }

    private static int downscaledWidth(Image img, int factor) {
        checkDownscale(img, factor);
        return img.width() / factor;
    }

    private static int downscaledHeight(Image img, int factor) {
        checkDownscale(img, factor);
        return img.height() / factor;
    }

    private static void checkDownscale(Image img, int factor) {
        if (factor < 1) {
            throw new IllegalArgumentException("downscale factor must be at least 1, got " + factor);
        }
        if (img.width() < factor || img.height() < factor) {
            throw new IllegalArgumentException("image " + img.height() + "x" + img.width()
                    + " (HxW) is smaller than the downscale factor " + factor);
        }
    }

    private static int upscaledSize(int size, int factor) {
        if (factor < 1) {
            throw new IllegalArgumentException("upscale factor must be at least 1, got " + factor);
        }
        long out = (long) size * factor;
        if (out > Integer.MAX_VALUE / 3) {
            throw new IllegalArgumentException("upscaling " + size + " pixels by " + factor + " is too large");
        }
        return (int) out;
    }
}
