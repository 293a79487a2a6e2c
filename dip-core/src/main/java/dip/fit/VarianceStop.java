package dip.fit;

import dip.engine.Archive;
import dip.engine.Scope;
import dip.engine.Tensor;
import dip.image.Image;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Stopping without ground truth (ES-WMV, Wang et al.): the variance of the last W outputs,
 * VAR(t) = 1/W Σ_w ‖x_{t−w} − mean‖², falls while the net fits the image and rises once it starts
 * to fit the noise. Its minimum marks the peak of the (unknown) PSNR curve; the fit stops when no
 * new minimum has appeared for a patience of P iterations, and the output at the minimum is kept.
 *
 * <p>Minima count only once the window holds none of the first {@link #BURN_IN_WINDOWS}·W outputs after the start (or a
 * {@link #restart}): from iteration 300 with W = 100. On a smooth image the outputs change slowly just after the window
 * fills, the variance makes a shallow minimum there, then rises for more than the patience while the net fits the coarse
 * structure, and the rule stopped at iteration 350–420 where the average's best lay past 1300 (held-out 192² crops of
 * Set5's baby, σ25: averages of 25.6 and 26.8 dB at the stop, 29.5 for both with the burn-in). With a burn-in of one window
 * one of the two still stopped at 418; two saved both, and changed no stop on eleven textured held-out 192² crops.
 */
public final class VarianceStop {
    /** The ES-WMV paper's window for DIP. */
    public static final int DEFAULT_WINDOW = 100;
    /**
     * Chosen on held-out images, not on the benchmark: centre 128×128 crops of the five Set5 images with σ25 and
     * σ50 noise added, replayed with {@code bench stop-rules} for P = 100 … 1000; 200 gave the best average at
     * the stop. The ES-WMV paper's 1000 keeps the same output but leaves the average 1000 iterations of
     * noise-fitting to absorb (−3 dB at σ50).
     */
    public static final int DEFAULT_PATIENCE = 200;
    /** Windows of outputs after the start whose variance minima do not count (see the class comment). */
    public static final int BURN_IN_WINDOWS = 2;

    private final int window;
    private final int patience;
    private final Deque<Tensor> recent = new ArrayDeque<>();
    private Tensor sum;
    private double sumOfSquares;
    private double bestVariance = Double.POSITIVE_INFINITY;
    private int bestIteration;
    private Image bestOutput;
    private double lastVariance = Double.NaN;
    /** Outputs observed since the start or the last restart. */
    private int seen;

    public VarianceStop(int window, int patience) {
        if (window < 2 || patience < 1) {
            throw new IllegalArgumentException("window must be at least 2 and patience at least 1");
        }
        this.window = window;
        this.patience = patience;
    }

    /** Takes this iteration's output (detached); returns true when the fit should stop. */
    public boolean observe(int iteration, Tensor output) {
        Tensor x = output.copyContiguous().keep(); // the layout checkpoints store: a resumed fit sums alike
        seen++;
        double sq;
        try (Scope s = new Scope()) {
            sq = x.square().sum().item();
        }
        recent.addLast(x);
        sumOfSquares += sq;
        if (sum == null) {
            sum = x.copy().keep();
        } else {
            sum.blend(1, 1, x);
        }
        if (recent.size() > window) {
            Tensor old = recent.removeFirst();
            try (Scope s = new Scope()) {
                sumOfSquares -= old.square().sum().item();
            }
            sum.blend(1, -1, old);
            old.free();
        }
        if (iteration % window == 0) {
            resum(); // float sums drift over thousands of add/subtract steps
        }
        if (recent.size() < window) {
            return false;
        }
        double variance;
        try (Scope s = new Scope()) {
            variance = (sumOfSquares - sum.square().sum().item() / window) / window / x.numel();
        }
        lastVariance = variance;
        if (seen < countsFrom()) {
            return false;
        }
        if (variance < bestVariance) {
            bestVariance = variance;
            bestIteration = iteration;
            bestOutput = x.toImage();
        }
        return iteration - bestIteration >= patience;
    }

    /**
     * Forgets every output and the minimum, as at the start of a fit. The variance of outputs perturbed with
     * different σp is not comparable: a fit calls this when its σp warm-up ends, so that the outputs of the
     * warm-up (perturbed less, so quieter) do not pass for the minimum.
     */
    public void restart() {
        recent.forEach(Tensor::free);
        recent.clear();
        if (sum != null) {
            sum.free();
            sum = null;
        }
        sumOfSquares = 0;
        bestVariance = Double.POSITIVE_INFINITY;
        bestIteration = 0;
        bestOutput = null;
        lastVariance = Double.NaN;
        seen = 0;
    }

    /** The first output, counted from the start or the last restart, whose window's variance can be a minimum. */
    public int countsFrom() { return countsFrom(window); }

    /** {@link #countsFrom()} of a rule with this window: the burn-in's windows and the first full one. */
    public static int countsFrom(int window) { return (BURN_IN_WINDOWS + 1) * window; }

    private void resum() {
        Tensor s = null;
        double q = 0;
        for (Tensor t : recent) {
            try (Scope scope = new Scope()) {
                q += t.square().sum().item();
            }
            if (s == null) {
                s = t.copy().keep();
            } else {
                s.blend(1, 1, t);
            }
        }
        if (sum != null) {
            sum.free();
        }
        sum = s;
        sumOfSquares = q;
    }

    /**
     * Adds this rule's whole state (the window of outputs, the running sums, the minimum) to a checkpoint, so a
     * resumed fit stops where an uninterrupted one would, bit for bit. It is W + 2 images: at 512×512 RGB and
     * W = 100, about 300 MB.
     */
    void saveTo(Archive.Writer w) {
        int i = 0;
        for (Tensor t : recent) {
            w.put("stop.recent." + i++, t);
        }
        if (sum != null) {
            w.put("stop.sum", sum);
        }
        if (bestOutput != null) {
            try (Scope s = new Scope()) {
                w.put("stop.best", Tensor.of(bestOutput));
            }
        }
        w.put("stop.state", window, recent.size(), sumOfSquares, bestVariance, bestIteration, lastVariance,
                bestOutput != null ? 1 : 0, seen);
    }

    /** Whether a checkpoint holds the state of an automatic stop. */
    static boolean savedIn(Archive.Reader r) { return r.has("stop.state"); }

    /** Restores what {@link #saveTo} wrote; the window must be the same. */
    void loadFrom(Archive.Reader r) throws IOException {
        double[] v = r.values("stop.state");
        if ((int) v[0] != window) {
            throw new IOException("it was made with a stop window of " + (int) v[0] + ", not " + window);
        }
        recent.forEach(Tensor::free);
        recent.clear();
        for (int i = 0; i < (int) v[1]; i++) {
            recent.addLast(r.tensor("stop.recent." + i));
        }
        if (sum != null) {
            sum.free();
        }
        sum = recent.isEmpty() ? null : r.tensor("stop.sum");
        sumOfSquares = v[2];
        bestVariance = v[3];
        bestIteration = (int) v[4];
        lastVariance = v[5];
        // A checkpoint written before the burn-in existed holds 7 values; its rule counted minima from the first full
        // window, so it resumes past the burn-in.
        seen = v.length > 7 ? (int) v[7] : Integer.MAX_VALUE / 2;
        if (v[6] > 0) {
            Tensor best = r.tensor("stop.best");
            bestOutput = best.toImage();
            best.free();
        } else {
            bestOutput = null;
        }
    }

    public int bestIteration() { return bestIteration; }

    /** The output at the variance minimum, or null before the burn-in is over. */
    public Image bestOutput() { return bestOutput; }

    public double lastVariance() { return lastVariance; }

    public double bestVariance() { return bestVariance; }
}
