package dip.restore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dip.engine.Tensor;
import dip.fit.FitDivergedException;
import dip.fit.FitListener;
import dip.fit.Recipe;
import dip.fit.ResultImage;
import dip.image.Image;
import dip.image.ImageFiles;
import dip.metric.Protocol;
import dip.task.Task;
import dip.task.TaskSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one entry point: seeding inside, provenance out, a rerun from it, and native memory freed on close. */
class RestorerTest {
    @TempDir
    Path dir;

    private RestoreConfig.Builder tiny(TaskSpec spec) {
        return RestoreConfig.builder(spec).iterations(4).net(Tiny.NET).threads(1).seed(5);
    }

    @Test
    void theSeedInTheConfigIsTheWholeStory() {
        Image noisy = Tiny.scene(3, 24, 1);
        float[] first;
        try (Restorer r = new Restorer(tiny(TaskSpec.denoise(noisy)).build())) {
            first = r.run(FitListener.NONE).output().data();
        }
        dip.engine.Engine.seed(12345); // whatever ran before does not matter
        try (Restorer r = new Restorer(tiny(TaskSpec.denoise(noisy)).build())) {
            assertArrayEquals(first, r.run(FitListener.NONE).output().data());
        }
    }

    @Test
    void theDefaultsAreTheTasksRecipe() {
        RestoreConfig c = RestoreConfig.builder(TaskSpec.denoise(Tiny.scene(3, 16, 0))).build();
        assertEquals(3000, c.iterations());
        assertEquals(0, c.regNoiseWarmup(), "σp from the start");
        assertTrue(c.stop().automatic(), "denoising stops by itself, as the CLI does");
        assertEquals("skip-64", c.net().preset(), "the fast recipe's net");
        assertEquals(0.01, c.lr());
        RestoreConfig paper = RestoreConfig.builder(TaskSpec.denoise(Tiny.scene(3, 16, 0))).recipe(Recipe.Family.PAPER).build();
        assertEquals("skip", paper.net().preset());
        assertEquals(0.01, paper.lr());
        assertEquals(3000, paper.iterations());
        assertEquals(0, paper.regNoiseWarmup(), "the paper's σp from the start");
        assertTrue(paper.stop().automatic());
        RestoreConfig paperSr = RestoreConfig.builder(TaskSpec.superResolve(Tiny.scene(3, 16, 0), 8)).recipe(Recipe.Family.PAPER).build();
        RestoreConfig sr8 = RestoreConfig.builder(TaskSpec.superResolve(Tiny.scene(3, 16, 0), 8)).build();
        assertEquals("skip", paperSr.net().preset());
        assertEquals("skip-64", sr8.net().preset(), "×8's fast recipe runs skip-64");
        assertEquals(paperSr.iterations(), sr8.iterations());
        assertEquals(paperSr.lr(), sr8.lr());
        assertEquals(paperSr.regNoise(), sr8.regNoise());
        RestoreConfig sr2 = RestoreConfig.builder(TaskSpec.superResolve(Tiny.scene(3, 16, 0), 2)).build();
        assertEquals("skip", sr2.net().preset(), "×2 has no fast recipe of its own");
        RestoreConfig sr4 = RestoreConfig.builder(TaskSpec.superResolve(Tiny.scene(3, 16, 0), 4)).build();
        RestoreConfig paperSr4 = RestoreConfig.builder(TaskSpec.superResolve(Tiny.scene(3, 16, 0), 4)).recipe(Recipe.Family.PAPER).build();
        assertEquals("skip-64", sr4.net().preset(), "×4's fast recipe runs skip-64");
        assertEquals("skip", paperSr4.net().preset());
        assertEquals(paperSr4.iterations(), sr4.iterations());
        assertEquals(paperSr4.lr(), sr4.lr());
        assertEquals(paperSr4.regNoise(), sr4.regNoise());
        RestoreConfig pixels = RestoreConfig.builder(TaskSpec.dropPixels(Tiny.scene(1, 16, 0), 0.5)).build();
        RestoreConfig paperPixels = RestoreConfig.builder(TaskSpec.dropPixels(Tiny.scene(1, 16, 0), 0.5))
                .recipe(Recipe.Family.PAPER).build();
        assertEquals("skip-64", pixels.net().preset(), "missing pixels' fast recipe runs skip-64");
        assertEquals(8000, pixels.iterations());
        assertEquals(0.002, pixels.lr());
        assertEquals(paperPixels.regNoise(), pixels.regNoise());
        assertEquals(ResultImage.AVERAGE, pixels.result(), "and delivers the running average");
        assertEquals("skip", paperPixels.net().preset());
        assertEquals(11000, paperPixels.iterations());
        assertEquals(0.001, paperPixels.lr());
        assertEquals(ResultImage.OUTPUT, paperPixels.result(), "the paper delivers the output");
        Image box = Tiny.scene(1, 16, 0);
        RestoreConfig masked = RestoreConfig.builder(TaskSpec.inpaint(Tiny.scene(3, 16, 0), box)).build();
        RestoreConfig paperMasked = RestoreConfig.builder(TaskSpec.inpaint(Tiny.scene(3, 16, 0), box)).recipe(Recipe.Family.PAPER).build();
        assertEquals("skip-64", masked.net().preset(), "inpainting's fast recipe runs skip-64");
        assertEquals(4000, masked.iterations());
        assertEquals(paperMasked.lr(), masked.lr());
        assertEquals(paperMasked.regNoise(), masked.regNoise());
        assertEquals(ResultImage.AVERAGE, masked.result());
        assertEquals("skip", paperMasked.net().preset());
        assertEquals(5000, paperMasked.iterations());
        assertEquals(ResultImage.OUTPUT, paperMasked.result());
        assertEquals(ResultImage.OUTPUT, paper.result());
        assertEquals(ResultImage.OUTPUT, c.result());
        RestoreConfig sr = RestoreConfig.builder(TaskSpec.superResolve(Tiny.scene(3, 16, 0), 8)).build();
        assertEquals(4000, sr.iterations());
        assertFalse(sr.stop().automatic());
        assertThrows(IllegalArgumentException.class, () -> RestoreConfig.builder(TaskSpec.denoise(Tiny.scene(3, 16, 0)))
                .lr(-1).build());
    }

