package dip.metric;

import dip.image.Image;

/** Peak signal-to-noise ratio for images in [0,1] (peak 1). Inputs are used as given: nothing is clamped. */
public final class Psnr {
    /** Pixels shaved at the top and left for super-resolution Y-PSNR. */
    public static final int SHAVE_TOP_LEFT = 4;
    /** Pixels shaved at the bottom and right for super-resolution Y-PSNR. */
    public static final int SHAVE_BOTTOM_RIGHT = 5;

    private Psnr() {}

    /** 10·log10(1/MSE) over all pixels and channels; +∞ for identical images. */
    public static double psnr(Image a, Image b) {
        return psnr(a, b, null);
    }

    /**
     * 10·log10(1/MSE) over the pixels a mask selects, all their channels; +∞ where the images agree on them, NaN
     * when the mask selects no pixel.
     *
     * @param mask one flag per pixel, row-major (height·width), true for a pixel to measure; null for every pixel
     */
    public static double psnr(Image a, Image b, boolean[] mask) {
        requireSameShape(a, b);
        return fromMse(mse(a.data(), b.data(), a.pixels(), requireMask(mask, a)));
    }

    /** Mean squared error over all pixels and channels. */
    public static double mse(Image a, Image b) {
        requireSameShape(a, b);
        return mse(a.data(), b.data(), a.pixels(), null);
    }

    /**
     * The super-resolution protocol of the paper's tables: both images are the already-cropped box; PSNR is taken
     * on luma Y only (see {@link #luma}) over the region that drops 4 pixels at the top and left and 5 at the
     * bottom and right.
     */
    public static double yPsnrShaved(Image out, Image gt) {
        return yPsnrShaved(out, gt, null);
    }

    /**
     * {@link #yPsnrShaved(Image, Image)} over the pixels of the shaved region that a mask also selects (the mask
     * covers the whole image; the shave still applies at the image's border); NaN when none is left.
     *
     * @param mask one flag per pixel of the whole image, row-major, true for a pixel to measure; null for every pixel
     */
    public static double yPsnrShaved(Image out, Image gt, boolean[] mask) {
        requireSameShape(out, gt);
        requireMask(mask, out);
        int h = out.height() - SHAVE_TOP_LEFT - SHAVE_BOTTOM_RIGHT;
        int w = out.width() - SHAVE_TOP_LEFT - SHAVE_BOTTOM_RIGHT;
        if (h < 1 || w < 1) {
            throw new IllegalArgumentException("image " + out.shape() + " is too small to shave "
                    + SHAVE_TOP_LEFT + "+" + SHAVE_BOTTOM_RIGHT + " pixels");
        }
        boolean[] measured = new boolean[out.pixels()];
        for (int y = SHAVE_TOP_LEFT; y < SHAVE_TOP_LEFT + h; y++) {
            for (int x = SHAVE_TOP_LEFT; x < SHAVE_TOP_LEFT + w; x++) {
                int i = y * out.width() + x;
                measured[i] = mask == null || mask[i];
            }
        }
        return fromMse(mse(luma(out).data(), luma(gt).data(), out.pixels(), measured));
    }

    /**
     * ITU-R BT.601 luma as in MATLAB's rgb2ycbcr, scaled back to [0,1]: Y = (65.481R + 128.553G + 24.966B + 16)/255
     * for R,G,B in [0,1] (so Y lies in [16/255, 235/255]). A grey image is returned as it is.
     */
    public static Image luma(Image img) {
        if (img.channels() == 1) {
            return img;
        }
        if (img.channels() != 3) {
            throw new IllegalArgumentException("luma needs a 1- or 3-channel image, got " + img.shape());
        }
        int n = img.pixels();
        float[] rgb = img.data();
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            double v = 65.481 * rgb[i] + 128.553 * rgb[n + i] + 24.966 * rgb[2 * n + i] + 16.0;
            y[i] = (float) (v / 255.0);
        }
        return new Image(1, img.height(), img.width(), y);
    }

    /** 10·log10(1/MSE): +∞ for 0, NaN for NaN (nothing measured). */
    static double fromMse(double mse) {
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(1 / mse);
    }

    /** The mean of the squared differences over every channel of the pixels the mask selects (null: all); NaN for none. */
    private static double mse(float[] a, float[] b, int plane, boolean[] mask) {
        double sum = 0;
        long count = 0;
        for (int base = 0; base < a.length; base += plane) {
            for (int p = 0; p < plane; p++) {
                if (mask == null || mask[p]) {
                    double d = (double) a[base + p] - b[base + p];
                    sum += d * d;
                    count++;
                }
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    private static boolean[] requireMask(boolean[] mask, Image img) {
        if (mask != null && mask.length != img.pixels()) {
            throw new IllegalArgumentException("mask has " + mask.length + " flags for an image of " + img.height() + "x"
                    + img.width() + " pixels");
        }
        return mask;
    }

    static void requireSameShape(Image a, Image b) {
        if (!a.sameShape(b)) {
            throw new IllegalArgumentException("images differ in shape: " + a.shape() + " vs " + b.shape());
        }
    }
}
