package dip.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dip.bench.RaceCurve.Point;
import dip.fit.Progress;
import dip.image.Image;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bench race: time to reach a PSNR, paths, a two-path race that resumes, projection; 32×32, a tiny net, 4 iterations. */
class RaceTest {
    @TempDir
    Path dir;

    private static final List<Point> CURVE = List.of(new Point(1, 1.5, 20, 25), new Point(2, 2.5, 29.99, 31.9),
            new Point(3, 3.5, 30.0, 32.5), new Point(4, 4.5, 29.0, 33), new Point(5, 5.5, 31, 31));

    @Test
    void firstReachIsTheFirstCrossingAndEqualityCounts() {
        RaceCurve c = new RaceCurve(CURVE);
        assertEquals(new RaceCurve.Reach(3.5, 3), c.outputReach(30.0)); // exactly 30.0 reaches 30
        assertEquals(new RaceCurve.Reach(3.5, 3), c.averageReach(32.0));
        assertEquals(new RaceCurve.Reach(5.5, 5), c.outputReach(30.5)); // the first crossing, after a drop
        assertEquals(new RaceCurve.Reach(1.5, 1), c.averageReach(10));
        assertNull(c.outputReach(31.01));
        assertNull(RaceCurve.firstReach(List.of(), Point::psnrOutput, 0));
    }

    @Test
    void retimedCurveKeepsThePsnrsAndTakesStartupPlusIterationsTimesSecondsPerIteration() {
        RaceCurve r = new RaceCurve(CURVE).retimed(2.0, 0.25);
        for (int i = 0; i < CURVE.size(); i++) {
            assertEquals(2.0 + CURVE.get(i).iteration() * 0.25, r.points().get(i).seconds(), 1e-12);
            assertEquals(CURVE.get(i).psnrOutput(), r.points().get(i).psnrOutput());
            assertEquals(CURVE.get(i).psnrAverage(), r.points().get(i).psnrAverage());
        }
        assertEquals(1.0, new RaceCurve(CURVE).medianSecondsPerIteration(0.5), 1e-12);
        assertEquals(2.0, RaceCurve.median(new double[] {3, 1, 2}));
        assertEquals(1.5, RaceCurve.median(new double[] {2, 1}));
    }

    @Test
    void curveCsvRoundTrips() {
        Path f = dir.resolve("p.csv");
        new RaceCurve(CURVE).write(f);
        assertEquals(CURVE, RaceCurve.readIfValid(f).points());
        assertNull(RaceCurve.readIfValid(dir.resolve("missing.csv")));
    }

