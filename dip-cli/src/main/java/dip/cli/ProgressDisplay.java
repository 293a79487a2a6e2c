package dip.cli;

import dip.app.Durations;
import dip.fit.FitListener;
import dip.fit.Progress;
import java.io.PrintStream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows a fit's progress: a progress bar on a terminal (iteration, loss, PSNR if known, it/s, ETA),
 * plain periodic lines otherwise (logs, pipes, CI), nothing with --quiet.
 */
final class ProgressDisplay implements FitListener, AutoCloseable {
    private final PrintStream err;
    private final int lineEvery;
    private ProgressBar bar;
    private double lastPsnrOut = Double.NaN;
    private double lastPsnrAvg = Double.NaN;

    private ProgressDisplay(ProgressBar bar, PrintStream err, int lineEvery) {
        this.bar = bar;
        this.err = err;
        this.lineEvery = lineEvery;
    }

    static ProgressDisplay create(String task, int iterations, boolean quiet) {
        if (quiet) {
            return new ProgressDisplay(null, null, 0);
        }
        if (System.console() != null) {
            ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(iterations)
                    .setStyle(ProgressBarStyle.ASCII).setUnit(" it", 1).showSpeed().setUpdateIntervalMillis(500).build();
            return new ProgressDisplay(bar, null, 0);
        }
        return new ProgressDisplay(null, System.err, Math.max(1, Math.min(100, iterations / 20)));
    }

    @Override
    public void onIteration(Progress p) {
        if (p.evaluated()) {
            lastPsnrOut = p.psnrOutput();
            lastPsnrAvg = p.psnrAverage();
        }
        if (bar != null) {
            bar.stepTo(p.iteration());
            bar.setExtraMessage(status(p));
        } else if (err != null && (p.iteration() % lineEvery == 0 || p.iteration() == p.iterations())) {
            double rate = p.iteration() / Math.max(1e-9, p.elapsedSeconds());
            double eta = (p.iterations() - p.iteration()) / rate;
            err.printf("iteration %d/%d  %s  %.2f it/s  ETA %s%n", p.iteration(), p.iterations(), status(p), rate, Durations.format(eta));
        }
    }

    @Override
    public void onBacktrack(int iteration, double dropDb) {
        if (err != null) {
            err.printf("iteration %d: data term jumped (%.1f dB), rolled back to the last good weights%n", iteration, dropDb);
        }
    }

    /** Notes are warnings: printed even with --quiet. */
    @Override
    public void onNote(int iteration, String message) {
        if (bar != null) {
            bar.pause();
        }
        System.err.println("dip: " + message);
        if (bar != null) {
            bar.resume();
        }
    }

    private String status(Progress p) {
        String s = String.format("loss %.4g", p.loss());
        if (!Double.isNaN(lastPsnrOut)) {
            s += String.format("  PSNR %.2f dB (average %.2f dB)", lastPsnrOut, lastPsnrAvg);
        }
        return s;
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
