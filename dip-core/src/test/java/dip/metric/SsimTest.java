package dip.metric;

import static dip.metric.PsnrTest.constant;
import static dip.metric.PsnrTest.random;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dip.image.Image;
import org.junit.jupiter.api.Test;

class SsimTest {
    private static final double C1 = 0.01 * 0.01;

    @Test
    void identicalImagesGiveOne() {
        Image a = random(3, 20, 25, 1);
        assertEquals(1.0, Ssim.ssim(a, a.copy()), 1e-12);
    }

    @Test
    void constantOffsetMatchesFormula() {
        // σx = σy = σxy = 0, so the contrast-structure term is C2/C2 = 1 and SSIM = (2μxμy + C1)/(μx² + μy² + C1)
        float mx = 0.5f;
        float my = 0.6f;
        double expected = (2.0 * mx * my + C1) / ((double) mx * mx + (double) my * my + C1);
        assertEquals(expected, Ssim.ssim(constant(1, 16, 16, mx), constant(1, 16, 16, my)), 1e-9);
        assertEquals(expected, Ssim.ssim(constant(3, 11, 11, mx), constant(3, 11, 11, my)), 1e-9);
    }

    @Test
    void noisyImageIsSymmetricAndBelowOne() {
        Image a = random(3, 32, 32, 2);
        Image b = a.copy();
        java.util.Random rnd = new java.util.Random(3);
        for (int i = 0; i < b.data().length; i++) {
            b.data()[i] += (float) (0.1 * rnd.nextGaussian());
        }
        double s = Ssim.ssim(a, b);
        assertEquals(s, Ssim.ssim(b, a), 1e-12);
        assertTrue(s < 0.99 && s > 0, "ssim " + s);
    }

    /** Reference values from scipy.ndimage.gaussian_filter(sigma=1.5, truncate=3.5), as skimage computes SSIM. */
    @Test
    void matchesScipyReference() {
        int c = 3;
        int h = 24;
        int w = 30;
        Image a = Image.zeros(c, h, w);
        Image b = Image.zeros(c, h, w);
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int ia = (x * x + 3 * y + 50 * ch) % 256;
                    int ib = Math.min(255, Math.max(0, ia + (x * y) % 41 - 20));
                    a.set(ch, y, x, ia / 255f);
                    b.set(ch, y, x, ib / 255f);
                }
            }
        }
        assertEquals(0.9559795814490557, Ssim.ssim(a, b), 1e-10);
        assertEquals(0.9508236032743854, Ssim.ssim(firstChannel(a), firstChannel(b)), 1e-10);
    }

    @Test
    void kernelIsNormalisedAndSymmetric() {
        double[] k = Ssim.gaussianKernel();
        double sum = 0;
        for (double v : k) {
            sum += v;
        }
        assertEquals(1.0, sum, 1e-15);
        assertEquals(k[0], k[10]);
        assertEquals(Math.exp(-25 / 4.5) / Math.exp(0), k[0] / k[5], 1e-15);
    }

    @Test
    void rejectsTooSmallOrMismatched() {
        assertThrows(IllegalArgumentException.class, () -> Ssim.ssim(constant(1, 10, 20, 0), constant(1, 10, 20, 0)));
        assertThrows(IllegalArgumentException.class, () -> Ssim.ssim(constant(1, 11, 11, 0), constant(3, 11, 11, 0)));
    }

    private static Image firstChannel(Image img) {
        float[] d = java.util.Arrays.copyOf(img.data(), img.pixels());
        return new Image(1, img.height(), img.width(), d);
    }
}
