package dip.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dip.engine.Engine;
import dip.engine.Hardware;
import dip.engine.Layout;
import dip.engine.Precision;
import dip.image.Image;
import dip.net.NetPresets;
import dip.prior.DeepPrior;
import dip.prior.NetInput;
import dip.task.Denoise;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A seeded fit gives the same bytes every time in one JVM, in each layout and precision: the default net (skip-64,
 * whose concatenations have 68 channels and whose skip branches have 4) on a real crop, five times in a row, two
 * threads. CI also runs it under ONEDNN_MAX_CPU_ISA=AVX2 ATEN_CPU_CAPABILITY=avx2, the kernels of an AVX2-only CPU
 * (there bf16 is skipped: dip never emulates it).
 */
class DeterminismTest {
    private static Image noisy;

    @BeforeAll
    static void init() {
        Engine.init(2);
        Image clean = dip.image.ImageFiles.read(java.nio.file.Path.of("..", "samples", "f16.png")).image().crop(32, 32, 64, 64);
        noisy = FitterTest.noisy(clean, 25 / 255.0, 1);
    }

    @AfterEach
    void auto() {
        System.clearProperty(Layout.PROPERTY);
    }

    private static FitResult fit(Precision p) {
        Engine.seed(3);
        DeepPrior prior = new DeepPrior(NetPresets.byName("skip-64", 32, 3), NetInput.NOISE, 1.0 / 30, noisy.height(),
                noisy.width(), p);
        return new Fitter().fit(new Denoise(noisy), prior, FitSettings.denoising().withIterations(12).withSeed(3), null,
                FitListener.NONE);
    }

    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({"nchw,fp32", "nhwc,fp32", "auto,fp32", "auto,bf16"})
    void fiveSeededFitsInARowGiveTheSameBytes(String layout, String precision) {
        Precision p = Precision.parse(precision);
        Hardware.assumeComputes(p);
        System.setProperty(Layout.PROPERTY, layout);
        FitResult first = fit(p);
        for (int run = 2; run <= 5; run++) {
            FitResult again = fit(p);
            assertEquals(0, again.backtracks(), "run " + run + " rolled back");
            assertArrayEquals(first.output().data(), again.output().data(), "run " + run + ": output differs from run 1");
            assertArrayEquals(first.average().data(), again.average().data(), "run " + run + ": average differs from run 1");
        }
        for (float v : first.output().data()) {
            org.junit.jupiter.api.Assertions.assertTrue(Float.isFinite(v), "a non-finite output value");
        }
    }
}