    /** best: the paper's recipe, two runs; an ensemble is the mean of its runs' results, with seeds s and s + 1. */
    @Test
    void anEnsembleAveragesTheSeededFitsAndARerunRepeatsIt() throws Exception {
        RestoreConfig best = RestoreConfig.builder(TaskSpec.denoise(Tiny.scene(3, 16, 0))).recipe(Recipe.Family.BEST).build();
        RestoreConfig paper = RestoreConfig.builder(TaskSpec.denoise(Tiny.scene(3, 16, 0))).recipe(Recipe.Family.PAPER).build();
        assertEquals(2, best.runs());
        assertEquals(1, paper.runs());
        assertEquals(paper.net(), best.net());
        assertEquals(paper.iterations(), best.iterations());

        // Noise added from the seed: every run fits the first run's noisy image, not one drawn from its own seed.
        Path in = dir.resolve("clean.png");
        ImageFiles.write(Tiny.scene(3, 24, 1), in, 8);
        Image clean = ImageFiles.read(in).image();
        TaskSpec spec = TaskSpec.denoise(clean).withAddedNoise(0.1);
        Image[] out = new Image[2];
        Image[] avg = new Image[2];
        Image noisy;
        try (Restorer r = new Restorer(tiny(spec).seed(5).build())) {
            noisy = r.task().observation();
            Restoration one = r.run(FitListener.NONE);
            out[0] = one.output();
            avg[0] = one.average();
        }
        try (Restorer r = new Restorer(tiny(TaskSpec.denoise(noisy)).seed(6).build())) {
            Restoration one = r.run(FitListener.NONE);
            out[1] = one.output();
            avg[1] = one.average();
        }
        List<String> notes = new ArrayList<>();
        Restoration both;
        try (Restorer r = new Restorer(tiny(spec).runs(2).reference(clean).inputFile("input", in).inputFile("reference", in).build())) {
            both = r.run(new FitListener() {
                @Override public void onIteration(dip.fit.Progress p) {}
                @Override public void onNote(int iteration, String message) { notes.add(message); }
            });
        }
        assertArrayEquals(mean(out[0], out[1]), both.output().data());
        assertArrayEquals(mean(avg[0], avg[1]), both.average().data());
        assertEquals(List.of("run 2 of 2 (seed 6)"), notes);
        assertEquals(8, both.fit().iterations(), "the runs' iterations add up");
        assertEquals(2, both.provenance().settings().runsOrOne());
        assertEquals(Protocol.RGB.psnr(both.output(), clean), both.provenance().result().outputScores().psnr(), 1e-9);
        try (Restorer r = new Restorer(Rerun.config(both.provenance(), note -> { }))) {
            assertArrayEquals(both.output().data(), r.run(FitListener.NONE).output().data());
        }
        assertThrows(IllegalArgumentException.class, () -> tiny(TaskSpec.denoise(noisy)).runs(0).build());
        assertThrows(IllegalArgumentException.class, () -> tiny(TaskSpec.denoise(noisy)).runs(2).resume(dir.resolve("x.ckpt")).build());
        assertThrows(IllegalArgumentException.class, () -> tiny(TaskSpec.denoise(noisy)).runs(2)
                .checkpoints(dir.resolve("x.ckpt"), 2).build());
    }

