package dip.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DirectColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

/** Conversions between decoded {@link BufferedImage}s and {@link Image}s (package-private helper of ImageFiles). */
final class PixelConversion {
    private PixelConversion() {}

    /** An image plus the bit depth its samples had in the file (8 or 16). */
    record Decoded(Image image, int bitDepth) {}

    /**
     * Grey and plain RGB images are read from the raster samples, so no colour management touches the values
     * (this matches what PIL/NumPy see). Anything else (colour palettes, CMYK, ...) goes through getRGB.
     * Alpha bands come last in both component and direct colour models, so they are simply not read.
     */
    static Decoded fromBufferedImage(BufferedImage bi) {
        if (bi.getColorModel().isAlphaPremultiplied()) {
            bi.coerceData(false); // undo premultiplication so colour samples are the true values
        }
        ColorModel cm = bi.getColorModel();
        Raster raster = bi.getRaster();
        if (cm instanceof IndexColorModel icm) {
            return isGreyPalette(icm) ? fromGreyPalette(icm, raster) : viaRgb(bi);
        }
        if (cm instanceof ComponentColorModel || cm instanceof DirectColorModel) {
            int type = cm.getColorSpace().getType();
            int colours = cm.getNumColorComponents();
            if (type == ColorSpace.TYPE_GRAY && colours == 1 || type == ColorSpace.TYPE_RGB && colours == 3) {
                Decoded direct = fromSamples(raster, colours);
                if (direct != null) {
                    return direct;
                }
            }
        }
        return viaRgb(bi);
    }

    /** The first {@code channels} bands scaled to [0,1]; null when the sample format is not plain integer/float. */
    private static Decoded fromSamples(Raster raster, int channels) {
        int dataType = raster.getDataBuffer().getDataType();
        boolean floating = dataType == DataBuffer.TYPE_FLOAT || dataType == DataBuffer.TYPE_DOUBLE;
        int bits = raster.getSampleModel().getSampleSize(0);
        for (int c = 1; c < channels; c++) {
            if (raster.getSampleModel().getSampleSize(c) != bits) {
                return null;
            }
        }
        if (!floating && (bits < 1 || bits > 16)) {
            return null;
        }
        int h = raster.getHeight();
        int w = raster.getWidth();
        int x0 = raster.getMinX();
        int y0 = raster.getMinY();
        float scale = floating ? 1f : (1 << bits) - 1;
        float[] data = new float[channels * h * w];
        float[] row = new float[w];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < h; y++) {
                raster.getSamples(x0, y0 + y, w, 1, c, row);
                int base = (c * h + y) * w;
                for (int x = 0; x < w; x++) {
                    // float samples are nominally in [0,1] already; clamp stray values
                    data[base + x] = floating ? Math.min(1f, Math.max(0f, row[x])) : row[x] / scale;
                }
            }
        }
        return new Decoded(new Image(channels, h, w, data), floating || bits > 8 ? 16 : 8);
    }

    /** True when every palette entry is a grey level: low-bit grey PNGs decode this way. */
    private static boolean isGreyPalette(IndexColorModel icm) {
        for (int i = 0; i < icm.getMapSize(); i++) {
            if (icm.getRed(i) != icm.getGreen(i) || icm.getGreen(i) != icm.getBlue(i)) {
                return false;
            }
        }
        return true;
    }

    private static Decoded fromGreyPalette(IndexColorModel icm, Raster raster) {
        int h = raster.getHeight();
        int w = raster.getWidth();
        int[] row = new int[w];
        float[] data = new float[h * w];
        for (int y = 0; y < h; y++) {
            raster.getSamples(raster.getMinX(), raster.getMinY() + y, w, 1, 0, row);
            for (int x = 0; x < w; x++) {
                data[y * w + x] = icm.getRed(row[x]) / 255f;
            }
        }
        return new Decoded(new Image(1, h, w, data), 8);
    }

    /** Fallback through the colour model's sRGB conversion: 8 bits per channel. */
    private static Decoded viaRgb(BufferedImage bi) {
        int h = bi.getHeight();
        int w = bi.getWidth();
        int[] argb = bi.getRGB(0, 0, w, h, null, 0, w);
        float[] data = new float[3 * h * w];
        int plane = h * w;
        for (int i = 0; i < plane; i++) {
            int p = argb[i];
            data[i] = ((p >> 16) & 0xff) / 255f;
            data[plane + i] = ((p >> 8) & 0xff) / 255f;
            data[2 * plane + i] = (p & 0xff) / 255f;
        }
        return new Decoded(new Image(3, h, w, data), 8);
    }

    /** A grey or RGB BufferedImage with 8- or 16-bit samples; values clamped to [0,1] and rounded. */
    static BufferedImage toBufferedImage(Image img, int bitDepth) {
        int c = img.channels();
        int h = img.height();
        int w = img.width();
        BufferedImage bi;
        if (c == 1) {
            bi = new BufferedImage(w, h, bitDepth == 16 ? BufferedImage.TYPE_USHORT_GRAY : BufferedImage.TYPE_BYTE_GRAY);
        } else if (bitDepth == 8) {
            bi = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        } else {
            ColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB),
                    new int[] {16, 16, 16}, false, false, ColorModel.OPAQUE, DataBuffer.TYPE_USHORT);
            bi = new BufferedImage(cm, cm.createCompatibleWritableRaster(w, h), false, null);
        }
        // Raster band b is colour component b (R,G,B) whatever the memory order, e.g. BGR.
        WritableRaster raster = bi.getRaster();
        int max = bitDepth == 16 ? 65535 : 255;
        int[] row = new int[w];
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    row[x] = quantise(img.get(ch, y, x), max);
                }
                raster.setSamples(0, y, w, 1, ch, row);
            }
        }
        return bi;
    }

    /** Clamp to [0,1] and round to the nearest level; NaN becomes 0. */
    static int quantise(float v, int max) {
        if (!(v > 0f)) {
            return 0;
        }
        return v >= 1f ? max : Math.round(v * max);
    }
}
