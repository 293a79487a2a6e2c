package dip.bench;

import dip.bench.BenchInputException.Problem;
import dip.engine.Engine;
import dip.fit.FitListener;
import dip.fit.FitResult;
import dip.fit.LrSchedule;
import dip.fit.Progress;
import dip.image.Image;
import dip.image.ImageFiles;
import dip.image.ImageWriteException;
import dip.restore.InputFile;
import dip.restore.Provenance;
import dip.restore.Restoration;
import dip.restore.RestoreConfig;
import dip.restore.Restorer;
import dip.restore.TiledRestorer;
import dip.task.TaskSpec;
import dip.tile.TileListener;
import dip.tile.TileMaskException;
import dip.tile.TileProgress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bench race}: restores one degraded image along several paths (recipe × precision), each to its end, with
 * the PSNR of the output and the average against the reference at every iteration, and reports per path when it
 * first reached the target PSNRs, where it stopped, its final PSNRs, seconds per iteration and peak memory. Writes
 * DIR/PATH.csv (the curve), DIR/PATH.png and DIR/PATH.average.png (the restoration, with provenance), DIR/race.csv
 * (a row per finished path), DIR/race.md and DIR/race.png (PSNR against wall-clock seconds). A path already in
 * race.csv with the same settings (and its curve on disk) is not fitted again.
 *
 * <p>t = 0 of a path is the moment its {@link Restorer} starts being built (data term, net, z), after the images were
 * read and libtorch's natives loaded: its seconds include everything of the fit, not the JVM's start.
 */
public final class Race {
    public static final String CSV_FILE = "race.csv";
    public static final String MARKDOWN_FILE = "race.md";
    public static final String PNG_FILE = "race.png";

    /** Reports progress; the race itself never prints. Called on the fitting thread. */
    public interface Listener {
        /** Path {@code index} of {@code count} begins; {@code reused}: its row is in race.csv with the same settings. */
        default void onPathStart(int index, int count, RacePath path, boolean reused) {}

        /** After every iteration; {@code wallSeconds} since the path's t = 0. */
        default void onIteration(RacePath path, Progress p, double wallSeconds) {}

        default void onPathDone(Entry entry, boolean reused) {}

        /** With --tile: a tile of the path finished, {@code wallSeconds} since its t = 0. Never two calls at once. */
        default void onTileDone(RacePath path, TileProgress progress, double wallSeconds) {}

        default void onNote(String message) {}

        Listener NONE = new Listener() {};
    }

    /** A path's summary and curve. */
    public record Entry(RaceResult result, RaceCurve curve) {}

    /**
     * @param entries   the paths in the order asked for
     * @param fitted    paths fitted (or measured for a projection) now
     * @param reused    paths taken from race.csv
     * @param notes     the notes of this run (also in race.md)
     */
    public record Outcome(List<Entry> entries, int fitted, int reused, List<String> notes, String markdown, Path csv,
                          Path markdownFile, Path chart) {}

    private Race() {}

