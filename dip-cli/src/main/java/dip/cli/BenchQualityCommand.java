package dip.cli;

import dip.app.Durations;
import dip.app.ExitCode;
import dip.app.PrecisionOption;
import dip.app.UserError;
import dip.bench.BenchInputException;
import dip.bench.BenchTask;
import dip.bench.ImageResult;
import dip.bench.QualityBenchmark;
import dip.bench.QualityConfig;
import dip.bench.QualityListener;
import dip.engine.Engine;
import dip.fit.LrSchedule;
import dip.net.NetPresets;
import dip.task.SuperResolve;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** ./dip bench quality: one of the paper's PSNR tables, reproduced on a benchmark folder. */
@Command(name = "quality", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Reproduce one of the paper's PSNR tables on a benchmark folder.",
                "Fits every image with the task's recipe, measures PSNR (the paper's protocol) and SSIM, and sets them "
                        + "beside published.csv (found in DIR or a folder above). Writes results.csv, results.md and the "
                        + "restored images to --out; images already in results.csv with the same settings are not fitted "
                        + "again, so an interrupted run resumes.",
                "Tasks: sr4, sr8 (NAME_GT.png or plain HR images; Y-PSNR shaved 4/5 px; bicubic too); "
                        + "denoise (NAME_GT.png + NAME_noisy.png; 1800 iterations as in the paper's colour table; final and "
                        + "averaged output); inpaint (NAME_GT.png + NAME_masked.png, 0 = hole; the 50%%-pixels recipe: "
                        + "lr 0.001, 11000 iterations)."})
public final class BenchQualityCommand implements Callable<Integer> {
    @Option(names = "--task", required = true, paramLabel = "TASK", description = "sr4, sr8, denoise or inpaint.")
    String task;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "Benchmark folder, e.g. shared/data/bench/sr/Set5/x4.")
    Path data;

    @Option(names = "--images", split = ",", paramLabel = "NAME", description = "Only these images, in this order (default: all).")
    List<String> images;

    @Option(names = "--iterations", paramLabel = "N", description = "Override the recipe's iterations.")
    Integer iterations;

    @Option(names = "--lr-schedule", paramLabel = "S", description = "constant or cosine (default: the recipe's, constant).")
    String lrSchedule;

    @Option(names = "--runs", paramLabel = "N", description = "Fit every image N times with seeds S, S+1, ... and score "
            + "the mean of the outputs (--recipe best of the other commands is 2) (default: 1).")
    Integer runs;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: bench-out/quality-TASK).")
    Path out;

    @Option(names = "--centre-crop", paramLabel = "N", description = "Evaluate on the NxN centre crop of every image (quick; not the paper's protocol).")
    Integer centreCrop;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "T", description = "CPU threads (default: all cores).")
    Integer threads;

    @Mixin
    PrecisionOption precision;

    @Option(names = "--net", paramLabel = "NAME", description = "Net preset (default: the task's, skip).")
    String net;

    @Option(names = "--downscaler", paramLabel = "KERNEL", description = {"sr4, sr8: how the LR inputs are made from the"
            + " cropped HR, in 8 bits: bicubic (MATLAB imresize, antialiased: the SR benchmarks' inputs, which the"
            + " paper's bicubic column matches) or lanczos3 (PIL ANTIALIAS, the authors' notebook) (default: ${DEFAULT-VALUE})."},
            defaultValue = "lanczos3")
    String downscaler;

    @Override
    public Integer call() {
        QualityConfig cfg = config();
        PrintStream err = System.err;
        QualityBenchmark.Outcome outcome;
        try {
            outcome = QualityBenchmark.run(cfg, new Printer(err));
        } catch (BenchInputException e) {
            throw BenchErrors.toUserError(e);
        }
        System.out.print(outcome.markdown());
        err.printf("%d fitted, %d reused from %s; wrote %s%n", outcome.fitted(), outcome.reused(), outcome.csv(),
                outcome.markdownFile());
        return ExitCode.OK;
    }

    private QualityConfig config() {
        BenchTask t;
        try {
            t = BenchTask.byName(task);
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCode.USAGE, "--task: " + e.getMessage());
        }
        if (net != null && !NetPresets.names().contains(net)) {
            throw new UserError(ExitCode.USAGE, "unknown net '" + net + "'; choose one of " + String.join(", ", NetPresets.names()));
        }
        try {
            return new QualityConfig(t, data, images, iterations, out, centreCrop, seed,
                    threads == null ? Engine.defaultThreads() : threads, net, null, precision.resolve(),
                    lrSchedule == null ? null : LrSchedule.byKey(lrSchedule), runs, SuperResolve.Downscaler.parse(downscaler));
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCode.USAGE, e.getMessage());
        }
    }

    /** Progress on stderr: one line per image, then a line every few seconds with the ETA of the whole run. */
    private static final class Printer implements QualityListener {
        private final PrintStream err;
        private final ProgressLines lines = new ProgressLines();

        Printer(PrintStream err) { this.err = err; }

        @Override
        public void onNote(String message) { err.println(message); }

        @Override
        public void onImageStart(int index, int count, String image, boolean reused) {
            err.printf("image %d of %d: %s%s%n", index, count, image, reused ? " (already in results.csv, not fitted again)" : "");
            lines.restart();
        }

        @Override
        public void onIteration(ImageProgress p) {
            if (!lines.due(p.iteration(), p.iterations())) {
                return;
            }
            err.printf(Locale.ROOT, "  %s: iteration %d/%d, loss %.5f, %.2f s/iteration, ETA %s%n", p.image(), p.iteration(),
                    p.iterations(), p.loss(), p.imageSeconds() / p.iteration(),
                    Double.isNaN(p.etaSeconds()) ? "?" : Durations.format(p.etaSeconds()));
        }

        @Override
        public void onImageDone(ImageResult r, boolean reused) {
            StringBuilder sb = new StringBuilder("  " + r.image() + ":");
            r.psnr().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                    .forEach(e -> sb.append(String.format(Locale.ROOT, " PSNR %s %.2f", e.getKey(), e.getValue())));
            err.println(sb);
        }
    }
}
