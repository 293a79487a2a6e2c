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
 * backtracking to the last good weights when the data term falls far below its best (the fit occasionally diverges).
 * A fit that does not come back ends with its best state instead of its last; a bf16 fit that diverges twice goes on
 * in fp32. The result says when either happened.
 * One native-memory scope per iteration keeps memory flat over thousands of iterations.
 */
public final class Fitter {
    /** Consecutive roll-backs after which the fit is declared diverged. */
    private static final int MAX_BACKTRACKS_IN_A_ROW = 20;
    /**
     * After a roll-back, the data term must come back within {@link #RECOVERED_DB} of its best within this many
     * iterations, or the fit ends with its best state: a 512² bf16 photo fit that jumped at iteration 1661 slid to
     * 3.6 dB under its best by 1700 and was still 2.8 dB under at 1800 (its average fell from 26.9 to 21.2 dB).
     */
    static final int RECOVERY_ITERATIONS = 100;
    static final double RECOVERED_DB = 1.0;
    /** A bf16 fit goes on in fp32 at its second roll-back: in that photo fit fp32 never rolled back. */
    static final int FP32_AFTER_ROLLBACKS = 2;

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
        State st = new State(params, s.backtrackDb() > 0);
        Tensor ref = reference == null ? null : Tensor.of(reference).keep();
        Image lastOutput = null;
        int done = 0;
        int first = 1;
        if (resumeFile != null) {
            Tensor[] avg = new Tensor[1];
            Checkpoint.Counters c = Checkpoint.load(resumeFile, st, adam, autoStop, s.seed(), avg);
            st.average = avg[0];
            st.restore(c);
            if (st.fp32From > 0) {
                prior.fallBackToFp32();
            }
            first = c.iteration() + 1;
            done = c.iteration();
            if (first > s.iterations()) {
                throw new CheckpointException("checkpoint " + resumeFile + " is already at iteration " + c.iteration()
                        + ": ask for more iterations to continue", false);
            }
        }
        boolean autoStopped = false;
        boolean endedAtBest = false;
        int savedAt = -1;
        long start = System.nanoTime();
        for (int it = first; it <= s.iterations() && !stopRequested.get(); it++) {
            // The section lets a JVM exit (Ctrl-C, SIGTERM) wait for this iteration's native work.
            try (ExitGuard.Section guard = ExitGuard.enter(); Scope scope = new Scope()) {
                adam.zeroGrad();
                if (s.schedule() != LrSchedule.CONSTANT) {
                    adam.learningRate(s.lrAt(it)); // from the iteration alone: a resumed fit steps alike
                }
                // from the iteration alone, as the rate (and every iteration: a prior fitted again starts whole)
                prior.scalePerturbation(s.regNoiseScaleAt(it));
                Tensor x = prior.render(true);
                Tensor loss = task.dataTerm(x);
                Tensor penalty = prior.penalty(x);
                if (penalty != null) {
                    loss = loss.plus(penalty);
                }
                double lossValue = loss.item();
                double dataPsnr = -10 * Math.log10(lossValue);
                boolean finite = Double.isFinite(lossValue);
                // A jump is measured from the best data term so far, not from the last accepted iteration: a fit that
                // slides down in steps each under the threshold is caught too.
                boolean diverged = !finite || (s.backtrackDb() > 0 && st.bestDataPsnr - dataPsnr > s.backtrackDb());
                Tensor out = x.detach();
                if (diverged) {
                    // Roll back to the last good weights. After a finite jump, step from them with the jumped point's
                    // gradient, as the authors' code does. Skipping the step instead left Adam's state as it was, so
                    // the next step repeated the jump: a real 512² fit alternated jump / roll-back for 180 iterations
                    // (89 roll-backs) until its automatic stop; stepping, it rolled back once. A non-finite loss takes
                    // no step (its gradient would poison Adam's moments), nor does the roll-back that moves a bf16 fit
                    // to fp32 (its gradient is bf16's).
                    st.backtracks++;
                    boolean toFp32 = st.backtracks >= FP32_AFTER_ROLLBACKS && st.fp32From == 0 && prior.fallBackToFp32();
                    boolean step = finite && !toFp32;
                    if (step) {
                        loss.backward();
                    }
                    st.rollBack();
                    if (step) {
                        adam.step();
                    }
                    listener.onBacktrack(it, st.bestDataPsnr - dataPsnr);
                    if (toFp32) {
                        st.fp32From = it + 1;
                        listener.onNote(it, "the bf16 fit diverged " + st.backtracks + " times; it goes on in fp32 from the"
                                + " last good weights (iteration " + st.lastGoodIteration + ")");
                    }
                    if (st.episodeStart == 0) {
                        st.episodeStart = it;
                    }
                    if (++st.inARow > MAX_BACKTRACKS_IN_A_ROW) {
                        if (st.bestIteration == 0 || !st.tracking) {
                            throw new FitDivergedException("the fit diverged at iteration " + it + " and did not recover after "
                                    + MAX_BACKTRACKS_IN_A_ROW + " roll-backs, with no good iteration before (a lower learning rate usually helps)");
                        }
                        endedAtBest = true;
                    }
                } else {
                    st.inARow = 0;
                    st.accept(it);
                    loss.backward();
                    adam.step();
                    if (st.average == null) {
                        st.average = out.copy().keep();
                    } else {
                        st.average.blend(s.averageDecay(), 1 - s.averageDecay(), out);
                    }
                    st.keepIfBest(it, dataPsnr, out);
                    if (st.episodeStart > 0 && st.tracking) {
                        if (dataPsnr >= st.bestDataPsnr - RECOVERED_DB) {
                            st.episodeStart = 0;
                        } else if (it - st.episodeStart >= RECOVERY_ITERATIONS) {
                            endedAtBest = true;
                        }
                    }
                }
                if (st.average == null) {
                    st.average = out.copy().keep();
                }
                double psnrOut = Double.NaN;
                double psnrAvg = Double.NaN;
                if (ref != null && (it % s.evaluateEvery() == 0 || it == s.iterations())) {
                    psnrOut = psnr(out, ref);
                    psnrAvg = psnr(st.average, ref);
                }
                final Tensor avg = st.average;
                listener.onIteration(new Progress(it, s.iterations(), lossValue, psnrOut, psnrAvg, diverged,
                        (System.nanoTime() - start) / 1e9, out::toImage, avg::toImage));
                if (autoStop != null && s.regNoiseWarmup() > 0 && it == s.regNoiseWarmup() + 1) {
                    autoStop.restart(); // the warm-up's quieter outputs are no minimum for the full σp
                }
                if (autoStop != null && !diverged && autoStop.observe(it, out)) {
                    autoStopped = true;
                }
                // Copied every iteration (cheap next to the step): a stop may arrive at any moment.
                lastOutput = out.toImage();
                done = it;
                if (endedAtBest) {
                    listener.onNote(it, "the fit diverged at iteration " + st.episodeStartOr(it) + " and did not "
                            + (st.inARow > MAX_BACKTRACKS_IN_A_ROW ? "recover after " + MAX_BACKTRACKS_IN_A_ROW + " roll-backs"
                                    : "come back within " + RECOVERED_DB + " dB of its best data term")
                            + "; it ends with the state of iteration " + st.bestIteration);
                    break;
                }
                if (checkpointFile != null && checkpointEvery > 0 && it % checkpointEvery == 0) {
                    Checkpoint.save(checkpointFile, st, adam, autoStop, st.counters(it, s.seed()));
                    savedAt = it;
                }
                if (autoStopped) {
                    break;
                }
            }
        }
        if (checkpointFile != null && stopRequested.get() && done > 0 && savedAt != done) {
            Checkpoint.save(checkpointFile, st, adam, autoStop, st.counters(done, s.seed()));
        }
        int outputIteration = done;
        Image avgImage = st.average == null ? null : st.average.toImage();
        if (endedAtBest) {
            // The best state: its output and the average as it stood then (the slide's outputs left out), unless the
            // automatic stop had already picked an output at or before it.
            for (int i = 0; i < params.size(); i++) {
                params.get(i).assign(st.best.get(i));
            }
            lastOutput = st.bestOutput.toImage();
            avgImage = st.bestAverage.toImage();
            outputIteration = st.bestIteration;
            if (autoStop != null && autoStop.bestOutput() != null && autoStop.bestIteration() <= st.bestIteration) {
                lastOutput = autoStop.bestOutput();
                outputIteration = autoStop.bestIteration();
            }
        } else if (autoStop != null && autoStop.bestOutput() != null) {
            lastOutput = autoStop.bestOutput();
            outputIteration = autoStop.bestIteration();
        }
        return new FitResult(lastOutput, avgImage, done, st.backtracks, (System.nanoTime() - start) / 1e9,
                done < s.iterations() && !autoStopped && !endedAtBest, outputIteration, autoStopped,
                endedAtBest ? st.bestIteration : 0, st.fp32From);
    }

    /**
     * The loop's divergence state: the last accepted weights (roll-backs go there), the best data term so far with
     * its weights, output and average (a fit that does not recover ends there), and the counters a checkpoint keeps.
     */
    static final class State {
        final List<Tensor> params;
        final List<Tensor> lastGood = new ArrayList<>();
        final List<Tensor> best = new ArrayList<>();
        final boolean tracking;
        Tensor average;
        Tensor bestOutput;
        Tensor bestAverage;
        double bestDataPsnr = Double.NaN;
        int bestIteration;
        int lastGoodIteration;
        int backtracks;
        int inARow;
        int episodeStart;
        int fp32From;

        State(List<Tensor> params, boolean tracking) {
            this.params = params;
            this.tracking = tracking;
            for (Tensor p : params) {
                lastGood.add(p.copy().keep());
                best.add(p.copy().keep());
            }
        }

        /** The iteration's weights (before its step) become the last good ones. */
        void accept(int it) {
            if (tracking) {
                for (int i = 0; i < params.size(); i++) {
                    lastGood.get(i).assign(params.get(i));
                }
                lastGoodIteration = it;
            }
        }

        /** After the step and the average: a new best data term keeps its weights (the last good ones), output and average. */
        void keepIfBest(int it, double dataPsnr, Tensor out) {
            if (!(dataPsnr > bestDataPsnr) && !Double.isNaN(bestDataPsnr)) {
                return;
            }
            bestDataPsnr = dataPsnr;
            bestIteration = it;
            if (!tracking) {
                return;
            }
            for (int i = 0; i < params.size(); i++) {
                best.get(i).assign(lastGood.get(i));
            }
            if (bestOutput == null) {
                bestOutput = out.copy().keep();
                bestAverage = average.copy().keep();
            } else {
                bestOutput.assign(out);
                bestAverage.assign(average);
            }
        }

        void rollBack() {
            for (int i = 0; i < params.size(); i++) {
                params.get(i).assign(lastGood.get(i));
            }
        }

        int episodeStartOr(int it) { return episodeStart > 0 ? episodeStart : it; }

        Checkpoint.Counters counters(int it, long seed) {
            return new Checkpoint.Counters(it, bestDataPsnr, backtracks, seed, params.size(), bestIteration, lastGoodIteration,
                    inARow, episodeStart, fp32From);
        }

        void restore(Checkpoint.Counters c) {
            bestDataPsnr = c.bestDataPsnr();
            backtracks = c.backtracks();
            bestIteration = c.bestIteration();
            lastGoodIteration = c.lastGoodIteration();
            inARow = c.inARow();
            episodeStart = c.episodeStart();
            fp32From = c.fp32From();
        }
    }

    /** PSNR in dB of x (clamped to [0,1]) against a reference, over all pixels and channels. */
    static double psnr(Tensor x, Tensor ref) {
        try (Scope s = new Scope()) {
            return -10 * Math.log10(Ops.mse(Ops.clamp(x, 0, 1), ref).item());
        }
    }
}