    public static Outcome run(RaceConfig cfg, Listener listener) {
        List<String> notes = new ArrayList<>();
        java.util.function.Consumer<String> note = n -> {
            notes.add(n);
            listener.onNote(n);
        };
        Image input = read(cfg.image(), "input");
        Image gt = read(cfg.reference(), "reference");
        TaskSpec spec = taskSpec(cfg, input, gt);
        InputFile inputFile = InputFile.of("input", cfg.image());
        InputFile referenceFile = InputFile.of("reference", cfg.reference());
        InputFile maskFile = cfg.mask() == null ? null : InputFile.of("mask", cfg.mask());
        try {
            Files.createDirectories(cfg.out());
        } catch (IOException e) {
            throw new BenchInputException(Problem.CANNOT_WRITE, "cannot create output folder " + cfg.out() + ": " + e.getMessage());
        }
        if (cfg.maxIterations() != null) {
            note.accept("every path is capped at --max-iterations " + cfg.maxIterations() + ": not the recipes' full runs");
        }
        // Every path's config first: a bad one fails before the first long fit.
        Map<RacePath, RestoreConfig> configs = new LinkedHashMap<>();
        Map<RacePath, Integer> recipeIterations = new LinkedHashMap<>();
        for (RacePath p : cfg.runOrder()) {
            RestoreConfig.Builder b = p.builder(spec, p.resolvePrecision(note)).seed(cfg.seed()).threads(cfg.threads())
                    .reference(gt).inputFile(inputFile).inputFile(referenceFile);
            if (maskFile != null) {
                b.inputFile(maskFile);
            }
            if (cfg.net() != null) {
                b.net(cfg.net());
            }
            RestoreConfig recipe = b.build();
            int cap = cfg.maxIterations() == null ? recipe.iterations() : Math.min(recipe.iterations(), cfg.maxIterations());
            if (p.equals(cfg.project())) {
                cap = Math.min(cap, cfg.projectIterations());
            }
            configs.put(p, recipe.toBuilder().iterations(cap).build());
            recipeIterations.put(p, recipe.iterations());
        }
        // The natives load once per process, before the first t = 0: no path pays for that.
        Engine.init(cfg.threads());
        ResultsStore store = ResultsStore.open(cfg.out().resolve(CSV_FILE), "path");
        Map<RacePath, Entry> done = new LinkedHashMap<>();
        Map<RacePath, String> hashes = new LinkedHashMap<>();
        List<RacePath> order = cfg.runOrder();
        int fitted = 0;
        for (int i = 0; i < order.size(); i++) {
            RacePath p = order.get(i);
            RestoreConfig config = configs.get(p);
            boolean projected = p.equals(cfg.project());
            RacePath source = projected ? cfg.projectionSource() : null;
            String hash = settingsHash(cfg, p, config, inputFile, referenceFile, maskFile, projected ? hashes.get(source) : null);
            hashes.put(p, hash);
            Path curveFile = cfg.out().resolve(p.name() + ".csv");
            var previous = store.find(p.name(), hash);
            RaceCurve previousCurve = previous.isPresent() ? RaceCurve.readIfValid(curveFile) : null;
            boolean reuse = previousCurve != null;
            if (!reuse && store.find(p.name()).isPresent()) {
                note.accept(p.name() + ": in " + CSV_FILE + " with other settings" + (previous.isPresent() ? " (or its curve "
                        + curveFile.getFileName() + " is missing)" : "") + ": fitted again, its row replaced");
            }
            listener.onPathStart(i + 1, order.size(), p, reuse);
            Entry e;
            if (reuse) {
                e = new Entry(RaceResult.fromRow(previous.get()), previousCurve);
            } else {
                Measured m = cfg.tiling() != null ? measureTiled(p, config, cfg.tiling(), recipeIterations.get(p), listener, note)
                        : measure(p, config, recipeIterations.get(p), listener, note, spec.kind() == TaskSpec.Kind.SUPER_RESOLVE ? gt : null);
                e = projected ? project(cfg, p, config, hash, m, done.get(source), note) : fit(cfg, p, config, hash, m);
                e.curve().write(curveFile);
                fitted++;
            }
            // The row carries the reach of this run's targets, also for a reused path.
            store.replace(e.result().toRow(e.curve(), cfg.outputTargets(), cfg.averageTargets()));
            store.save();
            done.put(p, e);
            listener.onPathDone(e, reuse);
        }
        List<Entry> entries = cfg.paths().stream().map(done::get).toList();
        Path chart = cfg.out().resolve(PNG_FILE);
        RaceChart.write(entries, cfg.outputTargets(), cfg.averageTargets(),
                taskLabel(cfg) + ", " + input.width() + "×" + input.height() + ", threads: " + cfg.threads(), chart);
        String md = RaceReport.markdown(cfg, input, entries, notes);
        Path mdFile = cfg.out().resolve(MARKDOWN_FILE);
        ResultsStore.writeAtomically(mdFile, md);
        return new Outcome(entries, fitted, order.size() - fitted, List.copyOf(notes), md, store.file(), mdFile, chart);
    }

