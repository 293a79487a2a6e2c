package dip.fit;

import dip.engine.Adam;
import dip.engine.ExitGuard;
import dip.engine.Ops;
import dip.engine.Owner;
import dip.engine.Scope;
import dip.engine.Tensor;
import dip.image.Image;
import dip.prior.Prior;
import dip.task.Task;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The optimisation loop: θ ← Adam(θ, ∇θ E(x_θ; x0)), with an exponential average of the outputs and
 * backtracking to the last good weights when the data term suddenly jumps (the fit occasionally diverges).
 * One native-memory scope per iteration keeps memory flat over thousands of iterations.
 */
public final class Fitter {
    /** Consecutive roll-backs after which the fit is declared diverged. */
    private static final int MAX_BACKTRACKS_IN_A_ROW = 20;

    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private VarianceStop autoStop;

    private Path checkpointFile;
    private int checkpointEvery;
    private Path resumeFile;

    /**
     * Saves a checkpoint to {@code file} every {@code every} iterations (0: never periodically) and
     * whenever the fit is stopped early by {@link #requestStop()}.
     */
    public Fitter withCheckpoints(Path file, int every) {
        this.checkpointFile = file;
        this.checkpointEvery = every;
        return this;
    }

    /** Continues the fit saved in {@code file} (same task, prior, settings and seed). */
    public Fitter resumeFrom(Path file) {
        this.resumeFile = file;
        return this;
    }

    /** Stop when the variance of recent outputs stops falling, and return the output at its minimum. */
    public Fitter withAutoStop(VarianceStop rule) {
        this.autoStop = rule;
        return this;
    }

    /** Asks the loop to finish after the current iteration (thread-safe; e.g. from a signal handler). */
    public void requestStop() { stopRequested.set(true); }

    /**
     * @param reference ground truth at the output size for PSNR logging, or null
     */
    public FitResult fit(Task task, Prior prior, FitSettings s, Image reference, FitListener listener) {
        // Everything this fit allocates beyond one iteration is freed when it ends, returning or throwing: kept
        // buffers by the owner, the set-up's and wrap-up's temporaries (optimiser options, casts) by the scope.
        try (Owner own = new Owner(); Scope temporaries = new Scope()) {
            return run(task, prior, s, reference, listener);
        }
    }

