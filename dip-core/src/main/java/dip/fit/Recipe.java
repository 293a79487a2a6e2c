package dip.fit;

/**
 * A task's defaults from the paper (DIP.md): iterations, learning rate, σp, the net preset, the TV weight
 * used when the TV prior is asked for, and whether the fit stops by itself ({@link VarianceStop}) or runs
 * every iteration. Settings are per task, never per image.
 */
public record Recipe(int iterations, double lr, double regNoise, String preset, double tvWeight, boolean autoStop) {
    /**
     * Denoising and JPEG clean-up fit the noise once the image is fitted, at an iteration that depends on the
     * image and the noise level (σ50 peaks in a few hundred iterations, σ25 in over a thousand): they stop by
     * themselves by default. The other tasks fit a data term without noise to fit and run their count.
     */
    public static final Recipe DENOISE = new Recipe(3000, 0.01, 1.0 / 30, "skip", 0.02, true);
    public static final Recipe JPEG = new Recipe(2400, 0.01, 1.0 / 30, "jpeg", 0.02, true);
    public static final Recipe INPAINT = new Recipe(5000, 0.01, 0.03, "skip", 0.02, false);
    public static final Recipe RESTORE_PIXELS = new Recipe(11000, 0.001, 0.03, "skip", 0.02, false);

    public static Recipe superResolution(int factor) {
        return factor >= 8 ? new Recipe(4000, 0.01, 0.05, "skip", 0.005, false)
                : new Recipe(2000, 0.01, 0.03, "skip", 0.005, false);
    }

    /** The fit settings of this recipe with the given seed (averaging 0.99, backtracking at 5 dB). */
    public FitSettings settings(long seed) {
        return new FitSettings(iterations, lr, regNoise, seed, 0.99, 5.0, 1);
    }

    public Recipe withIterations(int n) { return new Recipe(n, lr, regNoise, preset, tvWeight, autoStop); }

    public Recipe withPreset(String p) { return new Recipe(iterations, lr, regNoise, p, tvWeight, autoStop); }
}
