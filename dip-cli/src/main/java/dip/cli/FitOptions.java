package dip.cli;

import dip.engine.Engine;
import dip.fit.VarianceStop;
import dip.restore.RestoreConfig;
import dip.restore.StopRule;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every fitting command shares. Task-specific defaults are filled in by the command. */
public final class FitOptions {
    /** Far above any useful rate (the paper's are 0.001 to 0.1); libtorch's Adam overflows float near 1e38. */
    static final double MAX_LR = 10;

    @picocli.CommandLine.Mixin
    OverwriteOption overwrite;

    boolean force() { return overwrite.force; }

    @Option(names = "--iterations", paramLabel = "N", description = "Adam iterations (task default if omitted).")
    Integer iterations;

    @Option(names = "--recipe", paramLabel = "NAME", defaultValue = "fast",
            description = "fast (dip's defaults: for denoising a 64-channel net, see the README's speed section) or paper "
                    + "(the paper's net and recipe for every task) (default: ${DEFAULT-VALUE}).")
    String recipe;

    @Option(names = "--lr", paramLabel = "RATE", description = "Adam learning rate (task default if omitted).")
    Double lr;

    @Option(names = "--reg-noise", paramLabel = "SIGMA", description = "Std of the fresh noise added to z at each iteration (task default if omitted).")
    Double regNoise;

    @Option(names = "--seed", defaultValue = "0", description = "Random seed: weights, z and perturbations (default: ${DEFAULT-VALUE}). A CPU run with the same seed and threads is bit-for-bit repeatable.")
    long seed;

    @Option(names = "--threads", paramLabel = "T", description = "CPU threads (default: all cores).")
    Integer threads;

    @Option(names = "--reference", paramLabel = "GT", description = "Ground truth: logs PSNR of the output and of the average against it.")
    Path reference;

    @Option(names = "--log", paramLabel = "CSV", description = "Write iteration, loss and PSNRs to this CSV file as the fit goes "
            + "(flushed every 2 s: follow it with tail -f); a --resume fit appends to it.")
    Path log;

    @Option(names = "--log-every", paramLabel = "N", description = "Write a --log row every N iterations, and the last one (default: 1).")
    Integer logEvery;

    /** Iterations between --log rows: --log-every, or 1. */
    int logEvery() { return logEvery == null ? 1 : logEvery; }

    @Option(names = "--save-every", paramLabel = "N", description = "Write the output and average every N iterations (needs --snapshots).")
    Integer saveEvery;

    @Option(names = "--snapshots", paramLabel = "DIR", description = "Directory for --save-every snapshots.")
    Path snapshots;

    @Option(names = "--checkpoint-every", paramLabel = "N", description = "Save a checkpoint (OUTPUT.ckpt) every N iterations; one is always saved on Ctrl-C.")
    Integer checkpointEvery;

    @Option(names = "--resume", paramLabel = "CKPT", description = "Continue the fit saved in CKPT (same input, options and seed); a seeded CPU run ends bit for bit as if never stopped.")
    Path resume;

    enum Stop { fixed, auto }

    @Option(names = "--stop", paramLabel = "RULE", description = "fixed: run all iterations; auto: stop when the variance of recent outputs "
            + "(window --stop-window) has not reached a new minimum for --stop-patience iterations (ES-WMV; no ground truth needed): "
            + "OUTPUT is the output at that minimum, --output-average the average at the stop "
            + "(default: auto for denoise and jpeg, fixed for the other tasks).")
    Stop stop;

    @Option(names = "--stop-window", paramLabel = "W", defaultValue = "" + VarianceStop.DEFAULT_WINDOW, description = "Window of --stop auto (default: ${DEFAULT-VALUE}).")
    int stopWindow;

    @Option(names = "--stop-patience", paramLabel = "P", defaultValue = "" + VarianceStop.DEFAULT_PATIENCE, description = "Patience of --stop auto (default: ${DEFAULT-VALUE}).")
    int stopPatience;

    @Option(names = "--tile", paramLabel = "N", description = "Restore the image in overlapping tiles of N×N pixels (of the "
            + "low-resolution input for super-resolution), each fitted on its own and blended without seams: memory stays "
            + "that of one tile's fit. Without it, an image too large for memory is tiled automatically.")
    Integer tile;

    @Option(names = "--overlap", paramLabel = "M", description = "Overlap of neighbouring tiles in pixels (default: N/8).")
    Integer overlap;

