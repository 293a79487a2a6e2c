package dip.image;

import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Inpainting masks: a 1-channel {@link Image} whose pixels are 1 (known) or 0 (hole). One mask serves all channels
 * of the image it belongs to.
 */
public final class Mask {
    /** Grey levels above 127 (of 255) are known; a small margin keeps the 8-bit level 127 itself a hole. */
    private static final double KNOWN_ABOVE_8BIT = 127.0 + 1e-4;

    private Mask() {}

    /**
     * Reads a mask file (any channel count and bit depth) for an image of height × width: a pixel is known when its
     * grey value (the mean of the channels for RGB) exceeds 127/255. Throws {@link ImageReadException} with a
     * one-line message naming the file when it cannot be read, has the wrong size, or has no holes / no known
     * pixels (both make inpainting meaningless).
     */
    public static Image fromFile(Path file, int height, int width) {
        Image img = ImageFiles.read(file).image();
        String name = file.toString();
        if (img.height() != height || img.width() != width) {
            throw new ImageReadException("mask " + name + " is " + img.height() + "x" + img.width()
                    + " but the image is " + height + "x" + width);
        }
        int n = img.pixels();
        int channels = img.channels();
        float[] in = img.data();
        float[] mask = new float[n];
        for (int p = 0; p < n; p++) {
            double sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += in[c * n + p];
            }
            // mean of identical floats is exact in double, so grey masks and grey-as-RGB masks agree
            mask[p] = sum / channels * 255.0 > KNOWN_ABOVE_8BIT ? 1f : 0f;
        }
        Image result = new Image(1, height, width, mask);
        double known = knownFraction(result);
        if (known == 1.0) {
            throw new ImageReadException("mask " + name + " has no holes (all pixels are known): nothing to inpaint");
        }
        if (known == 0.0) {
            throw new ImageReadException("mask " + name + " is all holes: nothing is known");
        }
        return result;
    }

    /**
     * A random mask where each pixel is known with probability keep, independently (the paper's "50% missing
     * pixels" restoration uses keep = 0.5). Pixels are drawn in row-major order from {@link SplittableRandom}(seed),
     * so a seed always gives the same mask.
     */
    public static Image bernoulli(int height, int width, double keep, long seed) {
        if (!(keep > 0.0 && keep < 1.0)) {
            throw new IllegalArgumentException("keep probability must be strictly between 0 and 1, got " + keep);
        }
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("mask size must be positive, got " + height + "x" + width);
        }
        SplittableRandom random = new SplittableRandom(seed);
        float[] mask = new float[height * width];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = random.nextDouble() < keep ? 1f : 0f;
        }
        return new Image(1, height, width, mask);
    }

    /**
     * The mask implied by an image whose holes were stored as 0 (the benchmark's {@code *_masked.png}): a pixel is
     * known where any channel is non-zero. A genuinely black known pixel is indistinguishable from a hole.
     */
    public static Image fromZeros(Image img) {
        int n = img.pixels();
        float[] in = img.data();
        float[] mask = new float[n];
        for (int c = 0; c < img.channels(); c++) {
            for (int p = 0; p < n; p++) {
                if (in[c * n + p] != 0f) {
                    mask[p] = 1f;
                }
            }
        }
        return new Image(1, img.height(), img.width(), mask);
    }

    /** The fraction of known pixels (the mean of the mask). */
    public static double knownFraction(Image mask) {
        requireMask(mask);
        double sum = 0;
        for (float v : mask.data()) {
            sum += v;
        }
        return sum / mask.pixels();
    }

    /** img ⊙ mask: holes set to 0 in every channel. */
    public static Image apply(Image img, Image mask) {
        requireMask(mask);
        if (mask.height() != img.height() || mask.width() != img.width()) {
            throw new IllegalArgumentException("mask " + mask.height() + "x" + mask.width()
                    + " does not match the " + img.height() + "x" + img.width() + " image");
        }
        int n = img.pixels();
        float[] in = img.data();
        float[] m = mask.data();
        float[] out = new float[in.length];
        for (int c = 0; c < img.channels(); c++) {
            for (int p = 0; p < n; p++) {
                out[c * n + p] = in[c * n + p] * m[p];
            }
        }
        return new Image(img.channels(), img.height(), img.width(), out);
    }

    private static void requireMask(Image mask) {
        if (mask.channels() != 1) {
            throw new IllegalArgumentException("a mask has 1 channel, got " + mask.shape());
        }
    }
}
