package dip.image;

import java.util.Arrays;

/**
 * An image as float planes in [0,1]: channel-major (CHW) layout, 1 (grey) or 3 (RGB) channels.
 * Immutable by convention: methods that change pixels return a new image.
 */
public final class Image {
    private final int channels;
    private final int height;
    private final int width;
    private final float[] data;

    public Image(int channels, int height, int width, float[] data) {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("image must have at least one channel and one pixel, got "
                    + channels + "x" + height + "x" + width);
        }
        if (data.length != (long) channels * height * width) {
            throw new IllegalArgumentException("data length " + data.length + " does not match "
                    + channels + "x" + height + "x" + width);
        }
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.data = data;
    }

    public static Image zeros(int channels, int height, int width) {
        return new Image(channels, height, width, new float[channels * height * width]);
    }

    public int channels() { return channels; }
    public int height() { return height; }
    public int width() { return width; }
    public int pixels() { return height * width; }

    /** The backing CHW array (not a copy: do not modify an image you did not create). */
    public float[] data() { return data; }

    public float get(int c, int y, int x) { return data[(c * height + y) * width + x]; }

    public void set(int c, int y, int x, float v) { data[(c * height + y) * width + x] = v; }

    public Image copy() { return new Image(channels, height, width, data.clone()); }

    /** The rectangle [y0, y0+h) × [x0, x0+w). */
    public Image crop(int y0, int x0, int h, int w) {
        if (y0 < 0 || x0 < 0 || h < 1 || w < 1 || y0 + h > height || x0 + w > width) {
            throw new IllegalArgumentException("crop " + h + "x" + w + " at (" + y0 + "," + x0
                    + ") is outside the " + height + "x" + width + " image");
        }
        Image out = zeros(channels, h, w);
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(data, (c * height + y0 + y) * width + x0, out.data, (c * h + y) * w, w);
            }
        }
        return out;
    }

    /** The size×size centre crop (top-left at ((H−size)/2, (W−size)/2)). */
    public Image centreCrop(int size) {
        return crop((height - size) / 2, (width - size) / 2, size, size);
    }

    /** Values clamped to [0,1]. */
    public Image clamped() {
        float[] out = data.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.min(1f, Math.max(0f, out[i]));
        }
        return new Image(channels, height, width, out);
    }

    public boolean sameShape(Image other) {
        return channels == other.channels && height == other.height && width == other.width;
    }

    public String shape() { return channels + "x" + height + "x" + width; }

    @Override
    public boolean equals(Object o) {
        return o instanceof Image other && sameShape(other) && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() { return Arrays.hashCode(data) * 31 + channels; }

    @Override
    public String toString() { return "Image[" + shape() + "]"; }
}
