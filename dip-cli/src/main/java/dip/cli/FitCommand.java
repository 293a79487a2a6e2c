package dip.cli;

import dip.app.Durations;
import dip.app.ExitCode;
import dip.app.FitOptions;
import dip.app.FitReport;
import dip.app.MemoryCheck;
import dip.app.ProvenanceTables;
import dip.app.TaskOptions;
import dip.engine.Cpu;
import dip.fit.FitListener;
import dip.fit.FitResult;
import dip.image.Image;
import dip.image.ImageFiles;
import dip.image.Montage;
import dip.metric.Protocol;
import dip.prior.DeepPrior;
import dip.restore.Provenance;
import dip.restore.Restoration;
import dip.restore.RestoreConfig;
import dip.restore.Restorer;
import dip.restore.TiledRestorer;
import dip.task.Task;
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
    @Parameters(arity = "1..*", paramLabel = "INPUT", description = {"The degraded image (PNG, JPEG, BMP, TIFF; grey or RGB).",
            "Several images, or a directory of them, restore each one into the directory given by -o (a batch)."})
    List<Path> inputs;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUTPUT",
            description = "Restored image (PNG): the final output (the running average with --result average). In a batch: the output directory (created if missing).")
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
    FitFileOptions files;

    /** The task's options, shared with the other front-ends (each command mixes in its task's). */
    abstract TaskOptions options();

    /** The task's fit options. */
    FitOptions fit() { return options().fit; }

    /** Extra checks of this command's options against its outputs, before anything is read. */
    void validateOwnOptions() {}

    @Override
    public Integer call() {
        options().validate();
        files.validate();
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
                OutputPaths.checkImage(p, fit().force(), input, files.reference);
                OutputPaths.checkFile(Provenance.besideImage(p), fit().force(), input, files.reference);
            }
        }
        if (comparison != null) {
            OutputPaths.checkImage(comparison, fit().force(), input, files.reference);
        }
        if (report != null) {
            OutputPaths.checkReport(report, fit().force());
        }
        if (files.log != null) {
            // A resumed fit continues its log, so an existing one is no clash there.
            OutputPaths.checkFile(files.log, fit().force() || files.resume != null, input, files.reference);
        }
        if (files.snapshots != null) {
            OutputPaths.checkDirectory(files.snapshots, files.snapshots);
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
     * config of that image: the task's options by their one mapping ({@link TaskOptions#builder}), with this command's
     * checkpoints.
     */
    RestoreConfig readConfig() {
        RestoreConfig.Builder b = options().builder(input, files.reference);
        b.checkpoints(OutputPaths.parentOf(output).resolve(baseName() + ".ckpt"), files.checkpointEvery == null ? 0 : files.checkpointEvery);
        if (files.resume != null) {
            b.resume(files.resume);
        }
        return b.build();
    }

    /**
     * The tiling: --tile's, or, when the whole image's fit would not fit in the available memory, the largest tile
     * whose fit needs at most half of it (with a note); null to fit the whole image.
     */
    private TiledRestorer.Tiling tiling(RestoreConfig config) {
        TiledRestorer.Tiling asked = fit().tiling();
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

    private Integer restore(Restorer restorer, Image reference) {
        RestoreConfig config = restorer.config();
        Task task = restorer.task();
        if (restorer.prior() instanceof DeepPrior) {
            restorer.withRunsAtOnce(MemoryCheck.fitsAtOnce(restorer.runsAtOnce(), restorer::estimatedBytes));
            MemoryCheck.require(restorer.estimatedBytes());
        }
        Protocol protocol = config.task().protocol();
        if (!fit().quiet()) {
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
        result.writeOutput(output, fit().bitDepth());
        if (outputAverage != null) {
            result.writeAverage(outputAverage, fit().bitDepth());
        }
        if (comparison != null) {
            ImageFiles.write(Montage.sideBySide(List.of(shownInput(task), result.output(), result.average()), 4),
                    comparison, fit().bitDepth());
        }
        lastResult = result.fit();
        if (pageData != null) {
            pageData.write(report, task.name() + ": " + input.getFileName(), reportImages(task, reference, result),
                    ProvenanceTables.settings(result.provenance(), input), ProvenanceTables.results(result.provenance(), output));
            if (!fit().quiet()) {
                System.err.println("wrote report " + report.resolve(FitReport.PAGE));
            }
        }
        if (!fit().quiet()) {
            FitResult r = result.fit();
            System.err.printf("done: %d iterations in %s (%.3f s/iteration)%s%n", r.iterations(),
                    Durations.format(r.seconds()), r.seconds() / Math.max(1, r.iterations()),
                    config.stop().automatic() ? String.format("; %s, output from iteration %d",
                            r.autoStopped() ? "stopped automatically" : "no automatic stop", r.outputIteration()) : "");
            if (reference != null) {
                printScores(config, r, reference);
            }
            System.err.println("wrote " + output + " (and " + Provenance.besideImage(output).getFileName() + ")"
                    + (outputAverage != null ? ", " + outputAverage : "") + (comparison != null ? ", " + comparison : ""));
        }
        return ExitCode.OK;
    }

    /**
     * The end's scores against the reference: of the output and of the average, or of the result alone where the
     * config delivers the average (the two are then the same image).
     */
    static void printScores(RestoreConfig config, FitResult r, Image reference) {
        Protocol protocol = config.task().protocol();
        if (config.result() == dip.fit.ResultImage.AVERAGE) {
            System.err.printf("result (the running average of the outputs): %s%n", protocol.describe(r.output(), reference));
        } else {
            System.err.printf("output:  %s%naverage: %s%n", protocol.describe(r.output(), reference),
                    protocol.describe(r.average(), reference));
        }
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
        result.writeOutput(out, fit().bitDepth());
        result.writeAverage(avg, fit().bitDepth());
        if (config.runs() > 1) { // not checkpointed: what was done is written, nothing to resume
            System.err.printf("dip: interrupted after %d iterations of %d runs of %d; wrote %s and %s (what was fitted: the"
                    + " finished runs averaged, or the first run so far; an ensemble cannot be resumed)%n",
                    result.fit().iterations(), config.runs(), config.iterations(), out, avg);
            return;
        }
        System.err.printf("dip: interrupted after %d of %d iterations; wrote %s, %s and %s (continue with --resume %s)%n",
                result.fit().iterations(), config.iterations(), out, avg, dir.resolve(base + ".ckpt"), dir.resolve(base + ".ckpt"));
    }

    private Restoration run(Restorer restorer, FitReport pageData) {
        List<FitListener> listeners = new ArrayList<>();
        if (pageData != null) {
            listeners.add(pageData);
        }
        try (ProgressDisplay display = ProgressDisplay.create(restorer.task().name(), restorer.config().iterations(), fit().quiet());
             CsvLog log = files.log == null ? null
                     : files.resume != null ? CsvLog.resume(files.log, files.logEvery()) : CsvLog.start(files.log, files.logEvery())) {
            listeners.add(display);
            if (log != null) {
                listeners.add(log);
            }
            if (files.snapshots != null) {
                listeners.add(new Snapshots(files.snapshots, files.saveEvery, fit().bitDepth()));
            }
            return restorer.run(FitListener.all(listeners.toArray(FitListener[]::new)));
        }
    }
}
