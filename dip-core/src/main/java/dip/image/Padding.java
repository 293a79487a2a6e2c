package dip.image;

/**
 * Padding so that image sizes are multiples of 2^levels, as the encoder–decoder nets need, and cropping back.
 * Reflection follows PyTorch's ReflectionPad2d (mirror about the edge pixel, the edge itself not repeated);
 * pads wider than size−1, which PyTorch rejects, are handled by reflecting repeatedly (the index pattern is
 * periodic with period 2·(size−1)). A side of length 1 cannot be mirrored, so it is repeated.
 */
public final class Padding {
    private Padding() {}

    /** An image padded to a multiple, remembering where the original lies inside it. */
    public record Padded(Image image, int top, int left, int height, int width) {
        /** Crops an image of the padded size (e.g. a net output) back to the original box. */
        public Image cropBack(Image paddedSized) {
            return Padding.cropBack(paddedSized, top, left, height, width);
        }
    }

    /** The smallest multiple of {@code multiple} that is ≥ size. */
    public static int paddedSize(int size, int multiple) {
        if (size < 1 || multiple < 1) {
            throw new IllegalArgumentException("size and multiple must be positive, got " + size + " and " + multiple);
        }
        return (int) (((long) size + multiple - 1) / multiple * multiple);
    }

    /** Reflect-pads both sides to multiples of {@code multiple}, splitting the padding evenly (extra on bottom/right). */
    public static Padded padToMultiple(Image img, int multiple) {
        int padH = paddedSize(img.height(), multiple) - img.height();
        int padW = paddedSize(img.width(), multiple) - img.width();
        int top = padH / 2;
        int left = padW / 2;
        Image padded = reflectPad(img, top, left, padH - top, padW - left);
        return new Padded(padded, top, left, img.height(), img.width());
    }

    /** Reflection padding of each channel by the given numbers of pixels. */
    public static Image reflectPad(Image img, int top, int left, int bottom, int right) {
        if (top < 0 || left < 0 || bottom < 0 || right < 0) {
            throw new IllegalArgumentException("pads must be non-negative, got top=" + top + " left=" + left
                    + " bottom=" + bottom + " right=" + right);
        }
        int h = img.height();
        int w = img.width();
        int outH = h + top + bottom;
        int outW = w + left + right;
        int[] srcX = new int[outW];
        for (int x = 0; x < outW; x++) {
            srcX[x] = reflect(x - left, w);
        }
        Image out = Image.zeros(img.channels(), outH, outW);
        float[] src = img.data();
        float[] dst = out.data();
        for (int c = 0; c < img.channels(); c++) {
            for (int y = 0; y < outH; y++) {
                int srcRow = (c * h + reflect(y - top, h)) * w;
                int dstRow = (c * outH + y) * outW;
                for (int x = 0; x < outW; x++) {
                    dst[dstRow + x] = src[srcRow + srcX[x]];
                }
            }
        }
        return out;
    }

    /** The height×width box at (top, left): the inverse of {@link #reflectPad}. */
    public static Image cropBack(Image padded, int top, int left, int height, int width) {
        return padded.crop(top, left, height, width);
    }

    /** Maps an index outside [0, n) into it by mirroring about the edge pixels (… 2 1 | 0 1 2 … n−1 | n−2 …). */
    static int reflect(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * (n - 1);
        int m = Math.floorMod(i, period);
        return m < n ? m : period - m;
    }
}
