package dip.metric;

import dip.image.Image;

/**
 * Structural similarity (Wang, Bovik, Sheikh and Simoncelli 2004) for images in [0,1]: an 11×11 Gaussian window
 * with σ = 1.5 (weights normalised to sum 1), K1 = 0.01, K2 = 0.03, L = 1, population (not sample) variances.
 *
 * <p>Convention: the SSIM map is computed only where the window lies wholly inside the image (the "valid" region,
 * (H−10)×(W−10) positions, no padding) and averaged; channels are handled separately and their means averaged.
 * This equals skimage's {@code structural_similarity(a, b, gaussian_weights=True, sigma=1.5,
 * use_sample_covariance=False, data_range=1, channel_axis=0)}, which filters with padding but then discards a
 * 5-pixel border before averaging.
 */
public final class Ssim {
    public static final int WINDOW = 11;
    public static final double SIGMA = 1.5;
    public static final double K1 = 0.01;
    public static final double K2 = 0.03;

    private static final double C1 = K1 * K1; // (K1·L)² with L = 1
    private static final double C2 = K2 * K2;
    private static final double[] KERNEL = gaussianKernel();

    private Ssim() {}

    /** Mean SSIM over the valid region and over channels; both images need at least 11×11 pixels. */
    public static double ssim(Image a, Image b) {
        Psnr.requireSameShape(a, b);
        if (a.height() < WINDOW || a.width() < WINDOW) {
            throw new IllegalArgumentException("SSIM needs images of at least " + WINDOW + "x" + WINDOW
                    + " pixels, got " + a.shape());
        }
        double sum = 0;
        for (int c = 0; c < a.channels(); c++) {
            sum += channelSsim(a.data(), b.data(), c * a.pixels(), a.height(), a.width());
        }
        return sum / a.channels();
    }

    private static double channelSsim(float[] a, float[] b, int offset, int h, int w) {
        int n = h * w;
        double[] x = new double[n];
        double[] y = new double[n];
        double[] xx = new double[n];
        double[] yy = new double[n];
        double[] xy = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = a[offset + i];
            y[i] = b[offset + i];
            xx[i] = x[i] * x[i];
            yy[i] = y[i] * y[i];
            xy[i] = x[i] * y[i];
        }
        int outH = h - WINDOW + 1;
        int outW = w - WINDOW + 1;
        double[] mx = filterValid(x, h, w);
        double[] my = filterValid(y, h, w);
        double[] mxx = filterValid(xx, h, w);
        double[] myy = filterValid(yy, h, w);
        double[] mxy = filterValid(xy, h, w);
        double total = 0;
        for (int i = 0; i < outH * outW; i++) {
            double vx = mxx[i] - mx[i] * mx[i];
            double vy = myy[i] - my[i] * my[i];
            double cov = mxy[i] - mx[i] * my[i];
            double num = (2 * mx[i] * my[i] + C1) * (2 * cov + C2);
            double den = (mx[i] * mx[i] + my[i] * my[i] + C1) * (vx + vy + C2);
            total += num / den;
        }
        return total / (outH * outW);
    }

    /** Separable Gaussian weighted mean at every position where the window fits: an (h−10)×(w−10) result. */
    private static double[] filterValid(double[] v, int h, int w) {
        int outH = h - WINDOW + 1;
        int outW = w - WINDOW + 1;
        double[] rows = new double[h * outW];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < outW; x++) {
                double s = 0;
                for (int k = 0; k < WINDOW; k++) {
                    s += KERNEL[k] * v[y * w + x + k];
                }
                rows[y * outW + x] = s;
            }
        }
        double[] out = new double[outH * outW];
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                double s = 0;
                for (int k = 0; k < WINDOW; k++) {
                    s += KERNEL[k] * rows[(y + k) * outW + x];
                }
                out[y * outW + x] = s;
            }
        }
        return out;
    }

    /** 1-D Gaussian taps exp(−d²/2σ²) for d = −5..5, normalised; the 2-D window is their outer product. */
    static double[] gaussianKernel() {
        double[] k = new double[WINDOW];
        double sum = 0;
        for (int i = 0; i < WINDOW; i++) {
            double d = i - WINDOW / 2;
            k[i] = Math.exp(-d * d / (2 * SIGMA * SIGMA));
            sum += k[i];
        }
        for (int i = 0; i < WINDOW; i++) {
            k[i] /= sum;
        }
        return k;
    }
}
