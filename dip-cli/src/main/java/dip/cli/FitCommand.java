package dip.cli;

import dip.engine.Cpu;
import dip.fit.FitListener;
import dip.fit.FitResult;
import dip.fit.Recipe;
import dip.image.Image;
import dip.image.ImageFiles;
import dip.image.Montage;
import dip.metric.Protocol;
import dip.prior.DeepPrior;
import dip.restore.Provenance;
import dip.restore.RestoreConfig;
import dip.restore.Restorer;
import dip.restore.Restoration;
import dip.restore.TiledRestorer;
import dip.task.Task;
import dip.task.TaskSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What every restoration command does: check outputs before starting, read the input, build the task
 * and the prior, fit with progress/log/snapshots, write the results atomically, report the metrics.
 */
abstract class FitCommand implements Callable<Integer> {
    /** Smallest input side: a single pixel has no structure for a prior to restore. */
    static final int MIN_SIDE = 2;

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = {"The degraded image (PNG, JPEG, BMP, TIFF; grey or RGB).",
            "Several images, or a directory of them, restore each one into the directory given by -o (a batch)."})
    List<Path> inputs;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUTPUT",
            description = "Restored image (PNG): the final output. In a batch: the output directory (created if missing).")
    Path output;

    @Option(names = "--report", paramLabel = "DIR", description = "Also write DIR/index.html: a self-contained page with the images, "
            + "the loss and PSNR curves, the settings and the timing.")
    Path report;

    /** The image being restored: the input, or the current one of a batch. */
    Path input;

    @Option(names = "--output-average", paramLabel = "PATH", description = "Also write the exponential average of the outputs (PNG).")
    Path outputAverage;

    @Option(names = "--comparison", paramLabel = "PATH", description = "Also write a before/after figure (PNG): input | output | average.")
    Path comparison;

    @Mixin
    FitOptions fit;

    @Mixin
    PriorOptions priorOptions;

    /** What to restore, from the input image (may read more files, e.g. a mask: name them in {@link #extraInputs}). */
    abstract TaskSpec spec(Image input);

    /** Files besides the input that the task reads, by role (e.g. "mask"), for the provenance. */
    Map<String, Path> extraInputs() { return Map.of(); }

    /** Extra checks of this command's own options, before anything is read. */
    void validateOwnOptions() {}

    @Override
    public Integer call() {
        fit.validate();
        priorOptions.validate();
        validateOwnOptions();
        if (inputs.size() == 1 && !Files.isDirectory(inputs.get(0))) {
            input = inputs.get(0);
            return restore();
        }
        return new Batch(this).run();
    }

    /** Restores {@link #input} into {@link #output} (and the other outputs asked for); returns the exit code. */
    Integer restore() {
        for (Path p : new Path[] {output, outputAverage}) {
            if (p != null) {
                OutputPaths.checkImage(p, fit.force(), input, fit.reference);
                OutputPaths.checkFile(Provenance.besideImage(p), fit.force(), input, fit.reference);
            }
        }
        if (comparison != null) {
            OutputPaths.checkImage(comparison, fit.force(), input, fit.reference);
        }
        if (report != null) {
            FitReport.check(report, fit.force());
        }
        if (fit.log != null) {
            // A resumed fit continues its log, so an existing one is no clash there.
            OutputPaths.checkFile(fit.log, fit.force() || fit.resume != null, input, fit.reference);
        }
        if (fit.snapshots != null) {
            OutputPaths.checkDirectory(fit.snapshots, fit.snapshots);
        }
        RestoreConfig config = readConfig();
        Image reference = config.reference();
        TiledRestorer.Tiling tiling = tiling(config);
        if (tiling != null) {
            return new TiledRun(this, config, tiling, reference).run();
        }
        try (Restorer restorer = new Restorer(config, FaultInjection::wrap)) {
            return restore(restorer, reference);
        }
    }

    /**
     * Reads {@link #input} (and the --reference image), checks them, and turns the command line into the restoration
     * config of that image: the one mapping of options to a config (the Spark job uses it too, via {@link TaskCommandLine}).
     */
    RestoreConfig readConfig() {
        ImageFiles.ReadResult read = ImageFiles.read(input);
        read.warnings().forEach(w -> System.err.println("dip: warning: " + w));
        if (read.image().height() < MIN_SIDE || read.image().width() < MIN_SIDE) {
            throw new UserError(ExitCode.INPUT, input + " is " + read.image().width() + "x" + read.image().height()
                    + " pixels: too small to restore (at least " + MIN_SIDE + "x" + MIN_SIDE + ")");
        }
        Image reference = fit.reference == null ? null : ImageFiles.read(fit.reference).image();
        TaskSpec spec = spec(read.image());
        if (reference != null && (reference.height() != spec.outputHeight() || reference.width() != spec.outputWidth()
                || reference.channels() != spec.outputChannels())) {
            throw new UserError(ExitCode.INPUT, "reference " + fit.reference + " is " + reference.shape() + " but the result will be "
                    + spec.outputChannels() + "x" + spec.outputHeight() + "x" + spec.outputWidth());
        }
        return config(spec, reference);
    }

    /**
     * The tiling: --tile's, or, when the whole image's fit would not fit in the available memory, the largest tile
     * whose fit needs at most half of it (with a note); null to fit the whole image.
     */
    private TiledRestorer.Tiling tiling(RestoreConfig config) {
        TiledRestorer.Tiling asked = fit.tiling();
        if (asked != null || config.prior() != dip.restore.PriorKind.DIP) {
            return asked;
        }
        long available = MemoryCheck.availableBytes();
        long whole = TiledRestorer.estimatedWholeBytes(config);
        if (available <= 0 || whole <= available) {
            return null;
        }
        TiledRestorer.Tiling t = TiledRestorer.tilingWithin(config, available / 2);
        if (t == null) {
            return null; // not even the smallest tile fits: the memory check refuses the whole fit, with its estimate
        }
        System.err.printf("dip: note: the whole image would need about %.1f GiB of memory but %.1f GiB is available: "
                + "restoring it in tiles of %d pixels, overlap %d (choose with --tile and --overlap)%n",
                whole / (double) (1L << 30), available / (double) (1L << 30), t.tile(), t.overlap());
        return t;
    }

    /** The command line as a restoration config. */
    private RestoreConfig config(TaskSpec spec, Image reference) {
        Recipe recipe = fit.recipe(spec);
        RestoreConfig.Builder b = RestoreConfig.builder(spec).reference(reference).inputFile("input", input);
        extraInputs().forEach(b::inputFile);
        if (fit.reference != null) {
            b.inputFile("reference", fit.reference);
        }
        fit.configure(b, recipe);
        priorOptions.configure(b, recipe);
        b.checkpoints(OutputPaths.parentOf(output).resolve(baseName() + ".ckpt"), fit.checkpointEvery == null ? 0 : fit.checkpointEvery);
        if (fit.resume != null) {
            b.resume(fit.resume);
        }
        return b.build();
    }

    private Integer restore(Restorer restorer, Image reference) {
        RestoreConfig config = restorer.config();
        Task task = restorer.task();
        if (restorer.prior() instanceof DeepPrior) {
            MemoryCheck.require(restorer.estimatedBytes());
        }
        Protocol protocol = config.task().protocol();
        if (!fit.quiet) {
            System.err.printf("%s: %s (%s) with %s, %s on %s, %d threads, %s, lr %s%n", task.name(), input,
                    task.observation().shape(), restorer.prior().describe(), restorer.prior().precision().label(),
                    Cpu.instructionSet(), config.threads(), config.stop().automatic()
                            ? "at most " + config.iterations() + " iterations (stops by itself; --stop fixed runs them all)"
                            : config.iterations() + " iterations", config.lr());
            if (reference != null && task.observation().sameShape(reference)) {
                System.err.printf("input against the reference: %s%n", protocol.describe(task.observation(), reference));
            }
        }
        Interrupts interrupts = Interrupts.install(restorer::requestStop);
        FitReport pageData = report == null ? null : new FitReport();
        Restoration result;
        try {
            result = run(restorer, pageData);
            if (result.stopped()) {
                return interrupts.finish(() -> writeInterrupted(result, config));
            }
        } finally {
            interrupts.uninstall();
        }
        result.writeOutput(output, fit.bitDepth);
        if (outputAverage != null) {
            result.writeAverage(outputAverage, fit.bitDepth);
        }
        if (comparison != null) {
            ImageFiles.write(Montage.sideBySide(List.of(shownInput(task), result.output(), result.average()), 4),
                    comparison, fit.bitDepth);
        }
        lastResult = result.fit();
        if (pageData != null) {
            pageData.write(report, task.name() + ": " + input.getFileName(), reportImages(task, reference, result),
                    ProvenanceTables.settings(result.provenance(), input), ProvenanceTables.results(result.provenance(), output));
            if (!fit.quiet) {
                System.err.println("wrote report " + report.resolve(FitReport.PAGE));
            }
        }
        if (!fit.quiet) {
            FitResult r = result.fit();
            System.err.printf("done: %d iterations in %s (%.3f s/iteration)%s%n", r.iterations(),
                    ProgressDisplay.duration(r.seconds()), r.seconds() / Math.max(1, r.iterations()),
                    config.stop().automatic() ? String.format("; %s, output from iteration %d",
                            r.autoStopped() ? "stopped automatically" : "no automatic stop", r.outputIteration()) : "");
            if (reference != null) {
                System.err.printf("output:  %s%naverage: %s%n", protocol.describe(r.output(), reference),
                        protocol.describe(r.average(), reference));
            }
            System.err.println("wrote " + output + " (and " + Provenance.besideImage(output).getFileName() + ")"
                    + (outputAverage != null ? ", " + outputAverage : "") + (comparison != null ? ", " + comparison : ""));
        }
        return ExitCode.OK;
    }

    /** The last completed fit (for a batch's summary). */
    FitResult lastResult;

    private static Map<String, Image> reportImages(Task task, Image reference, Restoration result) {
        Map<String, Image> images = new LinkedHashMap<>();
        images.put("input", task.observation());
        images.put("output", result.output());
        images.put("average", result.average());
        if (reference != null) {
            images.put("reference", reference);
        }
        return images;
    }

    /** The input as shown in the comparison figure: at the output's size. */
    Image shownInput(Task task) { return task.initialGuess(); }

    String baseName() { return output.getFileName().toString().replaceAll("(?i)\\.png$", ""); }

    /** Ctrl-C: keep what was done, next to the requested output, never in its place. */
    private void writeInterrupted(Restoration result, RestoreConfig config) {
        String base = baseName();
        Path dir = OutputPaths.parentOf(output);
        Path out = dir.resolve(base + ".interrupted.png");
        Path avg = dir.resolve(base + ".interrupted-average.png");
        result.writeOutput(out, fit.bitDepth);
        result.writeAverage(avg, fit.bitDepth);
        System.err.printf("dip: interrupted after %d of %d iterations; wrote %s, %s and %s (continue with --resume %s)%n",
                result.fit().iterations(), config.iterations(), out, avg, dir.resolve(base + ".ckpt"), dir.resolve(base + ".ckpt"));
    }

    private Restoration run(Restorer restorer, FitReport pageData) {
        List<FitListener> listeners = new ArrayList<>();
        if (pageData != null) {
            listeners.add(pageData);
        }
        try (ProgressDisplay display = ProgressDisplay.create(restorer.task().name(), restorer.config().iterations(), fit.quiet);
             CsvLog log = fit.log == null ? null
                     : fit.resume != null ? CsvLog.resume(fit.log, fit.logEvery()) : CsvLog.start(fit.log, fit.logEvery())) {
            listeners.add(display);
            if (log != null) {
                listeners.add(log);
            }
            if (fit.snapshots != null) {
                listeners.add(new Snapshots(fit.snapshots, fit.saveEvery, fit.bitDepth));
            }
            return restorer.run(FitListener.all(listeners.toArray(FitListener[]::new)));
        }
    }
}