    private FitResult run(Task task, Prior prior, FitSettings s, Image reference, FitListener listener) {
        List<Tensor> params = prior.parameters();
        Adam adam = new Adam(params, s.lr());
        List<Tensor> lastGood = new ArrayList<>();
        for (Tensor p : params) {
            lastGood.add(p.copy().keep());
        }
        Tensor ref = reference == null ? null : Tensor.of(reference).keep();
        Tensor average = null;
        Image lastOutput = null;
        double lastGoodDataPsnr = Double.NaN;
        int backtracks = 0;
        int inARow = 0;
        int done = 0;
        int first = 1;
        if (resumeFile != null) {
            Tensor[] avg = new Tensor[1];
            Checkpoint.Counters c = Checkpoint.load(resumeFile, params, lastGood, adam, autoStop, s.seed(), avg);
            average = avg[0];
            lastGoodDataPsnr = c.lastGoodDataPsnr();
            backtracks = c.backtracks();
            first = c.iteration() + 1;
            done = c.iteration();
            if (first > s.iterations()) {
                throw new CheckpointException("checkpoint " + resumeFile + " is already at iteration " + c.iteration()
                        + ": ask for more iterations to continue", false);
            }
        }
        boolean autoStopped = false;
        int savedAt = -1;
        long start = System.nanoTime();
        for (int it = first; it <= s.iterations() && !stopRequested.get(); it++) {
            // The section lets a JVM exit (Ctrl-C, SIGTERM) wait for this iteration's native work.
            try (ExitGuard.Section guard = ExitGuard.enter(); Scope scope = new Scope()) {
                adam.zeroGrad();
                Tensor x = prior.render(true);
                Tensor loss = task.dataTerm(x);
                Tensor penalty = prior.penalty(x);
                if (penalty != null) {
                    loss = loss.plus(penalty);
                }
                double lossValue = loss.item();
                double dataPsnr = -10 * Math.log10(lossValue);
                boolean finite = Double.isFinite(lossValue);
                boolean diverged = !finite || (s.backtrackDb() > 0 && lastGoodDataPsnr - dataPsnr > s.backtrackDb());
                if (diverged) {
                    // Roll back to the last good weights. After a finite jump, step from them with the jumped point's
                    // gradient, as the authors' code does. Skipping the step instead left Adam's state as it was, so
                    // the next step repeated the jump: a real 512² fit alternated jump / roll-back for 180 iterations
                    // (89 roll-backs) until its automatic stop; stepping, it rolled back once. A non-finite loss takes
                    // no step (its gradient would poison Adam's moments).
                    if (finite) {
                        loss.backward();
                    }
                    for (int i = 0; i < params.size(); i++) {
                        params.get(i).assign(lastGood.get(i));
                    }
                    if (finite) {
                        adam.step();
                    }
                    backtracks++;
                    if (++inARow > MAX_BACKTRACKS_IN_A_ROW) {
                        throw new FitDivergedException("the fit diverged at iteration " + it
                                + " and did not recover after " + MAX_BACKTRACKS_IN_A_ROW + " roll-backs (a lower learning rate usually helps)");
                    }
                    listener.onBacktrack(it, lastGoodDataPsnr - dataPsnr);
                } else {
                    inARow = 0;
                    if (s.backtrackDb() > 0) {
                        for (int i = 0; i < params.size(); i++) {
                            lastGood.get(i).assign(params.get(i));
                        }
                        lastGoodDataPsnr = dataPsnr;
                    }
                    loss.backward();
                    adam.step();
                }
                Tensor out = x.detach();
                if (average == null) {
                    average = out.copy().keep();
                } else if (!diverged) {
                    average.blend(s.averageDecay(), 1 - s.averageDecay(), out);
                }
                double psnrOut = Double.NaN;
                double psnrAvg = Double.NaN;
                if (ref != null && (it % s.evaluateEvery() == 0 || it == s.iterations())) {
                    psnrOut = psnr(out, ref);
                    psnrAvg = psnr(average, ref);
                }
                final Tensor avg = average;
                listener.onIteration(new Progress(it, s.iterations(), lossValue, psnrOut, psnrAvg, diverged,
                        (System.nanoTime() - start) / 1e9, out::toImage, avg::toImage));
                if (autoStop != null && !diverged && autoStop.observe(it, out)) {
                    autoStopped = true;
                }
                // Copied every iteration (cheap next to the step): a stop may arrive at any moment.
                lastOutput = out.toImage();
                done = it;
                if (checkpointFile != null && checkpointEvery > 0 && it % checkpointEvery == 0) {
                    Checkpoint.save(checkpointFile, params, lastGood, average, adam, autoStop,
                            new Checkpoint.Counters(it, lastGoodDataPsnr, backtracks, s.seed(), params.size()));
                    savedAt = it;
                }
                if (autoStopped) {
                    break;
                }
            }
        }
        if (checkpointFile != null && stopRequested.get() && done > 0 && savedAt != done) {
            Checkpoint.save(checkpointFile, params, lastGood, average, adam, autoStop,
                    new Checkpoint.Counters(done, lastGoodDataPsnr, backtracks, s.seed(), params.size()));
        }
        Image avgImage = average == null ? null : average.toImage();
        int outputIteration = done;
        if (autoStop != null && autoStop.bestOutput() != null) {
            lastOutput = autoStop.bestOutput();
            outputIteration = autoStop.bestIteration();
        }
        return new FitResult(lastOutput, avgImage, done, backtracks, (System.nanoTime() - start) / 1e9,
                done < s.iterations() && !autoStopped, outputIteration, autoStopped);
    }

    /** PSNR in dB of x (clamped to [0,1]) against a reference, over all pixels and channels. */
    static double psnr(Tensor x, Tensor ref) {
        try (Scope s = new Scope()) {
            return -10 * Math.log10(Ops.mse(Ops.clamp(x, 0, 1), ref).item());
        }
    }
}
