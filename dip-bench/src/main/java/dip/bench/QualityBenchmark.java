package dip.bench;

import dip.bench.BenchInputException.Problem;
import dip.bench.BenchTask.Method;
import dip.fit.FitResult;
import dip.fit.FitSettings;
import dip.fit.VarianceStop;
import dip.image.Image;
import dip.image.ImageFiles;
import dip.image.ImageWriteException;
import dip.restore.Restoration;
import dip.restore.RestoreConfig;
import dip.restore.Restorer;
import dip.restore.StopRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Reproduces one of the paper's quality tables on a benchmark folder: fits every image with the task's recipe,
 * measures PSNR under the paper's protocol (and SSIM), and sets them beside published.csv. Writes results.csv,
 * results.md and the restored images to the output folder; images already in results.csv with the same settings
 * are not fitted again.
 */
public final class QualityBenchmark {
    public static final String MARKDOWN_FILE = "results.md";

    /**
     * @param results  this run's images in run order (fitted now or reused)
     * @param fitted   how many were fitted now
     * @param reused   how many came from results.csv
     * @param markdown the text of results.md
     */
    public record Outcome(List<ImageResult> results, int fitted, int reused, Path csv, Path markdownFile,
                          String markdown, PublishedValues.Selection published) {}

    private QualityBenchmark() {}

    public static Outcome run(QualityConfig cfg, QualityListener listener) {
        BenchFolder.Discovery found = BenchFolder.discover(cfg.data(), cfg.task());
        found.skipped().forEach(s -> listener.onNote("skipped " + s));
        List<BenchFolder.Entry> entries = found.select(cfg.images());
        PublishedValues.Selection published = published(cfg, listener);
        // Read and check every image before the first long fit starts.
        List<BenchCase> cases = new ArrayList<>();
        for (BenchFolder.Entry e : entries) {
            cases.add(BenchCase.load(e, cfg.task(), cfg.centreCrop(), cfg.downscaler(), listener::onNote));
        }
        Path imagesDir = cfg.out().resolve(cfg.label());
        try {
            Files.createDirectories(imagesDir);
        } catch (IOException e) {
            throw new BenchInputException(Problem.CANNOT_WRITE, "cannot create output folder " + imagesDir + ": " + e.getMessage());
        }
        ResultsStore store = ResultsStore.open(cfg.out());
        String hash = cfg.settingsHash();
        FitSettings settings = cfg.fitSettings();
        Eta eta = new Eta(cases.stream().filter(c -> store.find(c.name, hash).isEmpty())
                .mapToLong(c -> (long) c.pixels() * settings.iterations()).sum());
        List<ImageResult> results = new ArrayList<>();
        int fitted = 0;
        for (int i = 0; i < cases.size(); i++) {
            BenchCase c = cases.get(i);
            var previous = store.find(c.name, hash);
            listener.onImageStart(i + 1, cases.size(), c.name, previous.isPresent());
            ImageResult r;
            if (previous.isPresent()) {
                r = ImageResult.fromRow(previous.get(), cfg.task());
            } else {
                r = fitAndEvaluate(cfg, c, i + 1, cases.size(), imagesDir, eta, listener);
                fitted++;
                Map<String, String> row = r.toRow(cfg);
                for (Method m : cfg.task().methods()) {
                    OptionalDouble p = published.psnr(c.name, m.key());
                    row.put("paper_psnr_" + m.key(), p.isPresent() ? ImageResult.number(p.getAsDouble()) : "");
                }
                store.put(row);
                store.save();
            }
            results.add(r);
            listener.onImageDone(r, previous.isPresent());
            // Partial tables are useful during a run of hours.
            ResultsStore.writeAtomically(cfg.out().resolve(MARKDOWN_FILE),
                    QualityReport.markdown(cfg, published, results, cases.size()));
        }
        String md = QualityReport.markdown(cfg, published, results, cases.size());
        Path mdFile = cfg.out().resolve(MARKDOWN_FILE);
        ResultsStore.writeAtomically(mdFile, md);
        return new Outcome(results, fitted, cases.size() - fitted, store.file(), mdFile, md, published);
    }

