package dip.fit;

import java.util.Locale;

/**
 * How Adam's learning rate moves over a fit of n iterations: {@link #CONSTANT} (the paper's), or {@link #COSINE}, from
 * the recipe's rate at iteration 1 down along half a cosine to nearly 0 at iteration n, so the last iterations take
 * ever smaller steps and the output settles instead of wandering around the image (the average follows it). With an
 * automatic stop, n is the most iterations the fit may run.
 */
public enum LrSchedule {
    CONSTANT, COSINE;

    /** The name on the command line and in provenance: "constant" or "cosine". */
    public String key() { return name().toLowerCase(Locale.ROOT); }

    /** The schedule called {@code key}; an {@link IllegalArgumentException} naming the valid ones otherwise. */
    public static LrSchedule byKey(String key) {
        for (LrSchedule s : values()) {
            if (s.key().equals(key)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown learning-rate schedule '" + key + "'; choose constant or cosine");
    }

    /** The rate of iteration {@code it} (1 … n) of a fit of {@code n} iterations starting at {@code lr}. */
    public double rate(double lr, int it, int n) {
        return switch (this) {
            case CONSTANT -> lr;
            case COSINE -> lr * 0.5 * (1 + Math.cos(Math.PI * (it - 1) / n));
        };
    }
}