    @Test
    void aRestorationDeliveringTheAverageWritesItAndARerunDoesToo() throws Exception {
        Path in = dir.resolve("noisy.png");
        ImageFiles.write(Tiny.scene(3, 24, 4), in, 8);
        Image noisy = ImageFiles.read(in).image();
        Restoration plain;
        Restoration averaged;
        try (Restorer r = new Restorer(tiny(TaskSpec.denoise(noisy)).inputFile("input", in).build())) {
            plain = r.run(FitListener.NONE);
        }
        try (Restorer r = new Restorer(tiny(TaskSpec.denoise(noisy)).result(ResultImage.AVERAGE).inputFile("input", in).build())) {
            averaged = r.run(FitListener.NONE);
        }
        assertFalse(java.util.Arrays.equals(plain.output().data(), plain.average().data()), "output and average differ");
        assertArrayEquals(plain.average().data(), averaged.output().data(), "the same fit, its average delivered");
        assertArrayEquals(plain.average().data(), averaged.average().data());

        Path json = averaged.writeOutput(dir.resolve("out.png"), 8);
        Provenance p = Provenance.read(json);
        assertEquals(ResultImage.AVERAGE, p.settings().resultImage());
        assertEquals("average", p.output().image(), "the file holds the average");
        assertEquals("output", Provenance.read(plain.writeOutput(dir.resolve("plain.png"), 8)).output().image());
        try (Restorer r = new Restorer(Rerun.config(p, note -> { }))) {
            assertEquals(ResultImage.AVERAGE, r.config().result());
            assertArrayEquals(averaged.output().data(), r.run(FitListener.NONE).output().data());
        }
    }