    @Test
    void pathsParseAndUnknownOnesNameTheValidForms() {
        assertEquals(new RacePath("default", null), RacePath.parse("default"));
        assertEquals(new RacePath("paper", "bf16"), RacePath.parse("paper-bf16"));
        assertTrue(RacePath.parse("paper-fp32").paperFull());
        assertFalse(RacePath.parse("default-fp32").paperFull());
        assertFalse(RacePath.parse("paper").paperFull());
        assertEquals("default-fp32", RacePath.parse("Default-FP32").name());
        for (String bad : List.of("fast", "paper-fp16", "", "paper-", "default-bf16-x")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RacePath.parse(bad));
            assertTrue(e.getMessage().contains("valid paths: default, paper"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> RacePath.parseAll(List.of("paper", "paper")));
    }

    @Test
    void thePaperPathRunsThePapersNetAndTheDefaultPathDipsDefault() {
        dip.task.TaskSpec task = dip.task.TaskSpec.denoise(new Image(3, 64, 64, new float[3 * 64 * 64]));
        assertEquals("skip", RacePath.recipeBuilder("paper", task).build().net().preset());
        assertEquals(dip.restore.RestoreConfig.builder(task).build().net(), RacePath.recipeBuilder("default", task).build().net());
        assertEquals("skip-64", RacePath.recipeBuilder("default", task).build().net().preset());
    }

    /** Counts fits, reuses and iterations through the listener. */
    static class Counting implements Race.Listener {
        final List<String> fitted = new ArrayList<>();
        final List<String> reused = new ArrayList<>();
        int iterations;

        @Override
        public void onPathStart(int index, int count, RacePath path, boolean wasReused) {
            (wasReused ? reused : fitted).add(path.name());
        }

        @Override
        public void onIteration(RacePath path, Progress p, double wallSeconds) { iterations++; }
    }

    private RaceConfig config(String... paths) {
        Image clean = BenchImages.pattern(3, 32, 0);
        Path gt = dir.resolve("gt.png");
        Path noisy = dir.resolve("noisy.png");
        BenchImages.write(clean, gt);
        BenchImages.write(BenchImages.noisy(clean, 1), noisy);
        return RaceConfig.of(noisy, gt, RacePath.parseAll(List.of(paths)), dir.resolve("out")).withThreads(1)
                .withMaxIterations(4).withNet("tiny", BenchImages.TINY_NET);
    }

    @Test
    void twoPathRaceWritesEverythingAndASecondRunReusesBothPaths() throws Exception {
        RaceConfig cfg = config("default-fp32", "paper-fp32");
        Counting first = new Counting();
        Race.Outcome o = Race.run(cfg, first);
        assertEquals(List.of("default-fp32", "paper-fp32"), first.fitted);
        assertEquals(8, first.iterations);
        Path out = cfg.out();
        for (String f : List.of("race.csv", "race.md", "race.png", "default-fp32.csv", "paper-fp32.csv", "default-fp32.png",
                "default-fp32.average.png", "paper-fp32.png", "paper-fp32.average.png", "paper-fp32.json")) {
            assertTrue(Files.exists(out.resolve(f)), f);
        }
        assertNotNull(ImageIO.read(out.resolve("race.png").toFile()));
        RaceResult paper = o.entries().get(1).result();
        assertEquals("fp32", paper.precision());
        assertEquals("fixed", paper.stopRule());
        assertEquals(4, paper.iterations());
        assertEquals(3000, paper.recipeIterations());
        assertEquals("--max-iterations 4", paper.stoppedBy());
        assertEquals(4, o.entries().get(1).curve().points().size());
        assertTrue(paper.seconds() > paper.startupSeconds() && paper.secondsPerIteration() > 0, paper.toString());
        assertTrue(paper.peakRssMiB() > 0);
        assertTrue(o.entries().get(0).result().stopRule().startsWith("auto"), o.entries().get(0).result().stopRule());
        assertTrue(o.markdown().contains("| default-fp32 | tiny ("), o.markdown());
        assertTrue(o.markdown().contains("output ≥ 30 dB") && o.markdown().contains("average ≥ 32 dB"), o.markdown());
        assertTrue(o.notes().stream().anyMatch(n -> n.contains("--max-iterations 4")), o.notes().toString());
        List<String> csv = Files.readAllLines(out.resolve("race.csv"));
        assertEquals(3, csv.size());
        assertTrue(csv.get(0).contains("output_30db_seconds") && csv.get(0).contains("average_32db_iteration"), csv.get(0));
        assertEquals(5, Files.readAllLines(out.resolve("paper-fp32.csv")).size());

        Counting second = new Counting();
        Race.Outcome again = Race.run(cfg, second);
        assertEquals(List.of("default-fp32", "paper-fp32"), second.reused);
        assertEquals(0, second.iterations);
        assertEquals(0, again.fitted());
        assertEquals(paper, again.entries().get(1).result());

        Counting changed = new Counting(); // another seed: refitted, its row replaced
        Race.run(cfg.withSeed(1), changed);
        assertEquals(List.of("default-fp32", "paper-fp32"), changed.fitted);
        assertEquals(3, Files.readAllLines(out.resolve("race.csv")).size());
    }

    @Test
    void projectionTakesTheCurveOfTheSameRecipeWithItsOwnTime() {
        RaceConfig cfg = config("paper", "paper-fp32").withProjection(RacePath.parse("paper-fp32"), 2);
        Counting c = new Counting();
        Race.Outcome o = Race.run(cfg, c);
        assertEquals(4 + 2, c.iterations); // paper to its (capped) end, paper-fp32 for its 2 measured iterations
        Race.Entry source = o.entries().get(0);
        Race.Entry projected = o.entries().get(1);
        RaceResult r = projected.result();
        assertEquals("projected: curve of paper, time from 2 measured iterations", r.projection());
        assertTrue(r.label().contains("projected"));
        assertEquals(source.curve().points().size(), projected.curve().points().size());
        for (int i = 0; i < projected.curve().points().size(); i++) {
            Point s = source.curve().points().get(i);
            Point p = projected.curve().points().get(i);
            assertEquals(s.iteration(), p.iteration());
            assertEquals(s.psnrOutput(), p.psnrOutput());
            assertEquals(r.startupSeconds() + p.iteration() * r.secondsPerIteration(), p.seconds(), 1e-9);
        }
        assertTrue(o.markdown().contains("paper-fp32 (projected: curve of paper"), o.markdown());
        assertFalse(Files.exists(cfg.out().resolve("paper-fp32.png")));
        Map<String, String> row = ResultsStore.open(cfg.out().resolve(Race.CSV_FILE), "path").find("paper-fp32").orElseThrow();
        assertEquals(r.projection(), row.get("projection"));
    }

    @Test
    void projectionNeedsASameRecipePathAndOnlyPaperFp32IsProjected() {
        RaceConfig cfg = config("default", "paper-fp32");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> cfg.withProjection(RacePath.parse("paper-fp32"), 30));
        assertTrue(e.getMessage().contains("paper or paper-bf16"), e.getMessage());
        RaceConfig two = config("paper", "default-fp32");
        assertThrows(IllegalArgumentException.class, () -> two.withProjection(RacePath.parse("default-fp32"), 30));
        assertThrows(IllegalArgumentException.class, () -> two.withProjection(RacePath.parse("paper-fp32"), 30)); // not in --paths
        assertEquals(RacePath.parse("paper-bf16"),
                config("paper-bf16", "paper-fp32").withProjection(RacePath.parse("paper-fp32"), 3).projectionSource());
    }