    @Option(names = "--bit-depth", defaultValue = "8", description = "PNG bit depth of written images: 8 or 16 (default: ${DEFAULT-VALUE}).")
    int bitDepth;

    @Option(names = {"-q", "--quiet"}, description = "No progress display.")
    boolean quiet;

    /** The stop rule: --stop (with --stop-window and --stop-patience), or the recipe's. */
    StopRule stopRule(dip.fit.Recipe recipe) {
        boolean auto = stop != null ? stop == Stop.auto : recipe.autoStop();
        return auto ? StopRule.auto(stopWindow, stopPatience) : StopRule.fixed();
    }

    /** The task's recipe of the family --recipe names. */
    dip.fit.Recipe recipe(dip.task.TaskSpec spec) { return recipe(spec.kind(), spec.factor()); }

    private dip.fit.Recipe recipe(dip.task.TaskSpec.Kind kind, int factor) {
        try {
            return RestoreConfig.recipe(kind, factor, dip.fit.Recipe.Family.byKey(recipe));
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCode.USAGE, "--recipe: " + e.getMessage());
        }
    }

    /** Sets the recipe and this command line's overrides of it, the seed, threads and stop rule on a config. */
    void configure(RestoreConfig.Builder b, dip.fit.Recipe recipe) {
        b.recipe(recipe).seed(seed).threads(threadCount()).stop(stopRule(recipe));
        if (iterations != null) {
            b.iterations(iterations);
        }
        if (lr != null) {
            b.lr(lr);
        }
        if (regNoise != null) {
            b.regNoise(regNoise);
        }
    }

    int threadCount() {
        int t = threads == null ? Engine.defaultThreads() : threads;
        if (t < 1) {
            throw new UserError(ExitCode.USAGE, "--threads must be at least 1, got " + t);
        }
        return t;
    }

    /** The tiling asked for with --tile/--overlap, or null. */
    dip.restore.TiledRestorer.Tiling tiling() {
        if (tile == null) {
            return null;
        }
        return new dip.restore.TiledRestorer.Tiling(tile, overlap != null ? overlap : tile / 8);
    }

    void validate() {
        recipe(dip.task.TaskSpec.Kind.DENOISE, 1); // checks --recipe's name
        if (overlap != null && tile == null) {
            throw new UserError(ExitCode.USAGE, "--overlap goes with --tile");
        }
        if (tile != null) {
            try {
                tiling();
            } catch (IllegalArgumentException e) {
                throw new UserError(ExitCode.USAGE, "--tile/--overlap: " + e.getMessage());
            }
        }
        if (iterations != null && iterations < 1) {
            throw new UserError(ExitCode.USAGE, "--iterations must be at least 1, got " + iterations);
        }
        if (lr != null && !(lr > 0 && lr <= MAX_LR)) {
            throw new UserError(ExitCode.USAGE, "--lr must be positive and at most " + MAX_LR + ", got " + lr);
        }
        if (regNoise != null && !(regNoise >= 0)) {
            throw new UserError(ExitCode.USAGE, "--reg-noise must be zero or positive, got " + regNoise);
        }
        if (bitDepth != 8 && bitDepth != 16) {
            throw new UserError(ExitCode.USAGE, "--bit-depth must be 8 or 16, got " + bitDepth);
        }
        if ((saveEvery == null) != (snapshots == null)) {
            throw new UserError(ExitCode.USAGE, "--save-every and --snapshots go together");
        }
        if (saveEvery != null && saveEvery < 1) {
            throw new UserError(ExitCode.USAGE, "--save-every must be at least 1, got " + saveEvery);
        }
        if (logEvery != null && log == null) {
            throw new UserError(ExitCode.USAGE, "--log-every needs --log");
        }
        if (logEvery != null && logEvery < 1) {
            throw new UserError(ExitCode.USAGE, "--log-every must be at least 1, got " + logEvery);
        }
        if (checkpointEvery != null && checkpointEvery < 1) {
            throw new UserError(ExitCode.USAGE, "--checkpoint-every must be at least 1, got " + checkpointEvery);
        }
        if (stopWindow < 2 || stopPatience < 1) {
            throw new UserError(ExitCode.USAGE, "--stop-window must be at least 2 and --stop-patience at least 1");
        }
        threadCount();
    }
}