    /**
     * With two threads an ensemble's runs fit at once, one thread each: the pixels of the same ensemble on one thread
     * (and of its runs in turn), the first run's progress live and the other's notes at the end; a stop ends both.
     */
    @Test
    void twoThreadsFitTheRunsOfAnEnsembleAtOnceWithThePixelsOfOneThread() {
        TaskSpec spec = TaskSpec.denoise(Tiny.scene(3, 24, 2)).withAddedNoise(0.1);
        Restoration alone;
        try (Restorer r = new Restorer(tiny(spec).runs(3).threads(1).build())) {
            assertEquals(1, r.runsAtOnce());
            alone = r.run(FitListener.NONE);
        }
        List<String> notes = new ArrayList<>();
        List<Integer> iterations = new ArrayList<>();
        FitListener recording = new FitListener() {
            @Override public void onIteration(dip.fit.Progress p) { iterations.add(p.iteration()); }
            @Override public void onNote(int iteration, String message) { notes.add(message); }
        };
        Restoration together;
        try (Restorer r = new Restorer(tiny(spec).runs(3).threads(2).build())) {
            assertEquals(1, r.runThreads());
            assertEquals(2, r.runsAtOnce());
            assertEquals(2 * r.estimatedBytes(1), r.estimatedBytes());
            together = r.run(recording);
        }
        assertArrayEquals(alone.output().data(), together.output().data());
        assertArrayEquals(alone.average().data(), together.average().data());
        assertEquals(12, together.fit().iterations());
        assertEquals("runs 1–2 of 3 fit at once, on 1 thread each (seeds 5…)", notes.get(0));
        // the helper's run (2, or 3 where the first run ended before the helper took a run) reports at the end
        assertTrue(notes.stream().anyMatch(n -> n.matches("run [23] of 3 \\(seed [67]\\) ended after 4 iterations")), notes.toString());
        assertEquals(2, together.provenance().settings().threads());
        assertTrue(iterations.size() >= 4 && iterations.subList(0, 4).equals(List.of(1, 2, 3, 4)), iterations.toString());

        try (Restorer r = new Restorer(tiny(spec).runs(3).threads(2).build()).withRunsAtOnce(1)) {
            assertArrayEquals(alone.output().data(), r.run(FitListener.NONE).output().data(), "the runs in turn");
        }

        Restoration stopped;
        List<String> stopNotes = new ArrayList<>();
        try (Restorer r = new Restorer(tiny(spec).runs(2).threads(2).iterations(100_000).build())) {
            stopped = r.run(new FitListener() {
                @Override
                public void onIteration(dip.fit.Progress p) {
                    if (p.iteration() == 200) { // by then the helper fits run 2
                        r.requestStop();
                    }
                }

                @Override
                public void onNote(int iteration, String message) { stopNotes.add(message); }
            });
        }
        assertTrue(stopped.fit().stopped());
        assertEquals(200, stopped.fit().iterations(), "a run cut short is not averaged in");
        String end = stopNotes.stream().filter(n -> n.startsWith("run 2 of 2")).findFirst().orElseThrow();
        int helperIterations = Integer.parseInt(end.replaceAll(".* ended after (\\d+) iterations", "$1"));
        assertTrue(helperIterations < 100_000, "the other run stopped too: " + end);
    }

    private static float[] mean(Image a, Image b) {
        float[] m = new float[a.data().length];
        for (int i = 0; i < m.length; i++) {
            m[i] = (0f + a.data()[i] + b.data()[i]) / 2;
        }
        return m;
    }

    @Test
    void provenanceIsWrittenBesideTheImageAndARerunGivesTheSamePixels() throws Exception {
        Path in = dir.resolve("clean.png");
        ImageFiles.write(Tiny.scene(3, 24, 2), in, 8);
        Image clean = ImageFiles.read(in).image();
        // a cosine schedule and a σp warm-up: a rerun that dropped either would step differently and write other pixels
        RestoreConfig config = tiny(TaskSpec.denoise(clean).withAddedNoise(0.1)).reference(clean)
                .lrSchedule(dip.fit.LrSchedule.COSINE).regNoiseWarmup(2).inputFile("input", in).inputFile("reference", in).build();
        Restoration first;
        try (Restorer r = new Restorer(config)) {
            first = r.run(FitListener.NONE);
        }
        Path out = dir.resolve("out.png");
        Path json = first.writeOutput(out, 8);
        assertEquals(dir.resolve("out.json"), json);
        Provenance p = Provenance.read(json);
        assertEquals(4, p.result().iterations());
        assertEquals("iterations", p.result().stoppedBy());
        assertEquals(InputFile.sha256(in), p.inputs().get(0).sha256());
        assertEquals(64, p.inputs().get(0).sha256().length());
        assertEquals(0.1, p.task().addedNoise());
        assertEquals(5, p.settings().seed());
        assertEquals(dip.fit.LrSchedule.COSINE, p.settings().schedule());
        assertEquals(2, p.settings().regNoiseWarmupOrZero());
        assertNotNull(p.result().outputScores(), "PSNR against the reference");
        assertTrue(p.run().parameters() > 0);
        assertEquals("out.png", p.output().file());

        Restoration again;
        try (Restorer r = new Restorer(Rerun.config(p, note -> { }))) {
            again = r.run(FitListener.NONE);
        }
        Path out2 = dir.resolve("again.png");
        again.writeOutput(out2, 8);
        assertArrayEquals(Files.readAllBytes(out), Files.readAllBytes(out2));

        ImageFiles.write(Tiny.scene(3, 24, 3), in, 8); // the input changes
        Rerun.InputChangedException e = assertThrows(Rerun.InputChangedException.class, () -> Rerun.config(p, note -> { }));
        assertTrue(e.getMessage().contains("has changed"), e.getMessage());
    }