    /** Fits the path to its end, timing every iteration from t = 0; writes its output and average. */
    private static Entry fit(RaceConfig cfg, RacePath p, RestoreConfig config, String hash, Measured m) {
        Path png = cfg.out().resolve(p.name() + ".png");
        write(m.restored, "output", png);
        write(m.restored, "average", cfg.out().resolve(p.name() + ".average.png"));
        FitResult fit = m.restored.fit();
        Provenance.Result scores = m.restored.provenance().result();
        TiledRestorer.Summary tiles = m.restored.provenance().tiling();
        String stoppedBy = tiles != null ? String.format(Locale.ROOT, "%d tiles of %d (overlap %d), %d at once: %d automatic "
                + "stops, %d iterations in all", tiles.tiles(), tiles.tile(), tiles.overlap(), m.tilesAtOnce, tiles.autoStopped(),
                tiles.iterations())
                : fit.autoStopped() ? "automatic stop at " + fit.iterations() + ", output of iteration " + fit.outputIteration()
                : fit.iterations() < m.recipeIterations ? "--max-iterations " + fit.iterations()
                : "the recipe's " + fit.iterations() + " iterations";
        RaceResult r = result(cfg, p, config, hash, "", m, fit.iterations(), fit.outputIteration(), stoppedBy,
                scores.outputScores().psnr(), scores.averageScores().psnr(), m.curve.last().seconds());
        return new Entry(r, m.curve);
    }

    /**
     * Runs the projected path for its measured iterations only, then takes the curve of {@code source} with this
     * path's time: seconds = start-up + iteration × median s/iteration. Its images are not written (they would be
     * those of the measured iterations, not of the projected end).
     */
    private static Entry project(RaceConfig cfg, RacePath p, RestoreConfig config, String hash, Measured m, Entry source,
                                 java.util.function.Consumer<String> note) {
        int measured = m.curve.points().size();
        String label = "projected: curve of " + source.result().path() + ", time from " + measured + " measured iterations";
        RaceCurve curve = source.curve().retimed(m.startupSeconds, m.secondsPerIteration);
        RaceCurve.Point last = curve.last();
        int target = cfg.maxIterations() == null ? m.recipeIterations : Math.min(m.recipeIterations, cfg.maxIterations());
        if (last.iteration() < target) {
            note.accept(p.name() + ": " + label + "; the curve ends at iteration " + last.iteration() + " where "
                    + source.result().path() + " stopped, before this path's " + target);
        }
        note.accept(p.name() + ": no images written (a projection has only a curve)");
        RaceResult r = result(cfg, p, config, hash, label, m, last.iteration(), last.iteration(),
                "projected to iteration " + last.iteration(), last.psnrOutput(), last.psnrAverage(), last.seconds());
        return new Entry(r, curve);
    }

    private static RaceResult result(RaceConfig cfg, RacePath p, RestoreConfig config, String hash, String projection,
                                     Measured m, int iterations, int outputIteration, String stoppedBy, double psnrOutput,
                                     double psnrAverage, double seconds) {
        Provenance.Run run = m.restored.provenance().run();
        return new RaceResult(p.name(), projection, hash, taskLabel(cfg), cfg.image().getFileName().toString(), cfg.seed(),
                cfg.threads(), cfg.maxIterations(), cfg.netName() != null ? cfg.netName() : run.net(), run.parameters(),
                config.precision().label(), run.instructionSet(), config.lr(), m.recipeIterations, config.stop().describe(),
                iterations, outputIteration, stoppedBy, psnrOutput, psnrAverage, m.secondsPerIteration, m.startupSeconds,
                seconds, m.peakRssMiB, m.rssScope);
    }

    /** @param tilesAtOnce with --tile: tiles fitted at once; else 1 */
    private record Measured(Restoration restored, RaceCurve curve, double startupSeconds, double secondsPerIteration,
                            double peakRssMiB, String rssScope, int recipeIterations, int tilesAtOnce) {}

