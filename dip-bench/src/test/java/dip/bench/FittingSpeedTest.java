package dip.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dip.image.Image;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The four targets, the CSV and the plot, on a 16×16 image with 3 iterations and a tiny net. */
class FittingSpeedTest {
    @TempDir
    Path dir;

    @Test
    void writesTheCsvAndThePlot() throws Exception {
        Path img = dir.resolve("img.png");
        BenchImages.write(BenchImages.pattern(3, 24, 0), img);
        FittingSpeed.Config cfg = new FittingSpeed.Config(img, 3, dir.resolve("out"), "tiny", 0.5, 0, 1, 16,
                FittingSpeed.DEFAULT_NOISE_SIGMA, BenchImages.TINY_NET);
        FittingSpeed.Result r = FittingSpeed.run(cfg, FittingSpeed.Listener.NONE);
        assertEquals(16, r.height());
        List<String> csv = Files.readAllLines(r.csv());
        assertEquals("iteration,mse_image,mse_image_noise,mse_shuffled,mse_noise", csv.get(0));
        assertEquals(4, csv.size());
        assertEquals(5, csv.get(3).split(",").length);
        assertEquals("3", csv.get(3).split(",")[0]);
        assertNotNull(ImageIO.read(r.png().toFile()));
        assertEquals(4, r.mse().size());
        assertEquals(3, r.mse().get(0).length);
    }

    @Test
    void shuffledKeepsThePixelsAndMovesThem() {
        Image img = BenchImages.pattern(3, 16, 1);
        Image s = FittingSpeed.shuffled(img, 7);
        assertNotEquals(img, s);
        for (int c = 0; c < 3; c++) {
            float[] a = Arrays.copyOfRange(img.data(), c * 256, (c + 1) * 256);
            float[] b = Arrays.copyOfRange(s.data(), c * 256, (c + 1) * 256);
            Arrays.sort(a);
            Arrays.sort(b);
            assertArrayEquals(a, b);
        }
        assertEquals(s, FittingSpeed.shuffled(img, 7)); // seeded
    }

    @Test
    void firstIterationBelowTheThreshold() {
        assertEquals(3, FittingSpeed.firstBelow(new double[] {0.5, 0.2, 0.009, 0.001}, 0.01));
        assertNull(FittingSpeed.firstBelow(new double[] {0.5, 0.2}, 0.01));
    }
}