    @Test
    void aVersionChangeIsANoteNotARefusal() throws Exception {
        Path in = dir.resolve("in.png");
        ImageFiles.write(Tiny.scene(3, 16, 4), in, 8);
        Provenance p;
        try (Restorer r = new Restorer(tiny(TaskSpec.denoise(ImageFiles.read(in).image())).iterations(1).inputFile("input", in).build())) {
            p = r.run(FitListener.NONE).provenance();
        }
        Provenance old = new Provenance(p.format(), new Provenance.Software("0.0.1", "abc", "libtorch 1.0", "17"), p.task(),
                p.inputs(), p.settings(), p.run(), p.result(), null, null);
        List<String> notes = new ArrayList<>();
        Rerun.config(Provenance.fromJson(old.toJson()), notes::add);
        assertEquals(2, notes.size(), notes.toString());
        // written before learning-rate schedules were recorded: the rate was constant
        String noSchedule = old.toJson().replaceAll(",?\\s*\"lrSchedule\"\\s*:\\s*\"constant\"", "");
        assertFalse(noSchedule.contains("lrSchedule"), noSchedule);
        assertEquals(dip.fit.LrSchedule.CONSTANT, Rerun.config(Provenance.fromJson(noSchedule), n -> { }).lrSchedule());
        // written before σp warm-ups were recorded: σp was whole from the start
        String noWarmup = old.toJson().replaceAll(",?\\s*\"regNoiseWarmup\"\\s*:\\s*\\d+", "");
        assertFalse(noWarmup.contains("regNoiseWarmup"), noWarmup);
        assertEquals(0, Rerun.config(Provenance.fromJson(noWarmup), n -> { }).regNoiseWarmup());
    }

    @Test
    void closingFreesTheNetZAndTheTaskAlsoAfterADivergedFit() {
        RestoreConfig config = tiny(TaskSpec.denoise(Tiny.scene(3, 16, 0))).iterations(30).build();
        List<Tensor> params;
        try (Restorer r = new Restorer(config, RestorerTest::alwaysNan)) {
            params = r.prior().parameters();
            assertThrows(FitDivergedException.class, () -> r.run(FitListener.NONE));
            assertFalse(params.get(0).isFreed());
        }
        assertTrue(params.stream().allMatch(Tensor::isFreed), "every weight freed on close");
    }

    @Test
    void aRestorerBuiltOnOneThreadRunsAndClosesOnAnother() throws Exception {
        Restorer r = new Restorer(tiny(TaskSpec.denoise(Tiny.scene(3, 16, 0))).build());
        List<Tensor> params = r.prior().parameters();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            Restoration result = pool.submit(() -> {
                try (r) {
                    return r.run(FitListener.NONE);
                }
            }).get();
            assertEquals(4, result.fit().iterations());
        } finally {
            pool.shutdown();
        }
        assertTrue(params.stream().allMatch(Tensor::isFreed));
    }

    /** The data term turned NaN: the fit rolls back 20 times in a row and gives up. */
    private static Task alwaysNan(Task t) {
        return new Task() {
            @Override public Tensor forward(Tensor x) { return t.forward(x); }
            @Override public Tensor dataTerm(Tensor x) { return t.dataTerm(x).times(Double.NaN); }
            @Override public Image observation() { return t.observation(); }
            @Override public String name() { return t.name(); }
        };
    }
}
