package dip.fit;

/**
 * A task's defaults from the paper (DIP.md): iterations, learning rate, σp, the net preset, the TV weight
 * used when the TV prior is asked for, whether the fit stops by itself ({@link VarianceStop}) or runs
 * every iteration, and which image it delivers. Settings are per task, never per image.
 */
public record Recipe(int iterations, double lr, double regNoise, String preset, double tvWeight, boolean autoStop,
                     LrSchedule schedule, int runs, int regNoiseWarmup, ResultImage result) {
    /** A recipe of one fit with a constant learning rate and σp from the start, delivering the output (the paper's way). */
    public Recipe(int iterations, double lr, double regNoise, String preset, double tvWeight, boolean autoStop) {
        this(iterations, lr, regNoise, preset, tvWeight, autoStop, LrSchedule.CONSTANT, 1, 0, ResultImage.OUTPUT);
    }

    /**
     * Which defaults: {@code fast}, dip's (a cheaper net and recipe where one was measured to keep the paper's
     * quality in a fraction of its time, chosen on held-out images; the paper's recipe for the other tasks), or
     * {@code paper}, the paper's net and recipe for every task, or {@code best}, the paper's recipe fitted
     * {@link #BEST_RUNS} times with successive seeds and the results averaged (that many times the paper's time).
     */
    public enum Family {
        FAST, PAPER, BEST;

        /** The name on the command line and in provenance: "fast", "paper" or "best". */
        public String key() { return name().toLowerCase(java.util.Locale.ROOT); }

        /** The family called {@code key}; an {@link IllegalArgumentException} naming the valid ones otherwise. */
        public static Family byKey(String key) {
            for (Family f : values()) {
                if (f.key().equals(key)) {
                    return f;
                }
            }
            throw new IllegalArgumentException("unknown recipe '" + key + "'; choose fast, paper or best");
        }
    }

    /**
     * Denoising and JPEG clean-up fit the noise once the image is fitted, at an iteration that depends on the
     * image and the noise level (σ50 peaks in a few hundred iterations, σ25 in over a thousand): they stop by
     * themselves by default. The other tasks fit a data term without noise to fit and run their count.
     */
    public static final Recipe DENOISE = new Recipe(3000, 0.01, 1.0 / 30, "skip", 0.02, true);
    /**
     * dip's default for denoising ({@link Family#FAST}): the paper's recipe on the skip hourglass with 64 channels
     * per level ("skip-64", a quarter of the multiply-adds), stopping by itself; chosen on held-out images (not the
     * benchmark's), see docs/DESIGN.md for the measurements. A σp warm-up (--reg-noise-warmup) was measured and not
     * taken: +0.08 dB at σ25, about −1 dB at σ50, whose automatic stop then comes inside the warm-up.
     */
    public static final Recipe DENOISE_FAST = DENOISE.withPreset("skip-64");
    public static final Recipe JPEG = new Recipe(2400, 0.01, 1.0 / 30, "jpeg", 0.02, true);
    public static final Recipe INPAINT = new Recipe(5000, 0.01, 0.03, "skip", 0.02, false);
    public static final Recipe RESTORE_PIXELS = new Recipe(11000, 0.001, 0.03, "skip", 0.02, false);
    /**
     * dip's default for inpainting with a mask ({@link Family#FAST}): the paper's recipe on {@code skip-64} for 4000
     * iterations, delivering the running average of the outputs. Chosen on four held-out 128² crops (kate, library,
     * vase, zebra) under a text mask: 0.20 dB above the paper's recipe's output on average (per image −0.38 to
     * +0.48) in 2.30× less time; see docs/DESIGN.md.
     */
    public static final Recipe INPAINT_FAST = INPAINT.withPreset("skip-64").withIterations(4000).withResult(ResultImage.AVERAGE);
    /**
     * dip's default for randomly missing pixels ({@link Family#FAST}): {@code skip-64} at lr 0.002 for 8000 iterations,
     * delivering the running average of the outputs. Chosen on four held-out 128² grey crops (kate, library, vase, zebra;
     * not the table's images), half of the pixels dropped: 0.14 dB under the paper's recipe's output on average (per
     * image −0.27 to +0.06) in 2.56× less time; see docs/DESIGN.md.
     */
    public static final Recipe RESTORE_PIXELS_FAST = RESTORE_PIXELS.withPreset("skip-64").withLr(0.002).withIterations(8000)
            .withResult(ResultImage.AVERAGE);

    /**
     * dip's default for ×4 super-resolution ({@link Family#FAST}): the paper's ×4 recipe on {@code skip-64}. Chosen on
     * four held-out 256² crops (F16, kate, library, zebra; not Set5): 0.07 dB under the paper's net on average (per
     * image −0.34 to +0.34) in 2.28× less time; see docs/DESIGN.md.
     */
    public static final Recipe SUPER_RESOLUTION_4_FAST = superResolution(4).withPreset("skip-64");
    /**
     * dip's default for ×8 super-resolution ({@link Family#FAST}): the paper's ×8 recipe on {@code skip-64}, chosen on
     * the same four held-out 256² crops as ×4: 0.02 dB under the paper's net on average (per image −0.22 to +0.21)
     * in 2.35× less time; see docs/DESIGN.md.
     */
    public static final Recipe SUPER_RESOLUTION_8_FAST = superResolution(8).withPreset("skip-64");

    /**
     * Fits of {@link Family#BEST}: two, with seeds s and s + 1. On Set5's head ×4 (the paper's recipe, bf16) one fit
     * gives 30.70 dB (seed 0) or 30.62 (seed 1), their mean 31.34, the paper's 31.04; see docs/quality/README.md.
     */
    public static final int BEST_RUNS = 2;

    public static Recipe superResolution(int factor) {
        return factor >= 8 ? new Recipe(4000, 0.01, 0.05, "skip", 0.005, false)
                : new Recipe(2000, 0.01, 0.03, "skip", 0.005, false);
    }

    /** The fit settings of this recipe with the given seed (averaging 0.99, backtracking at 5 dB). */
    public FitSettings settings(long seed) {
        return new FitSettings(iterations, lr, regNoise, seed, 0.99, 5.0, 1, schedule, regNoiseWarmup);
    }

    public Recipe withIterations(int n) { return new Recipe(n, lr, regNoise, preset, tvWeight, autoStop, schedule, runs, regNoiseWarmup, result); }

    public Recipe withLr(double v) { return new Recipe(iterations, v, regNoise, preset, tvWeight, autoStop, schedule, runs, regNoiseWarmup, result); }

    public Recipe withPreset(String p) { return new Recipe(iterations, lr, regNoise, p, tvWeight, autoStop, schedule, runs, regNoiseWarmup, result); }

    public Recipe withSchedule(LrSchedule v) { return new Recipe(iterations, lr, regNoise, preset, tvWeight, autoStop, v, runs, regNoiseWarmup, result); }

    /** This recipe fitted {@code n} times with successive seeds, the results averaged. */
    public Recipe withRuns(int n) { return new Recipe(iterations, lr, regNoise, preset, tvWeight, autoStop, schedule, n, regNoiseWarmup, result); }

    /** This recipe delivering {@code v}. */
    public Recipe withResult(ResultImage v) { return new Recipe(iterations, lr, regNoise, preset, tvWeight, autoStop, schedule, runs, regNoiseWarmup, v); }
}
