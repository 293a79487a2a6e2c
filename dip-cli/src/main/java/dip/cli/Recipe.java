package dip.cli;

import dip.fit.FitSettings;

/**
 * A task's defaults from the paper (DIP.md): iterations, learning rate, σp and the net preset.
 * Every value can be overridden from the command line.
 */
record Recipe(int iterations, double lr, double regNoise, String preset, double tvWeight) {
    static final Recipe DENOISE = new Recipe(3000, 0.01, 1.0 / 30, "skip", 0.02);
    static final Recipe JPEG = new Recipe(2400, 0.01, 1.0 / 30, "jpeg", 0.02);
    static final Recipe INPAINT = new Recipe(5000, 0.01, 0.03, "skip", 0.02);
    static final Recipe RESTORE_PIXELS = new Recipe(11000, 0.001, 0.03, "skip", 0.02);

    static Recipe superResolution(int factor) {
        return factor >= 8 ? new Recipe(4000, 0.01, 0.05, "skip", 0.005) : new Recipe(2000, 0.01, 0.03, "skip", 0.005);
    }

    FitSettings settings(FitOptions o) {
        FitSettings s = new FitSettings(iterations, lr, regNoise, o.seed, 0.99, 5.0, 1);
        s = o.iterations != null ? s.withIterations(o.iterations) : s;
        s = o.lr != null ? s.withLr(o.lr) : s;
        return o.regNoise != null ? s.withRegNoise(o.regNoise) : s;
    }
}
