package dip.fit;

/**
 * How a fit runs. Defaults follow the paper's denoising recipe (DIP.md).
 *
 * @param iterations     Adam steps
 * @param lr             Adam learning rate
 * @param regNoise       σp of the fresh Gaussian perturbation of z at every iteration (0: none)
 * @param seed           the run's seed, as checkpoints record it; the fit does not seed libtorch itself: {@link dip.restore.Restorer}
 *                       seeds it before building the net and z (call {@link dip.engine.Engine#seed} first when assembling by hand)
 * @param averageDecay   exponential average of outputs: avg ← d·avg + (1−d)·x
 * @param backtrackDb    restore the last good weights when the data-term PSNR drops by more than this (≤ 0: off)
 * @param evaluateEvery  iterations between PSNR evaluations against a reference, when one is given
 * @param schedule       how the learning rate moves over the iterations (from {@code lr})
 * @param regNoiseWarmup iterations at the start during which σp is halved (0: none)
 */
public record FitSettings(int iterations, double lr, double regNoise, long seed,
                          double averageDecay, double backtrackDb, int evaluateEvery, LrSchedule schedule,
                          int regNoiseWarmup) {

    /** Settings with a constant learning rate and no σp warm-up. */
    public FitSettings(int iterations, double lr, double regNoise, long seed, double averageDecay, double backtrackDb,
                       int evaluateEvery) {
        this(iterations, lr, regNoise, seed, averageDecay, backtrackDb, evaluateEvery, LrSchedule.CONSTANT, 0);
    }

    public FitSettings {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be at least 1, got " + iterations);
        }
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("learning rate must be a positive number, got " + lr);
        }
        if (!(regNoise >= 0) || Double.isInfinite(regNoise)) {
            throw new IllegalArgumentException("reg noise must be zero or positive, got " + regNoise);
        }
        if (!(averageDecay >= 0 && averageDecay < 1)) {
            throw new IllegalArgumentException("average decay must be in [0, 1), got " + averageDecay);
        }
        if (evaluateEvery < 1) {
            throw new IllegalArgumentException("evaluation interval must be at least 1, got " + evaluateEvery);
        }
        if (schedule == null) {
            throw new IllegalArgumentException("the learning-rate schedule is required");
        }
        if (regNoiseWarmup < 0) {
            throw new IllegalArgumentException("the reg-noise warm-up must be zero or more iterations, got "
                    + regNoiseWarmup);
        }
    }

    /** Adam's learning rate at iteration {@code it} (1 … iterations). */
    public double lrAt(int it) { return schedule.rate(lr, it, iterations); }

    /** The share of σp that perturbs z at iteration {@code it}: ½ during the warm-up, then 1. */
    public double regNoiseScaleAt(int it) { return it <= regNoiseWarmup ? 0.5 : 1.0; }

    /**
     * The paper's denoising recipe: 3000 iterations, lr 0.01, σp = 1/30, average 0.99, backtracking at 5 dB. The stop
     * rule is not part of a fit's settings: {@link dip.restore.RestoreConfig#builder} gives the CLI's whole default
     * (with the automatic stop).
     */
    public static FitSettings denoising() {
        return new FitSettings(3000, 0.01, 1.0 / 30, 0, 0.99, 5.0, 1);
    }

    public FitSettings withIterations(int n) {
        return new FitSettings(n, lr, regNoise, seed,
                averageDecay, backtrackDb, evaluateEvery, schedule, regNoiseWarmup);
    }

    public FitSettings withLr(double v) {
        return new FitSettings(iterations, v, regNoise, seed,
                averageDecay, backtrackDb, evaluateEvery, schedule, regNoiseWarmup);
    }

    public FitSettings withRegNoise(double v) {
        return new FitSettings(iterations, lr, v, seed,
                averageDecay, backtrackDb, evaluateEvery, schedule, regNoiseWarmup);
    }

    public FitSettings withSeed(long v) {
        return new FitSettings(iterations, lr, regNoise, v,
                averageDecay, backtrackDb, evaluateEvery, schedule, regNoiseWarmup);
    }

    public FitSettings withEvaluateEvery(int v) {
        return new FitSettings(iterations, lr, regNoise, seed, averageDecay, backtrackDb, v, schedule, regNoiseWarmup);
    }

    public FitSettings withSchedule(LrSchedule v) {
        return new FitSettings(iterations, lr, regNoise, seed,
                averageDecay, backtrackDb, evaluateEvery, v, regNoiseWarmup);
    }

    public FitSettings withRegNoiseWarmup(int v) {
        return new FitSettings(iterations, lr, regNoise, seed, averageDecay, backtrackDb, evaluateEvery, schedule, v);
    }
}
