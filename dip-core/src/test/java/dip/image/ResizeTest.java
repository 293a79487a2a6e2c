package dip.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dip.metric.Psnr;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class ResizeTest {
    /** Pixel (c, y, x) holds a unique value, so crops can be located. */
    private static Image indexed(int channels, int h, int w) {
        float[] d = new float[channels * h * w];
        for (int i = 0; i < d.length; i++) {
            d[i] = i;
        }
        return new Image(channels, h, w, d);
    }

    private static Image constant(int channels, int h, int w, float v) {
        float[] d = new float[channels * h * w];
        java.util.Arrays.fill(d, v);
        return new Image(channels, h, w, d);
    }

    /** A grey image from rows of 8-bit levels. */
    private static Image levels(int[][] rows) {
        Image img = Image.zeros(1, rows.length, rows[0].length);
        for (int y = 0; y < rows.length; y++) {
            for (int x = 0; x < rows[0].length; x++) {
                img.set(0, y, x, rows[y][x] / 255f);
            }
        }
        return img;
    }

    private static int[][] toLevels(Image img) {
        int[][] out = new int[img.height()][img.width()];
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                out[y][x] = Math.round(img.get(0, y, x) * 255);
            }
        }
        return out;
    }

    @Test
    void cropToMultipleIsCentredLikeCropImage() {
        Image img = indexed(2, 257, 255); // PIL size (W, H) = (255, 257)
        Image out = Resize.cropToMultiple(img, 32);
        assertEquals("2x256x224", out.shape());
        // box = ((255 - 224) / 2, (257 - 256) / 2) = (15, 0)
        assertEquals(img.get(0, 0, 15), out.get(0, 0, 0));
        assertEquals(img.get(1, 255, 238), out.get(1, 255, 223));

        Image odd = indexed(1, 100, 70);
        Image cropped = Resize.cropToMultiple(odd, 32); // 96x64, box (3, 2)
        assertEquals("1x96x64", cropped.shape());
        assertEquals(odd.get(0, 2, 3), cropped.get(0, 0, 0));

        Image exact = indexed(1, 64, 32);
        assertEquals(exact, Resize.cropToMultiple(exact, 32));
        assertThrows(IllegalArgumentException.class, () -> Resize.cropToMultiple(indexed(1, 31, 64), 32));
        assertThrows(IllegalArgumentException.class, () -> Resize.cropToMultiple(exact, 0));
    }

    @Test
    void downscaleKeepsAConstantImageConstant() {
        Image flat = constant(3, 37, 50, 102 / 255f);
        Image out = Resize.downscaleLanczos3(flat, 4);
        assertEquals("3x9x12", out.shape()); // floor(37/4) x floor(50/4)
        for (float v : out.data()) {
            assertEquals(102 / 255f, v, 1e-6);
        }
        Image out8 = Resize.downscaleLanczos3As8Bit(flat, 4);
        assertEquals("3x9x12", out8.shape());
        for (float v : out8.data()) {
            assertEquals(102 / 255f, v); // fixed-point weights may sum to 2^22 ± a few; rounding absorbs it
        }
    }

    @Test
    void downscaleSizesAndTooSmallImages() {
        assertEquals("1x64x32", Resize.downscaleLanczos3(constant(1, 512, 256, 0.5f), 8).shape());
        assertEquals("1x1x1", Resize.downscaleLanczos3(constant(1, 4, 7, 0.5f), 4).shape());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Resize.downscaleLanczos3(constant(1, 3, 40, 0.5f), 4));
        assertTrue(e.getMessage().contains("smaller than the downscale factor 4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Resize.downscaleLanczos3As8Bit(constant(1, 8, 3, 0f), 4));
    }

    @Test
    void lanczosTapsForX4() {
        Resize.Taps taps = Resize.taps(32, 8, Resize.Filter.LANCZOS3);
        for (double[] w : taps.weights()) {
            double sum = 0;
            for (double v : w) {
                sum += v;
            }
            assertEquals(1.0, sum, 1e-12);
        }
        // Interior output 3: centre 14, support 12, inputs 2..25, arguments (j - 11.5) / 4.
        double[] w = taps.weights()[3];
        assertEquals(2, taps.start()[3]);
        assertEquals(24, w.length);
        for (int j = 0; j < w.length; j++) {
            assertEquals(w[j], w[w.length - 1 - j], 1e-15, "symmetric");
        }
        // Computed independently in Python (math.sin) from Pillow's precompute_coeffs: for x in 0..23,
        // w = sinc(t)·sinc(t/3), t = (x + 2 - 14 + 0.5) / 4, normalised to sum 1. First half:
        double[] expected = {0.0004605808, 0.0039105747, 0.0075994023, 0.0051242775, -0.0076647263,
            -0.0264375601, -0.0369251872, -0.0212909064, 0.0302227793, 0.1097353692, 0.1916181580, 0.2436472384};
        for (int j = 0; j < expected.length; j++) {
            assertEquals(expected[j], w[j], 1e-10);
        }
        // Same script, normalize_coeffs_8bpc: round(w · 2^22) half away from zero (first half).
        int[] fixed = Resize.fixedPoint(taps.weights())[3];
        assertArrayEquals(new int[] {1932, 16402, 31874, 21493, -32148, -110887, -154875, -89301, 126764, 460263,
            803705, 1021931}, java.util.Arrays.copyOf(fixed, 12));
        // The first output is cut by the border: centre 2, inputs 0..13 (14 taps), renormalised.
        assertEquals(0, taps.start()[0]);
        assertEquals(14, taps.weights()[0].length);
        assertEquals(0.2048810517, taps.weights()[0][0], 1e-10);
        assertEquals(0.0004924600, taps.weights()[0][13], 1e-10);
    }

    @Test
    void downscaleMatchesIndependentReference() {
        // 12x8 (WxH) test pattern, levels (x·53 + y·97 + x·y·7) mod 256, reduced by 4 to 3x2. Expected values from
        // the independent Python port of Resample.c (8-bit: fixed point, clip after each pass; float: doubles).
        int[][] rows = new int[8][12];
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 12; x++) {
                rows[y][x] = (x * 53 + y * 97 + x * y * 7) % 256;
            }
        }
        Image img = levels(rows);
        assertArrayEquals(new int[][] {{109, 113, 124}, {119, 127, 139}}, toLevels(Resize.downscaleLanczos3As8Bit(img, 4)));
        Image f = Resize.downscaleLanczos3(img, 4);
        float[] expected = {0.4249392f, 0.4411628f, 0.4854969f, 0.4648330f, 0.4960283f, 0.5467090f};
        assertArrayEquals(expected, f.data(), 1e-6f);
    }

    @Test
    void bicubicUpscaleMatchesIndependentReference() {
        Image small = levels(new int[][] {{10, 200, 40}, {250, 0, 128}});
        // Python port of Resample.c, BICUBIC (a = -0.5), 8-bit path, 3x2 -> 6x4; note the clipped 0 and 255.
        int[][] expected = {{0, 37, 180, 193, 73, 16}, {53, 81, 144, 143, 80, 49},
            {202, 169, 72, 46, 93, 116}, {255, 213, 36, 0, 100, 149}};
        assertArrayEquals(expected, toLevels(Resize.resize8Bit(small, 6, 4, Resize.Filter.BICUBIC)));
        // The float path does not round or clip between passes (here row 0's horizontal overshoot below 0 survives
        // into the vertical pass, so (1,0) is 51/255 in float vs 53 in 8-bit); same Python script, in doubles:
        float[] expectedFloat = {0.0000000f, 0.1423922f, 0.7048223f, 0.7542055f, 0.2840536f, 0.0622566f,
            0.1999670f, 0.3163639f, 0.5630620f, 0.5613719f, 0.3115157f, 0.1936266f,
            0.8404020f, 0.6613376f, 0.2819612f, 0.1789963f, 0.3659711f, 0.4541242f,
            1.0000000f, 0.8353093f, 0.1402009f, 0.0000000f, 0.3934332f, 0.5854943f};
        assertArrayEquals(expectedFloat, Resize.upscaleBicubic(small, 2).data(), 1e-6f);
    }

    @Test
    void bicubicUpscaleReproducesALinearRampInTheInterior() {
        int h = 10;
        int w = 12;
        int f = 4;
        Image ramp = Image.zeros(1, h, w);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                ramp.set(0, y, x, (float) (0.1 + 0.5 * (x + 0.5) / w + 0.3 * (y + 0.5) / h));
            }
        }
        assertEquals("1x40x48", Resize.upscaleBicubic(ramp, f).shape());
        assertEquals("1x40x48", Resize.upscaleLanczos(ramp, f).shape());
        // Keys' cubic (a = -0.5) reproduces linear functions exactly; truncated Lanczos only approximately.
        assertRampInterior(Resize.upscaleBicubic(ramp, f), f, 1e-5);
        assertRampInterior(Resize.upscaleLanczos(ramp, f), f, 2e-3);
    }

    private static void assertRampInterior(Image up, int f, double tolerance) {
        int h = up.height() / f;
        int w = up.width() / f;
        // Output pixel X sits at (X + 0.5) / f in input coordinates; away from the borders the taps are whole.
        for (int y = 3 * f; y < up.height() - 3 * f; y++) {
            for (int x = 3 * f; x < up.width() - 3 * f; x++) {
                double expected = 0.1 + 0.5 * ((x + 0.5) / f) / w + 0.3 * ((y + 0.5) / f) / h;
                assertEquals(expected, up.get(0, y, x), tolerance, "at (" + y + "," + x + ")");
            }
        }
    }

    @Test
    void set5BicubicBaselineMatchesThePaper() throws IOException {
        Path bench = sharedBench();
        Path hrDir = bench == null ? null : bench.resolve("sr/Set5/x4");
        Assumptions.assumeTrue(hrDir != null && Files.isDirectory(hrDir) && Files.exists(bench.resolve("published.csv")),
                "shared/data/bench/sr/Set5/x4 not available");
        Map<String, Double> published = publishedBicubicX4(bench.resolve("published.csv"));
        int checked = 0;
        for (String name : List.of("baby", "bird", "butterfly", "head", "woman")) {
            Path file = hrDir.resolve(name + "_GT.png");
            if (!Files.exists(file) || !published.containsKey(name)) {
                continue;
            }
            Image hr = Resize.cropToMultiple(ImageFiles.read(file).image(), 32);
            Image lr = Resize.downscaleLanczos3As8Bit(hr, 4);
            assertEquals(hr.width() / 4, lr.width());
            assertEquals(hr.height() / 4, lr.height());
            Image up = Resize.resize8Bit(lr, hr.width(), hr.height(), Resize.Filter.BICUBIC);
            double psnr = Psnr.yPsnrShaved(up, hr);
            double psnrFloat = Psnr.yPsnrShaved(Resize.upscaleBicubic(Resize.downscaleLanczos3(hr, 4), 4), hr);
            System.out.printf("Set5 x4 %s: bicubic Y-PSNR %.2f dB 8-bit, %.2f dB float (paper %.2f)%n",
                    name, psnr, psnrFloat, published.get(name));
            assertEquals(published.get(name), psnr, 1.5, name);
            checked++;
        }
        Assumptions.assumeTrue(checked > 0, "no Set5 image with a published bicubic value");
    }

    /** image → PSNR for task sr_x4, set Set5, method bicubic; columns task,set,image,method,psnr,protocol. */
    private static Map<String, Double> publishedBicubicX4(Path csv) throws IOException {
        Map<String, Double> out = new HashMap<>();
        for (String line : Files.readAllLines(csv)) {
            String[] f = line.split(",");
            if (line.startsWith("#") || f.length < 6 || f[0].equals("task")) {
                continue;
            }
            if (f[0].equals("sr_x4") && f[1].equals("Set5") && f[3].equals("bicubic") && f[5].trim().equals("y_shave")) {
                out.put(f[2], Double.parseDouble(f[4]));
            }
        }
        return out;
    }

    /** shared/data/bench, found by walking up from the working directory; null if absent. */
    private static Path sharedBench() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("data").resolve("bench");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
