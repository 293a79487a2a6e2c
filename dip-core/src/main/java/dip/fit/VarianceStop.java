package dip.fit;

import dip.engine.Scope;
import dip.engine.Tensor;
import dip.image.Image;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Stopping without ground truth (ES-WMV, Wang et al.): the variance of the last W outputs,
 * VAR(t) = 1/W Σ_w ‖x_{t−w} − mean‖², falls while the net fits the image and rises once it starts
 * to fit the noise. Its minimum marks the peak of the (unknown) PSNR curve; the fit stops when no
 * new minimum has appeared for a patience of P iterations, and the output at the minimum is kept.
 */
public final class VarianceStop {
    private final int window;
    private final int patience;
    private final Deque<Tensor> recent = new ArrayDeque<>();
    private Tensor sum;
    private double sumOfSquares;
    private double bestVariance = Double.POSITIVE_INFINITY;
    private int bestIteration;
    private Image bestOutput;
    private double lastVariance = Double.NaN;

    public VarianceStop(int window, int patience) {
        if (window < 2 || patience < 1) {
            throw new IllegalArgumentException("window must be at least 2 and patience at least 1");
        }
        this.window = window;
        this.patience = patience;
    }

    /** The settings of the ES-WMV paper for DIP: window 100, patience 1000. */
    public static VarianceStop defaults() { return new VarianceStop(100, 1000); }

    /** Takes this iteration's output (detached); returns true when the fit should stop. */
    public boolean observe(int iteration, Tensor output) {
        Tensor x = output.copy().keep();
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
        if (variance < bestVariance) {
            bestVariance = variance;
            bestIteration = iteration;
            bestOutput = x.toImage();
        }
        return iteration - bestIteration >= patience;
    }

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

    public int bestIteration() { return bestIteration; }

    /** The output at the variance minimum, or null before a full window was seen. */
    public Image bestOutput() { return bestOutput; }

    public double lastVariance() { return lastVariance; }

    public double bestVariance() { return bestVariance; }
}
