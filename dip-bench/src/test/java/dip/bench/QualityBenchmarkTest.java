package dip.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dip.bench.BenchTask.Method;
import dip.image.Image;
import dip.image.ImageFiles;
import dip.image.Resize;
import dip.metric.Psnr;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Protocols per task, the output files, and resuming; tiny images, a tiny net and 2 iterations. */
class QualityBenchmarkTest {
    @TempDir
    Path root;

    /** Counts fits (images not reused) through the listener. */
    static final class Counting implements QualityListener {
        final List<String> fitted = new ArrayList<>();
        final List<String> reused = new ArrayList<>();
        int iterations;

        @Override
        public void onImageStart(int index, int count, String image, boolean wasReused) {
            (wasReused ? reused : fitted).add(image);
        }

        @Override
        public void onIteration(ImageProgress p) { iterations++; }
    }

    private QualityConfig config(BenchTask task, Path data, int iterations) {
        return QualityConfig.of(task, data).withIterations(iterations).withOut(root.resolve("out")).withThreads(1)
                .withNet("tiny", BenchImages.TINY_NET);
    }

    private Path folder(String name) throws java.io.IOException { return Files.createDirectories(root.resolve(name)); }

    private static Image read(Path p) { return ImageFiles.read(p).image(); }

    @Test
    void superResolutionUsesShavedLumaPsnrAndReportsBicubic() throws Exception {
        Path data = BenchImages.srFolder(Files.createDirectories(root.resolve("Set5/x4")), 32, "baby");
        Files.writeString(root.resolve("published.csv"), """
                # paper values
                task,set,image,method,psnr,protocol
                sr_x4,Set5,baby,dip,31.49,y_shave
                sr_x4,Set5,AVERAGE,dip,29.90,y_shave
                """);
        QualityConfig cfg = config(BenchTask.SR4, data, 2);
        QualityBenchmark.Outcome o = QualityBenchmark.run(cfg, QualityListener.NONE);
        ImageResult r = o.results().get(0);
        Image gt = Resize.cropToMultiple(read(data.resolve("baby_GT.png")), 32);
        Image bicubic = Resize.upscaleBicubic(Resize.downscaleLanczos3As8Bit(gt, 4), 4);
        assertEquals(Psnr.yPsnrShaved(bicubic, gt), r.psnr(Method.BICUBIC), 1e-9);
        Path images = cfg.out().resolve(cfg.label());
        Image dip = read(images.resolve("baby_dip.png")); // 8-bit: within a hair of the float output
        assertEquals(Psnr.yPsnrShaved(dip, gt), r.psnr(Method.DIP), 0.1);
        assertNotEquals(Psnr.psnr(dip, gt), r.psnr(Method.DIP), 1e-3);
        assertTrue(Files.exists(images.resolve("baby_bicubic.png")));
        assertNull(r.psnr(Method.DIP_AVERAGE)); // the average is a denoising number only
        assertEquals("sr_x4", o.published().task());
        assertTrue(o.markdown().contains("| baby | 32×32 | 2 |"), o.markdown());
        assertTrue(o.markdown().contains("31.49") && o.markdown().contains("Paper's averages") && o.markdown().contains("29.90"), o.markdown());
    }

    @Test
    void denoiseUsesRgbPsnrOverTheWholeImageWithFinalAndAverage() throws Exception {
        Path data = BenchImages.denoiseFolder(folder("color25"), 24, "F16");
        QualityConfig cfg = config(BenchTask.DENOISE, data, 2);
        Counting counting = new Counting();
        ImageResult r = QualityBenchmark.run(cfg, counting).results().get(0);
        Image gt = read(data.resolve("F16_GT.png"));
        assertEquals(Psnr.psnr(read(data.resolve("F16_noisy.png")), gt), r.psnr(Method.NOISY), 1e-9);
        Path images = cfg.out().resolve(cfg.label());
        assertEquals(Psnr.psnr(read(images.resolve("F16_dip.png")), gt), r.psnr(Method.DIP), 0.1);
        assertEquals(Psnr.psnr(read(images.resolve("F16_dip_average.png")), gt), r.psnr(Method.DIP_AVERAGE), 0.1);
        assertTrue(r.ssim(Method.DIP) > -1 && r.ssim(Method.DIP) <= 1);
        assertEquals(2, counting.iterations);
        assertEquals(1800, QualityConfig.of(BenchTask.DENOISE, data).fitSettings().iterations()); // paper's colour table
    }

