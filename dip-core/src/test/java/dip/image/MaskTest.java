package dip.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaskTest {
    @TempDir
    Path dir;

    private static Image grey(int h, int w, int... levels) {
        float[] d = new float[h * w];
        for (int i = 0; i < d.length; i++) {
            d[i] = levels[i] / 255f;
        }
        return new Image(1, h, w, d);
    }

    @Test
    void greyFileIsThresholdedBetween127And128() {
        Path file = dir.resolve("m.png");
        ImageFiles.write(grey(2, 3, 0, 127, 128, 255, 200, 1), file, 8);
        Image mask = Mask.fromFile(file, 2, 3);
        assertEquals("1x2x3", mask.shape());
        assertArrayEquals(new float[] {0, 0, 1, 1, 1, 0}, mask.data());
        assertEquals(0.5, Mask.knownFraction(mask), 1e-12);
    }

    @Test
    void rgbFileUsesTheMeanOfTheChannels() {
        // pixels: grey 127 (hole), grey 128 (known), mean 127.33 (known), mean exactly 127 (hole)
        float[] r = {127, 128, 127, 126};
        float[] g = {127, 128, 127, 127};
        float[] b = {127, 128, 128, 128};
        float[] d = new float[12];
        for (int i = 0; i < 4; i++) {
            d[i] = r[i] / 255f;
            d[4 + i] = g[i] / 255f;
            d[8 + i] = b[i] / 255f;
        }
        Path file = dir.resolve("rgb.png");
        ImageFiles.write(new Image(3, 1, 4, d), file, 8);
        assertArrayEquals(new float[] {0, 1, 1, 0}, Mask.fromFile(file, 1, 4).data());
    }

    @Test
    void sizeMismatchNamesTheFileAndBothSizes() {
        Path file = dir.resolve("m.png");
        int[] levels = new int[100 * 80];
        levels[0] = 255;
        ImageFiles.write(grey(100, 80, levels), file, 8);
        ImageReadException e = assertThrows(ImageReadException.class, () -> Mask.fromFile(file, 128, 128));
        assertEquals("mask " + file + " is 100x80 but the image is 128x128", e.getMessage());
    }

    @Test
    void masksWithNothingToInpaintOrNothingKnownAreRejected() {
        Path known = dir.resolve("white.png");
        ImageFiles.write(grey(2, 2, 255, 255, 200, 128), known, 8);
        ImageReadException e = assertThrows(ImageReadException.class, () -> Mask.fromFile(known, 2, 2));
        assertEquals("mask " + known + " has no holes (all pixels are known): nothing to inpaint", e.getMessage());

        Path holes = dir.resolve("black.png");
        ImageFiles.write(grey(2, 2, 0, 127, 0, 5), holes, 8);
        e = assertThrows(ImageReadException.class, () -> Mask.fromFile(holes, 2, 2));
        assertEquals("mask " + holes + " is all holes: nothing is known", e.getMessage());

        Path missing = dir.resolve("missing.png");
        e = assertThrows(ImageReadException.class, () -> Mask.fromFile(missing, 2, 2));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void bernoulliKeepsAboutTheRequestedFractionAndIsRepeatable() {
        for (double keep : new double[] {0.5, 0.1, 0.9}) {
            Image mask = Mask.bernoulli(256, 256, keep, 42);
            assertEquals("1x256x256", mask.shape());
            // 65536 pixels: standard deviation of the fraction ≤ 0.002, so 0.01 is a 5σ bound
            assertEquals(keep, Mask.knownFraction(mask), 0.01);
            for (float v : mask.data()) {
                assertTrue(v == 0f || v == 1f);
            }
        }
        assertEquals(Mask.bernoulli(64, 48, 0.5, 7), Mask.bernoulli(64, 48, 0.5, 7));
        assertNotEquals(Mask.bernoulli(64, 48, 0.5, 7), Mask.bernoulli(64, 48, 0.5, 8));
        for (double bad : new double[] {0.0, 1.0, -0.1, 1.5, Double.NaN}) {
            assertThrows(IllegalArgumentException.class, () -> Mask.bernoulli(8, 8, bad, 1));
        }
    }

    @Test
    void fromZerosMarksPixelsWithAnyNonZeroChannelAsKnown() {
        // RGB 1x3: (0,0,0) hole, (0,0.2,0) known, (1,1,1) known
        Image img = new Image(3, 1, 3, new float[] {0, 0, 1, 0, 0.2f, 1, 0, 0, 1});
        assertArrayEquals(new float[] {0, 1, 1}, Mask.fromZeros(img).data());
        assertArrayEquals(new float[] {1, 0, 1}, Mask.fromZeros(grey(1, 3, 3, 0, 255)).data());
    }

    @Test
    void applyZeroesHolesInEveryChannel() {
        Image img = new Image(2, 1, 3, new float[] {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f});
        Image mask = new Image(1, 1, 3, new float[] {1, 0, 1});
        assertArrayEquals(new float[] {0.1f, 0, 0.3f, 0.4f, 0, 0.6f}, Mask.apply(img, mask).data());
        assertEquals(2.0 / 3, Mask.knownFraction(mask), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Mask.apply(img, new Image(1, 1, 2, new float[2])));
        assertThrows(IllegalArgumentException.class, () -> Mask.knownFraction(img));
    }

    @Test
    void benchmarkMaskedImagesAreAboutHalfMissing() {
        Path gray50 = null;
        for (Path d = Path.of("").toAbsolutePath(); d != null && gray50 == null; d = d.getParent()) {
            Path candidate = d.resolve("shared/data/bench/inpaint/gray50/house_masked.png");
            gray50 = Files.exists(candidate) ? candidate : null;
        }
        Assumptions.assumeTrue(gray50 != null, "shared/data/bench/inpaint/gray50 not available");
        Image masked = ImageFiles.read(gray50).image();
        Image mask = Mask.fromZeros(masked);
        assertEquals(0.5, Mask.knownFraction(mask), 0.05);
        assertEquals(masked, Mask.apply(masked, mask));
    }
}