    @Test
    void jpegCleanUpRacesToo() {
        RaceConfig cfg = config("paper-fp32").withTask("jpeg").withMaxIterations(2);
        Race.Outcome o = Race.run(cfg, Race.Listener.NONE);
        assertEquals("jpeg", o.entries().get(0).result().task());
        assertEquals(2400, o.entries().get(0).result().recipeIterations());
        assertTrue(o.markdown().startsWith("# bench race: jpeg of noisy.png"), o.markdown());
        assertThrows(IllegalArgumentException.class, () -> cfg.withTask("deblur"));
        assertThrows(IllegalArgumentException.class, () -> cfg.withScale(4)); // --scale is for super-resolve only
    }

    /** Super-resolution races on the low-resolution image, scored against the HR reference as its table is (Y, shaved). */
    @Test
    void superResolutionRacesWithItsTablesProtocol() throws Exception {
        Image hr = BenchImages.pattern(3, 64, 2);
        Path gt = dir.resolve("hr.png");
        BenchImages.write(hr, gt);
        Path lr = dir.resolve("lr.png");
        BenchImages.write(dip.image.Resize.downscaleLanczos3(hr, 4), lr);
        RaceConfig cfg = RaceConfig.of(lr, gt, RacePath.parseAll(List.of("paper-fp32")), dir.resolve("sr")).withTask("super-resolve")
                .withThreads(1).withMaxIterations(3).withNet("tiny", BenchImages.TINY_NET);
        assertEquals(4, cfg.scale());
        Race.Outcome o = Race.run(cfg, Race.Listener.NONE);
        RaceResult r = o.entries().get(0).result();
        assertEquals("super-resolve ×4", r.task());
        assertEquals(2000, r.recipeIterations()); // the paper's ×4 recipe
        assertTrue(o.markdown().startsWith("# bench race: super-resolve ×4 of lr.png (16×16) against hr.png"), o.markdown());
        // the last point of the curve is the final output's PSNR under the task's protocol (no automatic stop here)
        Point last = o.entries().get(0).curve().last();
        assertEquals(r.psnrOutput(), last.psnrOutput(), 1e-9);
        Image out = dip.image.ImageFiles.read(cfg.out().resolve("paper-fp32.png")).image();
        assertEquals(64, out.width());
        // the curve is not the fit's own all-channel PSNR
        assertTrue(Math.abs(last.psnrOutput() - dip.metric.Protocol.RGB.psnr(out, hr)) > 1e-6);

        RaceConfig x8 = cfg.withScale(8);
        BenchInputException e = assertThrows(BenchInputException.class, () -> Race.run(x8, Race.Listener.NONE));
        assertTrue(e.getMessage().contains("8 times the input's size"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> cfg.withScale(3));
    }

    /** Inpainting races with a mask, or without one on an image whose 0 pixels are the missing ones. */
    @Test
    void inpaintingRacesWithAMaskOrOnMissingPixels() throws Exception {
        Image clean = BenchImages.pattern(3, 32, 3);
        Path gt = dir.resolve("gt.png");
        BenchImages.write(clean, gt);
        Path holes = dir.resolve("holes.png");
        BenchImages.write(BenchImages.masked(clean), holes);
        RaceConfig pixels = RaceConfig.of(holes, gt, RacePath.parseAll(List.of("paper-fp32")), dir.resolve("px")).withTask("inpaint")
                .withThreads(1).withMaxIterations(2).withNet("tiny", BenchImages.TINY_NET);
        Race.Outcome o = Race.run(pixels, Race.Listener.NONE);
        assertEquals("inpaint", o.entries().get(0).result().task());
        assertEquals(11000, o.entries().get(0).result().recipeIterations()); // the paper's missing-pixels recipe

        Image mask = Image.zeros(1, 32, 32);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                mask.set(0, y, x, y < 8 || y >= 16 ? 1f : 0f); // a band of holes
            }
        }
        Path maskFile = dir.resolve("mask.png");
        BenchImages.write(mask, maskFile);
        RaceConfig masked = pixels.withMask(maskFile);
        Race.Outcome m = Race.run(masked, Race.Listener.NONE);
        assertEquals(1, m.fitted()); // another task's settings: not the missing-pixels row
        String json = Files.readString(masked.out().resolve("paper-fp32.json"));
        assertTrue(json.contains("mask.png"), json);
        assertTrue(Race.run(masked, Race.Listener.NONE).reused() == 1);

