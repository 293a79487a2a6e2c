package dip.restore;

import dip.engine.Engine;
import dip.engine.Precision;
import dip.fit.FitSettings;
import dip.fit.LrSchedule;
import dip.fit.Recipe;
import dip.fit.ResultImage;
import dip.image.Image;
import dip.task.TaskSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything one restoration needs, validated and immutable: the task and its inputs, the recipe's values
 * (iterations, learning rate, σp, averaging, backtracking), the seed, threads and precision, the prior and its
 * net, the stop rule and checkpointing. Build one with {@link #builder(TaskSpec)}, which starts from the task's
 * defaults (the paper's recipe, the CLI's defaults); run it with a {@link Restorer}.
 *
 * @param task            what to restore
 * @param iterations      Adam steps (at most, with an automatic stop)
 * @param lr              Adam's learning rate
 * @param regNoise        σp of the per-iteration perturbation of z
 * @param averageDecay    the output average: avg ← d·avg + (1−d)·x
 * @param backtrackDb     roll back to the last good weights on a data-term PSNR drop above this (≤ 0: off)
 * @param seed            seeds the weights, z, the perturbations and any simulated degradation
 * @param threads         CPU threads
 * @param precision       the number format the net computes in (as this CPU runs it)
 * @param prior           dip, tv or none
 * @param tvWeight        λ of the TV prior
 * @param net             the generator of the deep image prior
 * @param stop            fixed count or the automatic stop
 * @param checkpoint      file for checkpoints, or null
 * @param checkpointEvery iterations between checkpoints (0: only when stopped by {@link Restorer#requestStop()})
 * @param resume          a checkpoint to continue, or null
 * @param reference       ground truth at the output size for PSNR during the fit and at the end, or null
 * @param evaluateEvery   iterations between PSNR evaluations against the reference
 * @param inputs          the files the inputs were read from, hashed (for provenance; may be empty)
 * @param lrSchedule      how the learning rate moves over the iterations
 * @param runs            fits with seeds seed, seed + 1, …, whose outputs (and averages) are averaged (1: one fit); more
 *                        than one is not checkpointed (no periodic checkpoints, no resume)
 * @param regNoiseWarmup  iterations at the start during which σp is halved (0: none)
 * @param result          the image the restoration delivers: the last output (or the automatic stop's), or the
 *                        running average of the outputs
 */
public record RestoreConfig(TaskSpec task, int iterations, double lr, double regNoise, double averageDecay,
                            double backtrackDb, long seed, int threads, Precision precision, PriorKind prior,
                            double tvWeight, NetSpec net, StopRule stop, Path checkpoint, int checkpointEvery,
                            Path resume, Image reference, int evaluateEvery, List<InputFile> inputs,
                            LrSchedule lrSchedule, int runs, int regNoiseWarmup, ResultImage result) {
    /** Validates every value; a bad one is an {@link IllegalArgumentException} naming it. */
    public RestoreConfig {
        if (task == null || precision == null || prior == null || net == null || stop == null || lrSchedule == null
                || result == null) {
            throw new IllegalArgumentException("task, precision, prior, net, stop rule, learning-rate schedule and result are required");
        }
        // validates those
        settings(iterations, lr, regNoise, seed, averageDecay, backtrackDb, evaluateEvery, lrSchedule, regNoiseWarmup);
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be at least 1, got " + runs);
        }
        if (runs > 1 && (checkpointEvery > 0 || resume != null)) {
            throw new IllegalArgumentException("checkpoints and resuming take one run, not " + runs + " (runs > 1 are not checkpointed)");
        }
        if (!(tvWeight >= 0)) {
            throw new IllegalArgumentException("the TV weight must be zero or positive, got " + tvWeight);
        }
        if (checkpointEvery < 0 || checkpointEvery > 0 && checkpoint == null) {
            throw new IllegalArgumentException("checkpoints need a file and a non-negative interval");
        }
        if (reference != null && (reference.channels() != task.outputChannels() || reference.height() != task.outputHeight()
                || reference.width() != task.outputWidth())) {
            throw new IllegalArgumentException("the reference is " + reference.shape() + " but the result will be "
                    + task.outputChannels() + "x" + task.outputHeight() + "x" + task.outputWidth());
        }
        inputs = List.copyOf(inputs);
    }

    /** dip's default recipe for a kind of task ({@link Recipe.Family#FAST}). */
    public static Recipe recipe(TaskSpec task) { return recipe(task, Recipe.Family.FAST); }

    /** The recipe of a family for a task. */
    public static Recipe recipe(TaskSpec task, Recipe.Family family) { return recipe(task.kind(), task.factor(), family); }

    /**
     * The recipe of a family for a kind of task: the paper's (DIP.md; SR depends on the factor), or the fast one,
     * which differs from the paper's where a cheaper net was measured to keep its quality: denoising, ×4 and ×8
     * super-resolution and inpainting (with a mask and of missing pixels).
     */
    public static Recipe recipe(TaskSpec.Kind kind, int factor, Recipe.Family family) {
        if (family == Recipe.Family.BEST) {
            return recipe(kind, factor, Recipe.Family.PAPER).withRuns(Recipe.BEST_RUNS);
        }
        return switch (kind) {
            case DENOISE -> family == Recipe.Family.FAST ? Recipe.DENOISE_FAST : Recipe.DENOISE;
            case JPEG -> Recipe.JPEG;
            case SUPER_RESOLVE -> family != Recipe.Family.FAST ? Recipe.superResolution(factor)
                    : factor == 4 ? Recipe.SUPER_RESOLUTION_4_FAST
                    : factor >= 8 ? Recipe.SUPER_RESOLUTION_8_FAST : Recipe.superResolution(factor);
            case INPAINT -> family == Recipe.Family.FAST ? Recipe.INPAINT_FAST : Recipe.INPAINT;
            case RESTORE_PIXELS -> family == Recipe.Family.FAST ? Recipe.RESTORE_PIXELS_FAST : Recipe.RESTORE_PIXELS;
        };
    }

    /** A builder holding the task's defaults: its fast recipe, seed 0, all cores, {@link Precision#auto()}, DIP. */
    public static Builder builder(TaskSpec task) { return new Builder(task); }

    /** A builder holding every value of this config. */
    public Builder toBuilder() { return new Builder(this); }

    /** The fit's settings. */
    public FitSettings fitSettings() {
        return settings(iterations, lr, regNoise, seed, averageDecay, backtrackDb, evaluateEvery, lrSchedule, regNoiseWarmup);
    }

    private static FitSettings settings(int iterations, double lr, double regNoise, long seed, double averageDecay,
                                        double backtrackDb, int evaluateEvery, LrSchedule lrSchedule, int regNoiseWarmup) {
        return new FitSettings(iterations, lr, regNoise, seed, averageDecay, backtrackDb, evaluateEvery, lrSchedule,
                regNoiseWarmup);
    }

    /** Collects a config's values; {@link #build()} validates them. */
    public static final class Builder {
        private TaskSpec task;
        private int iterations;
        private double lr;
        private LrSchedule lrSchedule = LrSchedule.CONSTANT;
        private int runs = 1;
        private double regNoise;
        private int regNoiseWarmup;
        private ResultImage result = ResultImage.OUTPUT;
        private double averageDecay = 0.99;
        private double backtrackDb = 5.0;
        private long seed;
        private Integer threads;
        private Precision precision;
        private PriorKind prior = PriorKind.DIP;
        private double tvWeight;
        private NetSpec net;
        private String recipePreset;
        private StopRule stop;
        private Path checkpoint;
        private int checkpointEvery;
        private Path resume;
        private Image reference;
        private int evaluateEvery = 1;
        private final List<InputFile> inputs = new ArrayList<>();

        private Builder(TaskSpec task) {
            this.task = task;
            recipe(RestoreConfig.recipe(task));
        }

        private Builder(RestoreConfig c) {
            task = c.task;
            iterations = c.iterations;
            lr = c.lr;
            lrSchedule = c.lrSchedule;
            runs = c.runs;
            regNoise = c.regNoise;
            regNoiseWarmup = c.regNoiseWarmup;
            result = c.result;
            averageDecay = c.averageDecay;
            backtrackDb = c.backtrackDb;
            seed = c.seed;
            threads = c.threads;
            precision = c.precision;
            prior = c.prior;
            tvWeight = c.tvWeight;
            net = c.net;
            stop = c.stop;
            checkpoint = c.checkpoint;
            checkpointEvery = c.checkpointEvery;
            resume = c.resume;
            reference = c.reference;
            evaluateEvery = c.evaluateEvery;
            inputs.addAll(c.inputs);
        }

        /** Another task (the recipe values stay as they are). */
        public Builder task(TaskSpec v) { task = v; return this; }

        /** Takes every value of the task's recipe of this family (see {@link #recipe(Recipe)}). */
        public Builder recipe(Recipe.Family family) { return recipe(RestoreConfig.recipe(task, family)); }

        /**
         * Takes every value of a recipe: iterations, lr and its schedule, σp and its warm-up, net preset (replacing a net
         * given before), TV weight, stop rule, runs and the image delivered.
         */
        public Builder recipe(Recipe r) {
            iterations = r.iterations();
            lr = r.lr();
            lrSchedule = r.schedule();
            runs = r.runs();
            regNoise = r.regNoise();
            regNoiseWarmup = r.regNoiseWarmup();
            net = null; // the recipe's preset, unless a net is given
            recipePreset = r.preset();
            tvWeight = r.tvWeight();
            stop = r.autoStop() ? StopRule.auto() : StopRule.fixed();
            result = r.result();
            return this;
        }

        /** Adam steps. */
        public Builder iterations(int v) { iterations = v; return this; }

        /** Adam's learning rate. */
        public Builder lr(double v) { lr = v; return this; }

        /** How the learning rate moves over the iterations (default: the recipe's). */
        public Builder lrSchedule(LrSchedule v) { lrSchedule = v; return this; }

        /** Fits with successive seeds whose results are averaged (default: the recipe's, 1). */
        public Builder runs(int v) { runs = v; return this; }

        /** σp of the perturbation of z. */
        public Builder regNoise(double v) { regNoise = v; return this; }

        /** Iterations at the start during which σp is halved (default: the recipe's). */
        public Builder regNoiseWarmup(int v) { regNoiseWarmup = v; return this; }

        /** The image delivered: the output or the running average (default: the recipe's). */
        public Builder result(ResultImage v) { result = v; return this; }

        /** Decay of the output average. */
        public Builder averageDecay(double v) { averageDecay = v; return this; }

        /** Backtracking threshold in dB (≤ 0: off). */
        public Builder backtrackDb(double v) { backtrackDb = v; return this; }

        /** The seed. */
        public Builder seed(long v) { seed = v; return this; }

        /** CPU threads (default: all cores). */
        public Builder threads(int v) { threads = v; return this; }

        /** The net's number format (default: {@link Precision#auto()}); bf16 needs bf16 instructions. */
        public Builder precision(Precision v) { precision = v; return this; }

        /** The prior (default: dip). */
        public Builder prior(PriorKind v) { prior = v; return this; }

        /** λ of the TV prior (default: the recipe's). */
        public Builder tvWeight(double v) { tvWeight = v; return this; }

        /** The generator (default: the recipe's preset). */
        public Builder net(NetSpec v) { net = v; return this; }

        /** The stop rule (default: the recipe's). */
        public Builder stop(StopRule v) { stop = v; return this; }

        /** Checkpoints to {@code file} every {@code every} iterations (0: only when stopped early). */
        public Builder checkpoints(Path file, int every) { checkpoint = file; checkpointEvery = every; return this; }

        /** Continues the fit saved in {@code file}. */
        public Builder resume(Path file) { resume = file; return this; }

        /** Ground truth for PSNR during the fit and at the end. */
        public Builder reference(Image v) { reference = v; return this; }

        /** Iterations between PSNR evaluations against the reference (default 1). */
        public Builder evaluateEvery(int v) { evaluateEvery = v; return this; }

        /** Records a file an input was read from, with the SHA-256 of its bytes (role: input, mask, reference). */
        public Builder inputFile(String role, Path file) { inputs.add(InputFile.of(role, file)); return this; }

        /** Records an already hashed input file. */
        public Builder inputFile(InputFile f) { inputs.add(f); return this; }

        /** The config, validated. */
        public RestoreConfig build() {
            return new RestoreConfig(task, iterations, lr, regNoise, averageDecay, backtrackDb, seed,
                    threads != null ? threads : Engine.defaultThreads(), precision != null ? precision : Precision.auto(),
                    prior, tvWeight, net != null ? net : NetSpec.preset(recipePreset), stop, checkpoint, checkpointEvery, resume, reference, evaluateEvery, inputs,
                    lrSchedule, runs, regNoiseWarmup, result);
        }
    }
}
