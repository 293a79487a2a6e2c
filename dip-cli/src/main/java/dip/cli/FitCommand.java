package dip.cli;

import dip.fit.Recipe;
import dip.engine.Cpu;
import dip.engine.Engine;
import dip.fit.FitListener;
import dip.fit.FitResult;
import dip.fit.FitSettings;
import dip.fit.Fitter;
import dip.fit.VarianceStop;
import dip.image.Image;
import dip.image.ImageFiles;
import dip.image.Montage;
import dip.prior.DeepPrior;
import dip.prior.Prior;
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

    /** The task's defaults. */
    abstract Recipe recipe();

    /** The observation model, from the input image (may read more files, e.g. a mask). */
    abstract Task task(Image input);

    /** The image the reference is compared with: the output and average as they are, by default. */
    Metrics metrics() { return Metrics.RGB; }

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
        for (Path p : new Path[] {output, outputAverage, comparison}) {
            if (p != null) {
                OutputPaths.checkImage(p, fit.force(), input, fit.reference);
            }
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
        ImageFiles.ReadResult read = ImageFiles.read(input);
        read.warnings().forEach(w -> System.err.println("dip: warning: " + w));
        if (read.image().height() < MIN_SIDE || read.image().width() < MIN_SIDE) {
            throw new UserError(ExitCode.INPUT, input + " is " + read.image().width() + "x" + read.image().height()
                    + " pixels: too small to restore (at least " + MIN_SIDE + "x" + MIN_SIDE + ")");
        }
        Image reference = fit.reference == null ? null : ImageFiles.read(fit.reference).image();

        Engine.init(fit.threadCount());
        Task task = FaultInjection.wrap(task(read.image()));
        if (reference != null && (reference.height() != task.outputHeight() || reference.width() != task.outputWidth()
                || reference.channels() != task.outputChannels())) {
            throw new UserError(ExitCode.INPUT, "reference " + fit.reference + " is " + reference.shape() + " but the result will be "
                    + task.outputChannels() + "x" + task.outputHeight() + "x" + task.outputWidth());
        }
        Recipe recipe = recipe();
        FitSettings settings = fit.settings(recipe);
        Engine.seed(settings.seed());
        Prior prior = priorOptions.build(task, recipe, settings.regNoise());
        if (prior instanceof DeepPrior deep) {
            MemoryCheck.require(deep.estimatedBytes());
        }
        if (!fit.quiet) {
            System.err.printf("%s: %s (%s) with %s, %s on %s, %d threads, %s, lr %s%n", task.name(), input,
                    read.image().shape(), prior.describe(), prior.precision().label(), Cpu.instructionSet(), fit.threadCount(),
                    fit.stop(recipe) == FitOptions.Stop.auto
                            ? "at most " + settings.iterations() + " iterations (stops by itself; --stop fixed runs them all)"
                            : settings.iterations() + " iterations", settings.lr());
            if (reference != null && task.observation().sameShape(reference)) {
                System.err.printf("input against the reference: %s%n", metrics().describe(task.observation(), reference));
            }
        }
        Path checkpoint = OutputPaths.parentOf(output).resolve(baseName() + ".ckpt");
        Fitter fitter = new Fitter().withCheckpoints(checkpoint, fit.checkpointEvery == null ? 0 : fit.checkpointEvery);
        if (fit.resume != null) {
            fitter.resumeFrom(fit.resume);
        }
        VarianceStop autoStop = fit.autoStop(recipe);
        if (autoStop != null) {
            fitter.withAutoStop(autoStop);
        }
        Interrupts interrupts = Interrupts.install(fitter);
        FitReport pageData = report == null ? null : new FitReport();
        FitResult result;
        try {
            result = run(fitter, task, prior, settings, reference, pageData);
            if (result.stopped()) {
                return interrupts.finish(() -> writeInterrupted(result));
            }
        } finally {
            interrupts.uninstall();
        }
        ImageFiles.write(result.output(), output, fit.bitDepth);
        if (outputAverage != null) {
            ImageFiles.write(result.average(), outputAverage, fit.bitDepth);
        }
        if (comparison != null) {
            ImageFiles.write(Montage.sideBySide(List.of(shownInput(task), result.output(), result.average()), 4),
                    comparison, fit.bitDepth);
        }
        lastResult = result;
        if (pageData != null) {
            writeReport(pageData, task, prior, settings, reference, result);
        }
        if (!fit.quiet) {
            System.err.printf("done: %d iterations in %s (%.3f s/iteration)%s%n", result.iterations(),
                    ProgressDisplay.duration(result.seconds()), result.seconds() / Math.max(1, result.iterations()),
                    autoStop != null ? String.format("; %s, output from iteration %d",
                            result.autoStopped() ? "stopped automatically" : "no automatic stop", result.outputIteration()) : "");
            if (reference != null) {
                System.err.printf("output:  %s%naverage: %s%n", metrics().describe(result.output(), reference),
                        metrics().describe(result.average(), reference));
            }
            System.err.println("wrote " + output + (outputAverage != null ? ", " + outputAverage : "")
                    + (comparison != null ? ", " + comparison : ""));
        }
        return ExitCode.OK;
    }

    /** The last completed fit (for a batch's summary). */
    FitResult lastResult;

    private void writeReport(FitReport pageData, Task task, Prior prior, FitSettings settings, Image reference, FitResult result) {
        Map<String, Image> images = new LinkedHashMap<>();
        images.put("input", task.observation());
        images.put("output", result.output());
        images.put("average", result.average());
        if (reference != null) {
            images.put("reference", reference);
        }
        Map<String, String> s = FitReport.ordered();
        s.put("task", task.name());
        s.put("input", input.toString());
        s.put("prior", prior.describe());
        s.put("iterations", Integer.toString(settings.iterations()));
        s.put("learning rate", Double.toString(settings.lr()));
        s.put("reg noise σp", DeepPrior.regNoiseLabel(settings.regNoise()));
        s.put("precision", prior.precision().label() + " on " + Cpu.instructionSet());
        s.put("seed", Long.toString(settings.seed()));
        s.put("threads", Integer.toString(fit.threadCount()));
        s.put("stop", fit.stop(recipe()) == FitOptions.Stop.auto ? "auto (window " + fit.stopWindow + ", patience " + fit.stopPatience + ")" : "fixed");
        s.put("output average decay", Double.toString(settings.averageDecay()));
        s.put("backtracking", settings.backtrackDb() > 0 ? "when the data-term PSNR drops by more than " + settings.backtrackDb() + " dB" : "off");
        Map<String, String> r = FitReport.ordered();
        r.put("output", output.toString());
        if (reference != null) {
            r.put("input vs reference", task.observation().sameShape(reference) ? metrics().describe(task.observation(), reference) : "(other size)");
            r.put("output vs reference", metrics().describe(result.output(), reference));
            r.put("average vs reference", metrics().describe(result.average(), reference));
        }
        r.put("iterations run", result.iterations() + (result.autoStopped() ? " (stopped automatically; output from iteration "
                + result.outputIteration() + ")" : ""));
        r.put("roll-backs", Integer.toString(result.backtracks()));
        r.put("wall time", ProgressDisplay.duration(result.seconds()) + String.format(" (%.3f s/iteration)",
                result.seconds() / Math.max(1, result.iterations())));
        pageData.write(report, task.name() + ": " + input.getFileName(), images, s, r);
        if (!fit.quiet) {
            System.err.println("wrote report " + report.resolve(FitReport.PAGE));
        }
    }

    /** The input as shown in the comparison figure: at the output's size. */
    Image shownInput(Task task) { return task.initialGuess(); }

    private String baseName() { return output.getFileName().toString().replaceAll("(?i)\\.png$", ""); }

    /** Ctrl-C: keep what was done, next to the requested output, never in its place. */
    private void writeInterrupted(FitResult result) {
        String base = baseName();
        Path dir = OutputPaths.parentOf(output);
        Path out = dir.resolve(base + ".interrupted.png");
        Path avg = dir.resolve(base + ".interrupted-average.png");
        ImageFiles.write(result.output(), out, fit.bitDepth);
        ImageFiles.write(result.average(), avg, fit.bitDepth);
        System.err.printf("dip: interrupted after %d of %d iterations; wrote %s, %s and %s (continue with --resume %s)%n",
                result.iterations(), fit.iterations == null ? recipe().iterations() : fit.iterations, out, avg,
                dir.resolve(base + ".ckpt"), dir.resolve(base + ".ckpt"));
    }

    private FitResult run(Fitter fitter, Task task, Prior prior, FitSettings settings, Image reference, FitReport pageData) {
        List<FitListener> listeners = new ArrayList<>();
        if (pageData != null) {
            listeners.add(pageData);
        }
        try (ProgressDisplay display = ProgressDisplay.create(task.name(), settings.iterations(), fit.quiet);
             CsvLog log = fit.log == null ? null
                     : fit.resume != null ? CsvLog.resume(fit.log, fit.logEvery()) : CsvLog.start(fit.log, fit.logEvery())) {
            listeners.add(display);
            if (log != null) {
                listeners.add(log);
            }
            if (fit.snapshots != null) {
                listeners.add(new Snapshots(fit.snapshots, fit.saveEvery, fit.bitDepth));
            }
            return fitter.fit(task, prior, settings, reference, FitListener.all(listeners.toArray(FitListener[]::new)));
        }
    }
}
