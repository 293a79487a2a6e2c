package dip.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dip.metric.Psnr;
import dip.task.SuperResolve;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MatlabResizeTest {
    /** An 8×8 grey pattern of 8-bit levels, (37x + 91y) mod 256. */
    private static Image pattern() {
        float[] d = new float[64];
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                d[y * 8 + x] = ((37 * x + 91 * y) % 256) / 255f;
            }
        }
        return new Image(1, 8, 8, d);
    }

    private static int[] levels(Image img) {
        int[] out = new int[img.data().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.round(img.data()[i] * 255f);
        }
        return out;
    }

    @Test
    void tapsFollowMatlabContributions() {
        MatlabResize.Taps t = MatlabResize.downscaleTaps(16, 4);
        // the cubic widened 4 times spans 16 input pixels; MATLAB keeps ceil(16) + 2 taps per output pixel
        assertEquals(18, t.weights()[0].length);
        for (double[] w : t.weights()) {
            double sum = 0;
            for (double v : w) {
                sum += v;
            }
            assertEquals(1.0, sum, 1e-12);
        }
        // output pixel 1 is centred at input position 2.5 (1-based): taps from floor(2.5 - 8) = -6, mirrored at the edge
        assertArrayEquals(new int[] {6, 5, 4, 3, 2, 1, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, t.index()[0]);
    }

    @Test
    void matchesAPortOfImresizeOnAPattern() {
        // expected levels from a NumPy port of MATLAB's imresize.m (bicubic, antialiasing, uint8 after each dimension)
        assertArrayEquals(new int[] {68, 126, 152, 94, 112, 97, 128, 130, 138, 116, 98, 126, 115, 158, 109, 87},
                levels(MatlabResize.downscaleBicubic8Bit(pattern(), 2)));
        assertArrayEquals(new int[] {103, 124, 129, 108}, levels(MatlabResize.downscaleBicubic8Bit(pattern(), 4)));
    }

    @Test
    void keepsAConstantImage() {
        float[] d = new float[3 * 32 * 32];
        java.util.Arrays.fill(d, 77 / 255f);
        Image lr = MatlabResize.downscaleBicubic8Bit(new Image(3, 32, 32, d), 8);
        assertEquals("3x4x4", lr.shape());
        for (int v : levels(lr)) {
            assertEquals(77, v);
        }
    }

    @Test
    void refusesSidesThatAreNotMultiplesOfTheFactor() {
        assertThrows(IllegalArgumentException.class, () -> MatlabResize.downscaleBicubic8Bit(new Image(1, 10, 12, new float[120]), 4));
    }

    /** The paper's Set5 ×4 bicubic column (published.csv) is met by these inputs; PIL's Lanczos-3 ones are 0.15–0.37 dB above it. */
    @Test
    void meetsThePapersBicubicColumnOnSet5() {
        Path set5 = benchSet5();
        assumeTrue(set5 != null, "shared/data/bench/sr/Set5/x4 not available");
        String[] names = {"head", "butterfly"};
        double[] paper = {31.34, 22.13};
        for (int i = 0; i < names.length; i++) {
            Image gt = SuperResolve.groundTruth(ImageFiles.read(set5.resolve(names[i] + "_GT.png")).image());
            Image up = Resize.upscaleBicubic(SuperResolve.simulate(gt, 4, SuperResolve.Downscaler.BICUBIC), 4);
            assertEquals(paper[i], Psnr.yPsnrShaved(up, gt), 0.03, names[i]);
            Image pil = Resize.upscaleBicubic(SuperResolve.simulate(gt, 4, SuperResolve.Downscaler.LANCZOS3), 4);
            assertEquals(true, Psnr.yPsnrShaved(pil, gt) > paper[i] + 0.1, names[i] + ": Lanczos-3 inputs are easier");
        }
    }

    private static Path benchSet5() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("data").resolve("bench").resolve("sr").resolve("Set5").resolve("x4");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
