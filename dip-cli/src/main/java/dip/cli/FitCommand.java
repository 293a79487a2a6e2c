package dip.cli;

import dip.fit.Recipe;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What every restoration command does: check outputs before starting, read the input, build the task
 * and the prior, fit with progress/log/snapshots, write the results atomically, report the metrics.
 */
abstract class FitCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "INPUT", description = "The degraded image (PNG, JPEG, BMP, TIFF; grey or RGB).")
    Path input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUTPUT", description = "Restored image (PNG): the final output.")
    Path output;

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
        for (Path p : new Path[] {output, outputAverage, comparison}) {
            if (p != null) {
                OutputPaths.checkImage(p, input, fit.reference);
            }
        }
        if (fit.log != null) {
            OutputPaths.checkFile(fit.log, input, fit.reference);
        }
        if (fit.snapshots != null) {
            OutputPaths.checkDirectory(fit.snapshots, fit.snapshots);
        }
        ImageFiles.ReadResult read = ImageFiles.read(input);
        read.warnings().forEach(w -> System.err.println("dip: warning: " + w));
        Image reference = fit.reference == null ? null : ImageFiles.read(fit.reference).image();

        Engine.init(fit.threadCount());
        Task task = task(read.image());
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
            System.err.printf("%s: %s (%s) with %s, %d iterations, lr %s, %d threads%n", task.name(), input,
                    read.image().shape(), prior.describe(), settings.iterations(), settings.lr(), fit.threadCount());
            if (reference != null && task.observation().sameShape(reference)) {
                System.err.printf("input against the reference: %s%n", metrics().describe(task.observation(), reference));
            }
        }
        Path checkpoint = OutputPaths.parentOf(output).resolve(baseName() + ".ckpt");
        Fitter fitter = new Fitter().withCheckpoints(checkpoint, fit.checkpointEvery == null ? 0 : fit.checkpointEvery);
        if (fit.resume != null) {
            fitter.resumeFrom(fit.resume);
        }
        if (fit.stop == FitOptions.Stop.auto) {
            fitter.withAutoStop(new VarianceStop(fit.stopWindow, fit.stopPatience));
        }
        Interrupts interrupts = Interrupts.install(fitter);
        FitResult result;
        try {
            result = run(fitter, task, prior, settings, reference);
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
        if (!fit.quiet) {
            System.err.printf("done: %d iterations in %s (%.3f s/iteration)%s%n", result.iterations(),
                    ProgressDisplay.duration(result.seconds()), result.seconds() / Math.max(1, result.iterations()),
                    fit.stop == FitOptions.Stop.auto ? String.format("; %s, output from iteration %d",
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

    private FitResult run(Fitter fitter, Task task, Prior prior, FitSettings settings, Image reference) {
        List<FitListener> listeners = new ArrayList<>();
        try (ProgressDisplay display = ProgressDisplay.create(task.name(), settings.iterations(), fit.quiet);
             CsvLog log = fit.log == null ? null : new CsvLog(fit.log)) {
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
