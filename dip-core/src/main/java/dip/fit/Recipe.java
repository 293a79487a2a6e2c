package dip.fit;

/**
 * A task's defaults from the paper (DIP.md): iterations, learning rate, σp, the net preset, and the
 * TV weight used when the TV prior is asked for. Settings are per task, never per image.
 */
public record Recipe(int iterations, double lr, double regNoise, String preset, double tvWeight) {
    public static final Recipe DENOISE = new Recipe(3000, 0.01, 1.0 / 30, "skip", 0.02);
    public static final Recipe JPEG = new Recipe(2400, 0.01, 1.0 / 30, "jpeg", 0.02);
    public static final Recipe INPAINT = new Recipe(5000, 0.01, 0.03, "skip", 0.02);
    public static final Recipe RESTORE_PIXELS = new Recipe(11000, 0.001, 0.03, "skip", 0.02);

    public static Recipe superResolution(int factor) {
        return factor >= 8 ? new Recipe(4000, 0.01, 0.05, "skip", 0.005) : new Recipe(2000, 0.01, 0.03, "skip", 0.005);
    }

    /** The fit settings of this recipe with the given seed (averaging 0.99, backtracking at 5 dB). */
    public FitSettings settings(long seed) {
        return new FitSettings(iterations, lr, regNoise, seed, 0.99, 5.0, 1);
    }

    public Recipe withIterations(int n) { return new Recipe(n, lr, regNoise, preset, tvWeight); }
}
