package dip.restore;

import dip.fit.VarianceStop;

/**
 * When a fit ends: after every iteration ({@link #fixed()}), or by itself once the variance of the last
 * {@code window} outputs has made no new minimum for {@code patience} iterations, minima counting from 3 windows of
 * outputs on ({@link #auto()}: ES-WMV,
 * no ground truth needed; the output kept is the one at the minimum).
 *
 * @param rule     "auto" (the variance rule) or "fixed"
 * @param window   outputs in the variance window (auto only)
 * @param patience iterations without a new minimum before stopping (auto only)
 */
public record StopRule(String rule, int window, int patience) {
    /** Checks the rule's name, and the window and patience of an automatic rule. */
    public StopRule {
        if (!"auto".equals(rule) && !"fixed".equals(rule)) {
            throw new IllegalArgumentException("the stop rule is auto or fixed, not " + rule);
        }
        if (rule.equals("auto") && (window < 2 || patience < 1)) {
            throw new IllegalArgumentException("the stop window must be at least 2 and the patience at least 1");
        }
    }

    /** Run every iteration. */
    public static StopRule fixed() { return new StopRule("fixed", 0, 0); }

    /** The automatic stop with its default window (100) and patience (200). */
    public static StopRule auto() { return auto(VarianceStop.DEFAULT_WINDOW, VarianceStop.DEFAULT_PATIENCE); }

    /** The automatic stop with this window and patience. */
    public static StopRule auto(int window, int patience) { return new StopRule("auto", window, patience); }

    /** Whether the fit stops by itself. */
    public boolean automatic() { return rule.equals("auto"); }

    /** A fresh rule for one fit, or null for a fixed count. */
    VarianceStop create() { return automatic() ? new VarianceStop(window, patience) : null; }

    /** "auto (window 100, patience 200)" or "fixed". */
    public String describe() { return automatic() ? "auto (window " + window + ", patience " + patience + ")" : "fixed"; }
}