    @Test
    void inpaintUsesRgbPsnrAndNoAverage() throws Exception {
        Path data = BenchImages.inpaintFolder(folder("gray50"), 24, "house");
        QualityConfig cfg = config(BenchTask.INPAINT, data, 2);
        ImageResult r = QualityBenchmark.run(cfg, QualityListener.NONE).results().get(0);
        Image dip = read(cfg.out().resolve(cfg.label()).resolve("house_dip.png"));
        assertEquals(1, dip.channels());
        assertEquals(Psnr.psnr(dip, read(data.resolve("house_GT.png"))), r.psnr(Method.DIP), 0.1);
        assertEquals(Map.of("dip", r.psnr(Method.DIP)), r.psnr());
        assertEquals(0.001, cfg.fitSettings().lr(), 0); // the 50%-pixels recipe
    }

    /** A schedule other than the recipe's is a different run: its own hash, folder and recipe label. */
    @Test
    void aLearningRateScheduleIsPartOfTheSettings() {
        QualityConfig constant = QualityConfig.of(BenchTask.SR4, Path.of("data"));
        QualityConfig cosine = constant.withSchedule(dip.fit.LrSchedule.COSINE);
        assertEquals(dip.fit.LrSchedule.CONSTANT, constant.fitSettings().schedule());
        assertEquals(dip.fit.LrSchedule.COSINE, cosine.fitSettings().schedule());
        assertNotEquals(constant.settingsHash(), cosine.settingsHash());
        assertNotEquals(constant.label(), cosine.label());
        assertEquals("paper", constant.recipeLabel());
        assertEquals("paper, cosine learning rate", cosine.recipeLabel());
        QualityConfig two = constant.withRuns(2);
        assertEquals(2, two.recipe().runs());
        assertNotEquals(constant.settingsHash(), two.settingsHash());
        assertNotEquals(constant.label(), two.label());
        assertEquals("paper, 2 runs averaged (seeds 0-1)", two.recipeLabel());
        assertThrows(IllegalArgumentException.class, () -> constant.withRuns(0));
        assertThrows(IllegalArgumentException.class, () -> QualityConfig.of(BenchTask.DENOISE, Path.of("data")).withRuns(2));
    }

    /** SR inputs made by another downscaler are another run; Lanczos-3 rows of earlier runs keep their hash. */
    @Test
    void theDownscalerOfSrInputsIsPartOfTheSettings() {
        QualityConfig lanczos = QualityConfig.of(BenchTask.SR8, Path.of("data")).withThreads(2)
                .withPrecision(dip.engine.Precision.BF16).withDownscaler(dip.task.SuperResolve.Downscaler.LANCZOS3);
        assertEquals("c20a2d5a29df", lanczos.settingsHash()); // docs/quality/sr8.md, made before the option existed
        QualityConfig bicubic = lanczos.withDownscaler(dip.task.SuperResolve.Downscaler.BICUBIC);
        assertNotEquals(lanczos.settingsHash(), bicubic.settingsHash());
        assertNotEquals(lanczos.label(), bicubic.label());
        assertEquals("paper, bicubic LR inputs", bicubic.recipeLabel());
        QualityConfig denoise = QualityConfig.of(BenchTask.DENOISE, Path.of("data"));
        assertEquals(denoise.settingsHash(), denoise.withDownscaler(dip.task.SuperResolve.Downscaler.BICUBIC).settingsHash());
    }

