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
        requireSameShape(a, b);
        return fromMse(mse(a.data(), b.data()));
    }

    /** Mean squared error over all pixels and channels. */
    public static double mse(Image a, Image b) {
        requireSameShape(a, b);
        return mse(a.data(), b.data());
    }

    /**
     * The super-resolution protocol of the paper's tables: both images are the already-cropped box; PSNR is taken
     * on luma Y only (see {@link #luma}) over the region that drops 4 pixels at the top and left and 5 at the
     * bottom and right.
     */
    public static double yPsnrShaved(Image out, Image gt) {
        requireSameShape(out, gt);
        int h = out.height() - SHAVE_TOP_LEFT - SHAVE_BOTTOM_RIGHT;
        int w = out.width() - SHAVE_TOP_LEFT - SHAVE_BOTTOM_RIGHT;
        if (h < 1 || w < 1) {
            throw new IllegalArgumentException("image " + out.shape() + " is too small to shave "
                    + SHAVE_TOP_LEFT + "+" + SHAVE_BOTTOM_RIGHT + " pixels");
        }
        Image yOut = luma(out).crop(SHAVE_TOP_LEFT, SHAVE_TOP_LEFT, h, w);
        Image yGt = luma(gt).crop(SHAVE_TOP_LEFT, SHAVE_TOP_LEFT, h, w);
        return fromMse(mse(yOut.data(), yGt.data()));
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

    static double fromMse(double mse) {
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(1 / mse);
    }

    private static double mse(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = (double) a[i] - b[i];
            sum += d * d;
        }
        return sum / a.length;
    }

    static void requireSameShape(Image a, Image b) {
        if (!a.sameShape(b)) {
            throw new IllegalArgumentException("images differ in shape: " + a.shape() + " vs " + b.shape());
        }
    }
}