        BenchInputException hole = assertThrows(BenchInputException.class, () -> Race.run(masked.withTiling(
                new dip.restore.TiledRestorer.Tiling(8, 0)), Race.Listener.NONE)); // the band's row of tiles knows no pixel
        assertEquals(BenchInputException.Problem.BAD_IMAGE, hole.problem());
        BenchInputException e = assertThrows(BenchInputException.class,
                () -> Race.run(masked.withMask(dir.resolve("none.png")), Race.Listener.NONE));
        assertTrue(e.getMessage().contains("none.png"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> pixels.withTask("denoise").withMask(maskFile));
    }

    @Test
    void aReferenceOfAnotherSizeIsRefused() {
        RaceConfig cfg = config("default-fp32");
        BenchImages.write(BenchImages.pattern(3, 24, 0), cfg.reference());
        BenchInputException e = assertThrows(BenchInputException.class, () -> Race.run(cfg, Race.Listener.NONE));
        assertEquals(BenchInputException.Problem.BAD_IMAGE, e.problem());
    }

    @Test
    void aTiledRaceRestoresInTilesTwoAtOnceWithOnePointAtTheEndAndIsNotTheWholeImagesRow() throws Exception {
        RaceConfig whole = config("default-fp32").withThreads(2);
        RaceConfig tiled = whole.withTiling(new dip.restore.TiledRestorer.Tiling(20, 8)); // 2×2 tiles of 20 on 32×32
        List<String> tiles = new ArrayList<>();
        Counting listener = new Counting() {
            @Override
            public void onTileDone(RacePath path, dip.tile.TileProgress p, double wallSeconds) {
                tiles.add(path.name() + " " + p.tile().number());
            }
        };
        Race.Outcome o = Race.run(tiled, listener);
        assertEquals(4, tiles.size(), tiles.toString());
        assertEquals(0, listener.iterations); // no whole-image curve while the tiles run
        RaceResult r = o.entries().get(0).result();
        assertEquals(16, r.iterations()); // 4 tiles × --max-iterations 4
        assertTrue(r.stoppedBy().startsWith("4 tiles of 20 (overlap 8), 2 at once"), r.stoppedBy());
        List<Point> curve = o.entries().get(0).curve().points();
        assertEquals(1, curve.size());
        assertEquals(r.psnrOutput(), curve.get(0).psnrOutput());
        assertEquals(r.psnrAverage(), curve.get(0).psnrAverage());
        assertEquals(r.seconds(), curve.get(0).seconds());
        assertTrue(Double.isNaN(r.startupSeconds()) && r.secondsPerIteration() > 0, r.toString());
        assertTrue(o.markdown().contains("in tiles of 20 pixels, overlap 8") && o.markdown().contains("| – |"), o.markdown());
        assertTrue(Files.exists(tiled.out().resolve("default-fp32.png")));
        Race.Outcome again = Race.run(tiled, Race.Listener.NONE);
        assertEquals(1, again.reused());
        Race.Outcome untiled = Race.run(whole, Race.Listener.NONE); // another setting: fitted again, its row replaced
        assertEquals(1, untiled.fitted());
        assertEquals(4, untiled.entries().get(0).curve().points().size());
        assertThrows(IllegalArgumentException.class, () -> config("paper", "paper-fp32")
                .withTiling(new dip.restore.TiledRestorer.Tiling(20, 8)).withProjection(RacePath.parse("paper-fp32"), 2));
    }
}