    @Test
    void resultsCsvAndMarkdownAndResume() throws Exception {
        Path data = BenchImages.denoiseFolder(folder("data"), 24, "a", "b");
        QualityConfig cfg = config(BenchTask.DENOISE, data, 2);
        Counting first = new Counting();
        QualityBenchmark.Outcome o = QualityBenchmark.run(cfg, first);
        assertEquals(List.of("a", "b"), first.fitted);
        List<String> csv = Files.readAllLines(cfg.out().resolve("results.csv"));
        assertEquals(3, csv.size());
        for (String col : List.of("image", "task", "preset", "iterations", "seed", "settings_hash", "protocol",
                "seconds", "psnr_dip", "ssim_dip", "psnr_dip_average", "psnr_noisy", "psnr_dip_oracle", "psnr_dip_auto_stop", "psnr_dip_auto_stop_average",
                "oracle_iteration", "stop_iteration", "stop_output_iteration", "recipe", "precision", "cpu")) {
            assertTrue(ResultsStore.split(csv.get(0)).contains(col), col + " missing from " + csv.get(0));
        }
        String md = Files.readString(cfg.out().resolve("results.md"));
        assertEquals(o.markdown(), md);
        assertTrue(md.contains("| image | size | iterations | seconds | oracle it | auto-stop it (output it) | PSNR dip |"), md);
        assertTrue(md.contains("**average (2)**"), md);
        Map<String, String> row = ResultsStore.open(cfg.out().resolve("results.csv"), "image").find("a").orElseThrow();
        assertEquals(Machine.cpuModel() + " (" + Machine.instructionSet() + ")", row.get("cpu"));
        assertEquals(cfg.precision().label(), row.get("precision"));
        assertTrue(row.get("recipe").startsWith("paper, net "), row.get("recipe")); // the tests' tiny net
        assertTrue(md.contains("- recipe: paper, net ") && md.contains("- CPU: " + Machine.cpuModel()), md);
        // The stop study: the oracle is the best output by ground truth, so no worse than the final output.
        for (ImageResult r : o.results()) {
            assertTrue(r.psnr(Method.DIP_ORACLE) >= r.psnr(Method.DIP) - 1e-9, r.toString());
            assertTrue(r.oracleIteration() >= 1 && r.oracleIteration() <= r.iterations(), r.toString());
        }
        List<String> curve = Files.readAllLines(cfg.out().resolve(cfg.label()).resolve("a_curve.csv"));
        assertEquals("iteration,psnr_output,psnr_average,variance", curve.get(0));
        assertEquals(1 + o.results().get(0).iterations(), curve.size());

        Counting second = new Counting();
        QualityBenchmark.Outcome again = QualityBenchmark.run(cfg, second);
        assertEquals(List.of(), second.fitted);
        assertEquals(List.of("a", "b"), second.reused);
        assertEquals(0, second.iterations);
        assertEquals(o.results().get(0).psnr(Method.DIP), again.results().get(0).psnr(Method.DIP), 1e-4);

        Counting other = new Counting();
        QualityBenchmark.run(config(BenchTask.DENOISE, data, 3).withImages(List.of("b")), other);
        assertEquals(List.of("b"), other.fitted);
        assertEquals(4, Files.readAllLines(cfg.out().resolve("results.csv")).size()); // both settings kept
        assertNotEquals(cfg.settingsHash(), config(BenchTask.DENOISE, data, 3).settingsHash());
    }

    @Test
    void centreCropIsLabelledAsNotThePapersProtocol() {
        Path data = BenchImages.denoiseFolder(root, 32, "a");
        QualityBenchmark.Outcome o = QualityBenchmark.run(config(BenchTask.DENOISE, data, 2).withCentreCrop(16), QualityListener.NONE);
        assertEquals(16, o.results().get(0).height());
        assertTrue(o.markdown().contains("centre crop 16×16 — not the paper's protocol")
                || o.markdown().contains("Centre crop 16×16 — not the paper's protocol"), o.markdown());
        QualityBenchmark.Outcome whole = QualityBenchmark.run(config(BenchTask.DENOISE, data, 2), QualityListener.NONE);
        assertFalse(whole.markdown().contains("not the paper's protocol"));
    }
}