    /**
     * Fits the path, recording each iteration's PSNRs: the fit's own (all channels, whole image), or with
     * {@code scoredAgainst} under the task's protocol against it (super-resolution: Y channel, shaved border, as its
     * table and its final scores), computed in the listener, whose few milliseconds count in the next iteration's time.
     */
    private static Measured measure(RacePath p, RestoreConfig config, int recipeIterations, Listener listener,
                                    java.util.function.Consumer<String> note, Image scoredAgainst) {
        dip.metric.Protocol protocol = config.task().protocol();
        boolean reset = Machine.resetPeakRss();
        if (!reset) {
            note.accept(p.name() + ": cannot reset the peak RSS (/proc/self/clear_refs): its peak RSS is the process's so far");
        }
        List<RaceCurve.Point> points = new ArrayList<>();
        double[] loopStart = {Double.NaN};
        Restoration restored;
        long t0 = System.nanoTime();
        try (Restorer restorer = new Restorer(config)) {
            restored = restorer.run(pr -> {
                double wall = (System.nanoTime() - t0) / 1e9;
                if (points.isEmpty()) {
                    loopStart[0] = wall - pr.elapsedSeconds();
                }
                double out = pr.psnrOutput();
                double avg = pr.psnrAverage();
                if (scoredAgainst != null && !Double.isNaN(out)) {
                    out = protocol.psnr(pr.output().get(), scoredAgainst);
                    avg = protocol.psnr(pr.average().get(), scoredAgainst);
                }
                points.add(new RaceCurve.Point(pr.iteration(), wall, out, avg));
                listener.onIteration(p, pr, wall);
            });
        }
        double peak = Machine.peakRssMiB();
        RaceCurve curve = new RaceCurve(points);
        return new Measured(restored, curve, loopStart[0], curve.medianSecondsPerIteration(loopStart[0]), peak,
                reset ? "path" : "process", recipeIterations, 1);
    }