    private static PublishedValues.Selection published(QualityConfig cfg, QualityListener listener) {
        var file = PublishedValues.find(cfg.data());
        if (file.isEmpty()) {
            listener.onNote("no " + PublishedValues.FILE_NAME + " in " + cfg.data() + " or above: no published values to compare with");
            return PublishedValues.Selection.NONE;
        }
        PublishedValues.Selection s = PublishedValues.read(file.get()).select(cfg.task(), cfg.data());
        listener.onNote("published values: " + s.describe(cfg.task()));
        if (!s.protocols().isEmpty() && !s.protocols().equals(List.of(cfg.task().protocol().key()))) {
            listener.onNote("warning: published protocol " + s.protocols() + " differs from ours ("
                    + cfg.task().protocol().key() + ")");
        }
        return s;
    }

    private static ImageResult fitAndEvaluate(QualityConfig cfg, BenchCase c, int index, int count,
                                              Path imagesDir, Eta eta, QualityListener listener) {
        // The full recipe (the stop study replays the automatic stop on the curve); seeded per image by the
        // restorer, so a result does not depend on which images ran before it (resume gives the same numbers).
        RestoreConfig config = RestoreConfig.builder(c.spec()).recipe(cfg.recipe()).net(cfg.net()).stop(StopRule.fixed())
                .seed(cfg.seed()).threads(cfg.threads()).precision(cfg.precision()).inputFile(c.source).build();
        long pixels = c.pixels();
        boolean studyStop = cfg.task().methods().contains(Method.DIP_AUTO_STOP);
        StopStudy study = studyStop ? new StopStudy(VarianceStop.DEFAULT_WINDOW, VarianceStop.DEFAULT_PATIENCE, c::psnr) : null;
        Restoration restored;
        try (Restorer restorer = new Restorer(config)) {
            restored = restorer.run(p -> {
                if (study != null) {
                    study.observe(p);
                }
                double left = eta.secondsLeft(p.elapsedSeconds(), pixels * p.iteration());
                listener.onIteration(new QualityListener.ImageProgress(index, count, c.name, p.iteration(), p.iterations(),
                        p.loss(), p.elapsedSeconds(), left));
            });
        }
        FitResult fit = restored.fit();
        eta.finished(fit.seconds(), pixels * fit.iterations());
        Map<String, Double> psnr = new LinkedHashMap<>();
        Map<String, Double> ssim = new LinkedHashMap<>();
        for (Map.Entry<Method, Image> o : c.outputs(fit, study).entrySet()) {
            Method m = o.getKey();
            psnr.put(m.key(), c.psnr(o.getValue()));
            ssim.put(m.key(), c.ssim(o.getValue()));
            Path file = imagesDir.resolve(c.name + "_" + m.key() + ".png");
            if (m == Method.DIP || m == Method.DIP_AVERAGE) {
                write(restored, m == Method.DIP ? "output" : "average", file); // with its provenance beside it
            } else if (m != Method.NOISY) {
                write(o.getValue(), file);
            }
        }
        if (study != null) {
            study.writeCurve(imagesDir.resolve(c.name + StopRules.CURVE_SUFFIX));
        }
        return new ImageResult(c.name, c.groundTruth.height(), c.groundTruth.width(), fit.iterations(), fit.seconds(),
                fit.backtracks(), psnr, ssim, study == null ? 0 : study.oracleIteration(),
                study == null ? 0 : study.stopIteration(), study == null ? 0 : study.stopOutputIterationOrBest(),
                Machine.cpuModel() + " (" + Machine.instructionSet() + ")");
    }

    private static void write(Restoration r, String which, Path file) {
        try {
            r.write(which, file, 8);
        } catch (ImageWriteException e) {
            throw new BenchInputException(Problem.CANNOT_WRITE, e.getMessage());
        }
    }

    private static void write(Image img, Path file) {
        try {
            ImageFiles.write(img, file, 8);
        } catch (ImageWriteException e) {
            throw new BenchInputException(Problem.CANNOT_WRITE, e.getMessage());
        }
    }

    /** Time left, from the seconds per pixel-iteration of the fits so far (fit cost grows with the pixel count). */
    static final class Eta {
        private final long totalWork;
        private double doneSeconds;
        private long doneWork;

        Eta(long totalWork) { this.totalWork = totalWork; }

        double secondsLeft(double currentSeconds, long currentWork) {
            long work = doneWork + currentWork;
            return work == 0 ? Double.NaN : (doneSeconds + currentSeconds) / work * Math.max(0, totalWork - work);
        }

        void finished(double seconds, long work) {
            doneSeconds += seconds;
            doneWork += work;
        }
    }
}
