package dip.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFilesTest {
    @TempDir
    Path dir;

    private void assertRoundTrip(int channels, int bitDepth) {
        int max = bitDepth == 16 ? 65535 : 255;
        Image img = TestImages.randomLevels(channels, 13, 17, max, 42 + channels + bitDepth);
        Path file = dir.resolve("rt" + channels + "_" + bitDepth + ".png");
        ImageFiles.write(img, file, bitDepth);
        ImageFiles.ReadResult r = ImageFiles.read(file);
        assertEquals(img, r.image());
        assertEquals(bitDepth, r.bitDepth());
        assertTrue(r.warnings().isEmpty());
    }

    @Test void greyPng8RoundTrip() { assertRoundTrip(1, 8); }
    @Test void greyPng16RoundTrip() { assertRoundTrip(1, 16); }
    @Test void rgbPng8RoundTrip() { assertRoundTrip(3, 8); }
    @Test void rgbPng16RoundTrip() { assertRoundTrip(3, 16); }

    @Test
    void writeClampsAndRounds() {
        Image img = new Image(1, 1, 4, new float[] {-0.5f, 1.5f, 0.5f, Float.NaN});
        Path file = dir.resolve("clamp.png");
        ImageFiles.write(img, file, 8);
        float[] got = ImageFiles.read(file).image().data();
        assertEquals(0f, got[0]);
        assertEquals(1f, got[1]);
        assertEquals(128 / 255f, got[2]); // Math.round(127.5) = 128
        assertEquals(0f, got[3]);
    }

    /** An RGB BufferedImage and the Image it should read as (values exact at 8 bits). */
    private static BufferedImage rgbImage(Image img, int type) {
        BufferedImage bi = new BufferedImage(img.width(), img.height(), type);
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                int r = Math.round(img.get(0, y, x) * 255);
                int g = Math.round(img.get(1, y, x) * 255);
                int b = Math.round(img.get(2, y, x) * 255);
                bi.setRGB(x, y, 0xff000000 | r << 16 | g << 8 | b);
            }
        }
        return bi;
    }

    @Test
    void readsJpeg() throws IOException {
        // A flat colour survives JPEG almost exactly, so the channel order can be checked.
        Image flat = new Image(3, 16, 16, new float[3 * 256]);
        for (int i = 0; i < 256; i++) {
            flat.data()[i] = 200 / 255f;
            flat.data()[256 + i] = 100 / 255f;
            flat.data()[512 + i] = 30 / 255f;
        }
        Path file = dir.resolve("flat.jpg");
        assertTrue(ImageIO.write(rgbImage(flat, BufferedImage.TYPE_3BYTE_BGR), "jpeg", file.toFile()));
        ImageFiles.ReadResult r = ImageFiles.read(file);
        assertEquals("3x16x16", r.image().shape());
        assertEquals(8, r.bitDepth());
        for (int i = 0; i < flat.data().length; i++) {
            assertEquals(flat.data()[i], r.image().data()[i], 4 / 255f);
        }
    }

    @Test
    void readsGreyJpegAsOneChannel() throws IOException {
        BufferedImage bi = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
        bi.getRaster().setSamples(0, 0, 8, 8, 0, filled(64, 90));
        Path file = dir.resolve("grey.jpg");
        assertTrue(ImageIO.write(bi, "jpeg", file.toFile()));
        Image img = ImageFiles.read(file).image();
        assertEquals("1x8x8", img.shape());
        assertEquals(90 / 255f, img.get(0, 3, 3), 2 / 255f);
    }

    @Test
    void readsBmpExactly() throws IOException {
        Image img = TestImages.randomLevels(3, 9, 11, 255, 7);
        Path file = dir.resolve("a.bmp");
        assertTrue(ImageIO.write(rgbImage(img, BufferedImage.TYPE_3BYTE_BGR), "bmp", file.toFile()));
        assertEquals(img, ImageFiles.read(file).image());
    }

    @Test
    void readsTiffExactly() throws IOException {
        Image img = TestImages.randomLevels(3, 9, 11, 255, 8);
        Path file = dir.resolve("a.tif");
        assertTrue(ImageIO.write(rgbImage(img, BufferedImage.TYPE_INT_RGB), "tiff", file.toFile()));
        ImageFiles.ReadResult r = ImageFiles.read(file);
        assertEquals(img, r.image());
        assertEquals(8, r.bitDepth());
    }

    @Test
    void readsGrey16TiffWithoutColourConversion() throws IOException {
        Image img = TestImages.randomLevels(1, 6, 5, 65535, 9);
        BufferedImage bi = PixelConversion.toBufferedImage(img, 16);
        Path file = dir.resolve("g16.tiff");
        assertTrue(ImageIO.write(bi, "tiff", file.toFile()));
        ImageFiles.ReadResult r = ImageFiles.read(file);
        assertEquals(img, r.image());
        assertEquals(16, r.bitDepth());
    }

    @Test
    void readsPalettePngThroughRgb() throws IOException {
        Image img = TestImages.randomLevels(3, 4, 4, 255, 10);
        BufferedImage bi = rgbImage(img, BufferedImage.TYPE_BYTE_INDEXED); // default 6x6x6 colour cube palette
        Path file = dir.resolve("pal.png");
        assertTrue(ImageIO.write(bi, "png", file.toFile()));
        Image got = ImageFiles.read(file).image();
        assertEquals(3, got.channels());
        int p = bi.getRGB(1, 2);
        assertEquals(((p >> 8) & 0xff) / 255f, got.get(1, 2, 1)); // green of the palette entry
    }

    @Test
    void readsOneBitGreyAsOneChannel() throws IOException {
        BufferedImage bi = new BufferedImage(5, 3, BufferedImage.TYPE_BYTE_BINARY);
        bi.getRaster().setSample(2, 1, 0, 1);
        Path file = dir.resolve("bits.png");
        assertTrue(ImageIO.write(bi, "png", file.toFile()));
        Image got = ImageFiles.read(file).image();
        assertEquals("1x3x5", got.shape());
        assertEquals(1f, got.get(0, 1, 2));
        assertEquals(0f, got.get(0, 0, 0));
    }

    @Test
    void greyAlphaPngDropsAlphaWithWarning() throws IOException {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY),
                new int[] {8, 8}, true, false, Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        WritableRaster raster = cm.createCompatibleWritableRaster(4, 3);
        raster.setSamples(0, 0, 4, 3, 0, filled(12, 77));
        raster.setSamples(0, 0, 4, 3, 1, filled(12, 10)); // nearly transparent: grey must stay 77, not be mixed
        Path file = dir.resolve("ga.png");
        assertTrue(ImageIO.write(new BufferedImage(cm, raster, false, null), "png", file.toFile()));
        ImageFiles.ReadResult r = ImageFiles.read(file);
        assertEquals("1x3x4", r.image().shape());
        assertEquals(77 / 255f, r.image().get(0, 2, 3));
        assertEquals(1, r.warnings().size());
        assertEquals(file + ": alpha channel dropped", r.warnings().get(0));
    }

    @Test
    void rgbaPngDropsAlphaWithWarning() throws IOException {
        BufferedImage bi = new BufferedImage(3, 2, BufferedImage.TYPE_INT_ARGB);
        bi.setRGB(1, 1, 0x40_c8_64_1e); // alpha 0x40, R 200, G 100, B 30
        Path file = dir.resolve("rgba.png");
        assertTrue(ImageIO.write(bi, "png", file.toFile()));
        ImageFiles.ReadResult r = ImageFiles.read(file);
        assertEquals("3x2x3", r.image().shape());
        assertEquals(200 / 255f, r.image().get(0, 1, 1));
        assertEquals(100 / 255f, r.image().get(1, 1, 1));
        assertEquals(30 / 255f, r.image().get(2, 1, 1));
        assertTrue(r.warnings().get(0).contains("alpha channel dropped"));
    }

    private static int[] filled(int n, int v) {
        int[] a = new int[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
