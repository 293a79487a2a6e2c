package dip.app;

import dip.engine.Engine;
import dip.fit.LrSchedule;
import dip.fit.Recipe;
import dip.fit.ResultImage;
import dip.fit.VarianceStop;
import dip.restore.RestoreConfig;
import dip.restore.StopRule;
import dip.restore.TiledRestorer;
import dip.task.TaskSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The fit's options every restoration task shares: the recipe and its overrides, seed, threads, stop rule, tiles, and how
 * results are written. Task-specific defaults come from the recipe. (The files of one fit, --log, --snapshots,
 * --checkpoint-every, --resume and --reference, are the CLI's.)
 */
public final class FitOptions {
    /** Far above any useful rate (the paper's are 0.001 to 0.1); libtorch's Adam overflows float near 1e38. */
    static final double MAX_LR = 10;

    @Mixin
    OverwriteOption overwrite;

    /** --force. */
    public boolean force() { return overwrite.force; }

    @Option(names = "--iterations", paramLabel = "N", description = "Adam iterations (task default if omitted).")
    Integer iterations;

    @Option(names = "--recipe", paramLabel = "NAME", defaultValue = "fast",
            description = "fast (dip's defaults: for denoising, x4 and x8 super-resolution and inpainting a 64-channel net, see "
                    + "docs/DESIGN.md), paper (the paper's net and recipe for every task) or best (the paper's recipe "
                    + "fitted twice with seeds S and S+1, the results averaged: twice the work, both fits at once with 2+ threads) (default: ${DEFAULT-VALUE}).")
    String recipe;

    @Option(names = "--lr", paramLabel = "RATE", description = "Adam learning rate (task default if omitted).")
    Double lr;

    @Option(names = "--runs", paramLabel = "N", description = "Fit N times with seeds S, S+1, ... and average the "
            + "outputs (and the averages): N times the time (default: the recipe's; best: 2, else 1).")
    Integer runs;

    @Option(names = "--lr-schedule", paramLabel = "S", description = "constant: the same learning rate throughout; cosine: "
            + "from --lr down to nearly 0 at the last of --iterations along half a cosine (task default if omitted).")
    String lrSchedule;

    @Option(names = "--result", paramLabel = "IMAGE", description = "The image OUTPUT holds: output (the net's last "
            + "output, or the one at the automatic stop) or average (the running average of the outputs) (default: the "
            + "recipe's: average for the fast recipes of inpainting, output otherwise).")
    String result;

    @Option(names = "--reg-noise", paramLabel = "SIGMA", description = "Std of the fresh noise added to z at each iteration (task default if omitted).")
    Double regNoise;

    @Option(names = "--reg-noise-warmup", paramLabel = "N", description = "Perturb z with half of --reg-noise for the "
            + "first N iterations (0: none; task default if omitted).")
    Integer regNoiseWarmup;

    @Option(names = "--seed", defaultValue = "0", description = "Random seed: weights, z and perturbations (default: ${DEFAULT-VALUE}). A CPU run with the same seed and threads is bit-for-bit repeatable.")
    long seed;

    /** --seed. */
    public long seed() { return seed; }

    @Option(names = "--threads", paramLabel = "T", description = "CPU threads (default: all cores).")
    Integer threads;

    /** --threads, or null when not given. */
    public Integer threads() { return threads; }

    enum Stop { fixed, auto }

    @Option(names = "--stop", paramLabel = "RULE", description = "fixed: run all iterations; auto: stop when the variance of recent outputs "
            + "(window --stop-window) has not reached a new minimum for --stop-patience iterations (ES-WMV; no ground truth needed; "
            + "minima count from iteration 3 × --stop-window on, after the net's first outputs): "
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

    /** --bit-depth. */
    public int bitDepth() { return bitDepth; }

    @Option(names = {"-q", "--quiet"}, description = "No progress display.")
    boolean quiet;

    /** -q. */
    public boolean quiet() { return quiet; }

    /** The stop rule: --stop (with --stop-window and --stop-patience), or the recipe's. */
    StopRule stopRule(Recipe recipe) {
        boolean auto = stop != null ? stop == Stop.auto : recipe.autoStop();
        return auto ? StopRule.auto(stopWindow, stopPatience) : StopRule.fixed();
    }

    /** The task's recipe of the family --recipe names. */
    public Recipe recipe(TaskSpec spec) { return recipe(spec.kind(), spec.factor()); }

    private Recipe recipe(TaskSpec.Kind kind, int factor) {
        try {
            return RestoreConfig.recipe(kind, factor, Recipe.Family.byKey(recipe));
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCode.USAGE, "--recipe: " + e.getMessage());
        }
    }

    /** Sets the recipe and this command line's overrides of it, the seed, threads and stop rule on a config. */
    public void configure(RestoreConfig.Builder b, Recipe recipe) {
        b.recipe(recipe).seed(seed).threads(threadCount()).stop(stopRule(recipe));
        if (iterations != null) {
            b.iterations(iterations);
        }
        if (lr != null) {
            b.lr(lr);
        }
        if (lrSchedule != null) {
            b.lrSchedule(LrSchedule.byKey(lrSchedule));
        }
        if (runs != null) {
            b.runs(runs);
        }
        if (regNoise != null) {
            b.regNoise(regNoise);
        }
        if (regNoiseWarmup != null) {
            b.regNoiseWarmup(regNoiseWarmup);
        }
        if (result != null) {
            b.result(ResultImage.byKey(result));
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
    public TiledRestorer.Tiling tiling() {
        if (tile == null) {
            return null;
        }
        return TiledRestorer.Tiling.of(tile, overlap);
    }

    /** Checks the values. @throws UserError (exit code 2) for a bad one */
    public void validate() {
        recipe(TaskSpec.Kind.DENOISE, 1); // checks --recipe's name
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
        if (runs != null && runs < 1) {
            throw new UserError(ExitCode.USAGE, "--runs must be at least 1, got " + runs);
        }
        if (lrSchedule != null) {
            try {
                LrSchedule.byKey(lrSchedule);
            } catch (IllegalArgumentException e) {
                throw new UserError(ExitCode.USAGE, "--lr-schedule: " + e.getMessage());
            }
        }
        if (result != null) {
            try {
                ResultImage.byKey(result);
            } catch (IllegalArgumentException e) {
                throw new UserError(ExitCode.USAGE, "--result: " + e.getMessage());
            }
        }
        if (regNoise != null && !(regNoise >= 0)) {
            throw new UserError(ExitCode.USAGE, "--reg-noise must be zero or positive, got " + regNoise);
        }
        if (regNoiseWarmup != null && regNoiseWarmup < 0) {
            throw new UserError(ExitCode.USAGE, "--reg-noise-warmup must be zero or more iterations, got " + regNoiseWarmup);
        }
        if (bitDepth != 8 && bitDepth != 16) {
            throw new UserError(ExitCode.USAGE, "--bit-depth must be 8 or 16, got " + bitDepth);
        }
        if (stopWindow < 2 || stopPatience < 1) {
            throw new UserError(ExitCode.USAGE, "--stop-window must be at least 2 and --stop-patience at least 1");
        }
        threadCount();
    }
}
