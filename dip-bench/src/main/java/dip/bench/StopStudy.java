package dip.bench;

import dip.engine.Scope;
import dip.engine.Tensor;
import dip.fit.Progress;
import dip.fit.VarianceStop;
import dip.image.Image;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Watches a fixed-length fit to compare stopping rules on it afterwards, without changing it: the PSNR of
 * every output against the ground truth (the oracle peak: the best iteration by ground truth) and what the
 * automatic stop ({@link VarianceStop}, no ground truth) would have done — the iteration where it stops and
 * the output it keeps. The whole curve (PSNR of output and average, variance of recent outputs at every
 * iteration, also after the stop) is kept for a CSV, so other patience values can be judged from it
 * ({@link StopRules}).
 */
final class StopStudy {
    /** The variance rule, watched to the end of the fit: its stop is taken when its patience first runs out. */
    private final VarianceStop watch;
    private final int patience;
    private final ToDoubleFunction<Image> psnr;
    private final List<double[]> curve = new ArrayList<>();
    private double bestPsnr = Double.NEGATIVE_INFINITY;
    private int bestIteration;
    private Image bestOutput;
    private int stopIteration;
    private int stopOutputIteration;
    private Image stopOutput;
    private Image stopAverage;
    private Image lastAverage;
    private Image lastOutput;
    private int lastIteration;

    StopStudy(int window, int patience, ToDoubleFunction<Image> psnr) {
        this.watch = new VarianceStop(window, Integer.MAX_VALUE);
        this.patience = patience;
        this.psnr = psnr;
    }

    void observe(Progress p) {
        Image out = p.output().get();
        lastOutput = out;
        lastAverage = p.average().get();
        lastIteration = p.iteration();
        double q = psnr.applyAsDouble(out);
        if (q > bestPsnr) {
            bestPsnr = q;
            bestIteration = p.iteration();
            bestOutput = out;
        }
        double variance = Double.NaN;
        if (!p.backtracked()) { // as the fitter: a rolled-back step is not shown to the rule
            try (Scope s = new Scope()) {
                watch.observe(p.iteration(), Tensor.of(out));
            }
            variance = watch.lastVariance();
        }
        if (stopIteration == 0 && watch.bestOutput() != null && p.iteration() - watch.bestIteration() >= patience) {
            stopIteration = p.iteration();
            stopOutputIteration = watch.bestIteration();
            stopOutput = watch.bestOutput();
            stopAverage = lastAverage;
        }
        curve.add(new double[] {p.iteration(), q, psnr.applyAsDouble(lastAverage), variance});
    }

    /** The best output by ground truth and its iteration. */
    Image oracleOutput() { return bestOutput; }

    int oracleIteration() { return bestIteration; }

    /** Where the automatic stop stopped (0: it did not within the fit), and the output it kept. */
    int stopIteration() { return stopIteration; }

    int stopOutputIteration() { return stopOutputIteration; }

    /**
     * The output the automatic stop kept; where it never stopped, its best so far (the variance minimum), and
     * in a fit shorter than its window, the last output.
     */
    Image stopOutput() {
        return stopOutput != null ? stopOutput : watch.bestOutput() != null ? watch.bestOutput() : lastOutput;
    }

    /** The exponential average of the outputs at the automatic stop; where it never stopped, at the end of the fit. */
    Image stopAverage() { return stopAverage != null ? stopAverage : lastAverage; }

    int stopOutputIterationOrBest() {
        return stopOutput != null ? stopOutputIteration : watch.bestOutput() != null ? watch.bestIteration() : lastIteration;
    }

    void writeCurve(Path file) {
        StringBuilder sb = new StringBuilder(StopRules.CURVE_HEADER + "\n");
        for (double[] r : curve) {
            sb.append(String.format(Locale.ROOT, "%d,%.4f,%.4f,%s%n", (int) r[0], r[1], r[2],
                    Double.isNaN(r[3]) ? "" : String.format(Locale.ROOT, "%.6g", r[3])));
        }
        ResultsStore.writeAtomically(file, sb.toString());
    }
}