    /**
     * Restores the image in tiles as the restoration commands' --tile does (with several threads, that many tiles at
     * once on one thread each). The whole image exists only once every tile is blended, so the curve is one point, at
     * the end: the blended output's and average's PSNR under the task's protocol. Seconds per iteration: the wall time
     * of a tile's iteration on its thread, on average (wall × tiles at once / iterations of all tiles); the start-up is
     * not separable from the tiles' fits (NaN).
     */
    private static Measured measureTiled(RacePath p, RestoreConfig config, TiledRestorer.Tiling tiling, int recipeIterations,
                                         Listener listener, java.util.function.Consumer<String> note) {
        boolean reset = Machine.resetPeakRss();
        if (!reset) {
            note.accept(p.name() + ": cannot reset the peak RSS (/proc/self/clear_refs): its peak RSS is the process's so far");
        }
        long t0 = System.nanoTime();
        TiledRestorer restorer = new TiledRestorer(config, tiling);
        Restoration restored;
        try {
            restored = restorer.run(null, new TileListener() {
                @Override
                public void tileFinished(TileProgress progress) {
                    listener.onTileDone(p, progress, (System.nanoTime() - t0) / 1e9);
                }
            }, in -> FitListener.NONE);
        } catch (TileMaskException e) {
            throw new BenchInputException(Problem.BAD_IMAGE, e.getMessage());
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        double peak = Machine.peakRssMiB();
        Provenance.Result scores = restored.provenance().result();
        int iterations = restored.fit().iterations();
        RaceCurve curve = new RaceCurve(List.of(new RaceCurve.Point(iterations, wall, scores.outputScores().psnr(),
                scores.averageScores().psnr())));
        return new Measured(restored, curve, Double.NaN, wall * restorer.tilesAtOnce() / iterations, peak,
                reset ? "path" : "process", recipeIterations, restorer.tilesAtOnce());
    }

    /**
     * What must match for a row of race.csv to be reused: the path, the task, the bytes of the input and the
     * reference, the seed, threads, the iteration cap, the precision as resolved on this CPU, the recipe's values
     * and the net; for a projection also its measured iterations and the hash of the path it takes its curve from.
     */
    static String settingsHash(RaceConfig cfg, RacePath p, RestoreConfig c, InputFile input, InputFile reference,
                               InputFile mask, String sourceHash) {
        // denoise and jpeg keep the canonical form of earlier race.csv files, so their rows are still reused
        String task = cfg.task() + (cfg.scale() != 1 ? ";scale=" + cfg.scale() : "") + (mask != null ? ";mask=" + mask.sha256() : "");
        String canonical = String.format(Locale.ROOT,
                "v1;path=%s;task=%s;input=%s;reference=%s;seed=%d;threads=%d;max=%s;precision=%s;iterations=%d;lr=%s;"
                        + "reg=%s;decay=%s;backtrack=%s;stop=%s;net=%s;%s",
                p.name(), task, input.sha256(), reference.sha256(), cfg.seed(), cfg.threads(),
                cfg.maxIterations() == null ? "none" : cfg.maxIterations(), c.precision().label(), c.iterations(), c.lr(),
                c.regNoise(), c.averageDecay(), c.backtrackDb(), c.stop().describe(),
                cfg.netName() == null ? c.net().label() : cfg.netName() + "=" + c.net(),
                sourceHash == null ? "fitted" : "projected=" + cfg.projectIterations() + "/" + sourceHash)
                + (c.lrSchedule() == LrSchedule.CONSTANT ? "" : ";schedule=" + c.lrSchedule().key()) // earlier rows stay valid
                + (c.runs() == 1 ? "" : ";runs=" + c.runs())
                + (c.regNoiseWarmup() == 0 ? "" : ";warmup=" + c.regNoiseWarmup())
                + (c.result() == dip.fit.ResultImage.OUTPUT ? "" : ";result=" + c.result().key())
                + (cfg.tiling() == null ? "" : ";tiles=" + cfg.tiling().tile() + "/" + cfg.tiling().overlap());
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /** The task as race.md and race.png name it: "super-resolve ×4", else the task's name. */
    static String taskLabel(RaceConfig cfg) {
        return cfg.task() + (cfg.scale() != 1 ? " ×" + cfg.scale() : "");
    }

    /**
     * The task of the race, its inputs checked against each other: the reference is the input's size, or {@code scale}
     * times it for super-resolution; an inpainting mask is the input's size.
     */
    static TaskSpec taskSpec(RaceConfig cfg, Image input, Image gt) {
        boolean sr = cfg.task().equals("super-resolve");
        int f = cfg.scale();
        if (sr ? gt.height() != input.height() * f || gt.width() != input.width() * f || gt.channels() != input.channels()
                : !input.sameShape(gt)) {
            throw new BenchInputException(Problem.BAD_IMAGE, "reference " + cfg.reference() + " is " + gt.shape()
                    + " but the input " + cfg.image() + " is " + input.shape() + (sr ? "; the reference must be " + f
                    + " times the input's size (--scale " + f + ")" : "; they must be the same size"));
        }
        return switch (cfg.task()) {
            case "jpeg" -> TaskSpec.jpeg(input);
            case "super-resolve" -> TaskSpec.superResolve(input, f);
            case "inpaint" -> {
                if (cfg.mask() == null) {
                    yield TaskSpec.restorePixels(input);
                }
                if (!Files.isRegularFile(cfg.mask())) {
                    throw new BenchInputException(Problem.BAD_IMAGE, "the mask " + cfg.mask() + " does not exist or is not a file");
                }
                try {
                    yield TaskSpec.inpaint(input, dip.image.Mask.fromFile(cfg.mask(), input.height(), input.width()));
                } catch (dip.image.ImageReadException e) {
                    throw new BenchInputException(Problem.BAD_IMAGE, e.getMessage());
                }
            }
            default -> TaskSpec.denoise(input);
        };
    }

    private static Image read(Path file, String role) {
        if (!Files.isRegularFile(file)) {
            throw new BenchInputException(Problem.BAD_IMAGE, "the " + role + " " + file + " does not exist or is not a file");
        }
        return ImageFiles.read(file).image();
    }

    private static void write(Restoration r, String which, Path file) {
        try {
            r.write(which, file, 8);
        } catch (ImageWriteException e) {
            throw new BenchInputException(Problem.CANNOT_WRITE, e.getMessage());
        }
    }
}
