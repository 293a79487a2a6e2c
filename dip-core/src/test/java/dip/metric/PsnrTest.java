package dip.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dip.image.Image;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PsnrTest {
    static Image constant(int c, int h, int w, float v) {
        float[] d = new float[c * h * w];
        Arrays.fill(d, v);
        return new Image(c, h, w, d);
    }

    static Image random(int c, int h, int w, long seed) {
        Random rnd = new Random(seed);
        float[] d = new float[c * h * w];
        for (int i = 0; i < d.length; i++) {
            d[i] = rnd.nextFloat();
        }
        return new Image(c, h, w, d);
    }

    @Test
    void constantImages() {
        // MSE 0.01 → 20 dB (0.6f is not exact in binary, hence the tolerance)
        assertEquals(20.0, Psnr.psnr(constant(3, 4, 5, 0.5f), constant(3, 4, 5, 0.6f)), 1e-5);
        // difference 0.25 is exact: MSE 1/16 → 10·log10(16)
        assertEquals(10 * Math.log10(16), Psnr.psnr(constant(1, 3, 3, 0.5f), constant(1, 3, 3, 0.75f)), 1e-12);
    }

    @Test
    void handComputedExample() {
        Image a = new Image(1, 2, 2, new float[] {0f, 0.5f, 1f, 0.25f});
        Image b = new Image(1, 2, 2, new float[] {0.1f, 0.5f, 0.8f, 0.25f});
        // squared errors 0.01 + 0 + 0.04 + 0 = 0.05 over 4 values: MSE 0.0125 → 10·log10(80) ≈ 19.0309 dB
        assertEquals(0.0125, Psnr.mse(a, b), 1e-8);
        assertEquals(19.030899869919434, Psnr.psnr(a, b), 1e-5);
        assertEquals(Psnr.psnr(a, b), Psnr.psnr(b, a));
    }

    @Test
    void identicalIsInfiniteAndNothingIsClamped() {
        Image a = random(3, 6, 6, 1);
        assertEquals(Double.POSITIVE_INFINITY, Psnr.psnr(a, a.copy()));
        // values outside [0,1] are used as they are: 1.5 vs 1.0 gives MSE 0.25, not 0
        assertEquals(10 * Math.log10(4), Psnr.psnr(constant(1, 2, 2, 1.5f), constant(1, 2, 2, 1f)), 1e-12);
    }

    @Test
    void shapeMismatchRejected() {
        assertThrows(IllegalArgumentException.class, () -> Psnr.psnr(constant(1, 4, 4, 0), constant(3, 4, 4, 0)));
        assertThrows(IllegalArgumentException.class, () -> Psnr.psnr(constant(1, 4, 4, 0), constant(1, 4, 5, 0)));
        assertThrows(IllegalArgumentException.class,
                () -> Psnr.yPsnrShaved(constant(3, 32, 32, 0), constant(3, 32, 31, 0)));
    }

    @Test
    void lumaOfPureColours() {
        float[][] colours = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 1, 1}, {0, 0, 0}};
        double[] expected = {81.481 / 255, 144.553 / 255, 40.966 / 255, 235.0 / 255, 16.0 / 255};
        for (int i = 0; i < colours.length; i++) {
            Image px = new Image(3, 1, 1, colours[i].clone());
            assertEquals(expected[i], Psnr.luma(px).data()[0], 1e-6, "colour " + i);
        }
        Image grey = random(1, 3, 3, 2);
        assertEquals(grey, Psnr.luma(grey));
    }

    @Test
    void shavesFourTopLeftAndFiveBottomRight() {
        Image gt = random(3, 32, 32, 3);
        // pixels in the shaved border do not count
        for (int[] yx : new int[][] {{3, 10}, {10, 3}, {27, 10}, {10, 27}, {31, 31}, {0, 0}}) {
            Image out = gt.copy();
            out.set(0, yx[0], yx[1], 0.5f + gt.get(0, yx[0], yx[1]) / 2);
            assertEquals(Double.POSITIVE_INFINITY, Psnr.yPsnrShaved(out, gt), "pixel " + yx[0] + "," + yx[1]);
        }
        // pixels just inside do: one red change of 0.5 gives ΔY = 65.481·0.5/255 over a 23×23 region
        double dy = 65.481 * 0.5 / 255;
        double expected = 10 * Math.log10(23 * 23 / (dy * dy));
        for (int[] yx : new int[][] {{4, 4}, {26, 26}, {4, 26}}) {
            Image out = new Image(3, 32, 32, new float[3 * 32 * 32]);
            Image base = out.copy();
            out.set(0, yx[0], yx[1], 0.5f);
            assertEquals(expected, Psnr.yPsnrShaved(out, base), 1e-4, "pixel " + yx[0] + "," + yx[1]);
        }
        assertTrue(Double.isFinite(Psnr.yPsnrShaved(random(1, 12, 12, 4), random(1, 12, 12, 5))));
        assertThrows(IllegalArgumentException.class, () -> Psnr.yPsnrShaved(random(1, 9, 20, 4), random(1, 9, 20, 5)));
    }

    private static boolean[] all(int pixels, boolean value) {
        boolean[] m = new boolean[pixels];
        Arrays.fill(m, value);
        return m;
    }

    @Test
    void aMaskOfEveryPixelGivesTheFullPsnrAndAnEmptyOneNaN() {
        Image a = random(3, 7, 9, 6);
        Image b = random(3, 7, 9, 7);
        assertEquals(Psnr.psnr(a, b), Psnr.psnr(a, b, all(63, true)));
        assertEquals(Psnr.psnr(a, b), Psnr.psnr(a, b, null));
        assertEquals(Double.POSITIVE_INFINITY, Psnr.psnr(a, a.copy(), all(63, true)));
        assertTrue(Double.isNaN(Psnr.psnr(a, b, all(63, false))), "nothing measured");
        assertThrows(IllegalArgumentException.class, () -> Psnr.psnr(a, b, new boolean[62]));
        Image big = random(3, 20, 24, 8);
        Image other = random(3, 20, 24, 9);
        assertEquals(Psnr.yPsnrShaved(big, other), Psnr.yPsnrShaved(big, other, all(480, true)));
        assertEquals(Protocol.Y_SHAVE.psnr(big, other), Protocol.Y_SHAVE.psnr(big, other, all(480, true)));
        assertEquals(Protocol.RGB.psnr(big, other), Protocol.RGB.psnr(big, other, all(480, true)));
    }

    @Test
    void aMaskedPsnrCountsOnlyTheSelectedPixelsInEveryChannel() {
        Image a = new Image(2, 1, 2, new float[] {0f, 0.5f, 1f, 0.25f});
        Image b = new Image(2, 1, 2, new float[] {0.1f, 0.9f, 0.8f, 0.25f});
        // pixel 0 only: squared errors 0.01 (channel 0) and 0.04 (channel 1) → MSE 0.025
        assertEquals(10 * Math.log10(40), Psnr.psnr(a, b, new boolean[] {true, false}), 1e-5);
        // pixel 1 only: 0.16 and 0 → MSE 0.08
        assertEquals(10 * Math.log10(12.5), Psnr.psnr(a, b, new boolean[] {false, true}), 1e-5);
    }

    @Test
    void aMaskedYPsnrStillShavesTheBorder() {
        Image gt = random(3, 32, 32, 3);
        Image out = gt.copy();
        out.set(0, 2, 2, 0.5f + gt.get(0, 2, 2) / 2); // in the shaved border
        out.set(0, 10, 10, 0.5f + gt.get(0, 10, 10) / 2); // measured, but outside the mask below
        boolean[] mask = all(32 * 32, false);
        for (int x = 0; x < 32; x++) {
            mask[2 * 32 + x] = true; // row 2: all shaved
            mask[20 * 32 + x] = true; // row 20: measured from column 4 to 26
        }
        assertEquals(Double.POSITIVE_INFINITY, Psnr.yPsnrShaved(out, gt, mask));
        out.set(0, 20, 3, 0.9f); // row 20 but in the shaved columns
        assertEquals(Double.POSITIVE_INFINITY, Psnr.yPsnrShaved(out, gt, mask));
        out.set(0, 20, 4, 1 - gt.get(0, 20, 4)); // the first measured pixel of row 20
        assertTrue(Double.isFinite(Psnr.yPsnrShaved(out, gt, mask)));
        boolean[] onlyBorder = all(32 * 32, false);
        onlyBorder[0] = true;
        assertTrue(Double.isNaN(Psnr.yPsnrShaved(out, gt, onlyBorder)), "the mask keeps only shaved pixels");
    }
}
