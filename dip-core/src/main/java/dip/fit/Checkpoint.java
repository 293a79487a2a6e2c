package dip.fit;

import dip.engine.Adam;
import dip.engine.Archive;
import dip.engine.Engine;
import dip.engine.NativeErrors;
import dip.engine.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything a fit needs to continue bit for bit: the weights, the last good and the best weights (backtracking),
 * the best state's output and average, Adam's moments, the output average, libtorch's generator state and the loop's counters.
 * The net's input z is not stored: it is redrawn from the seed, which the checkpoint records and checks.
 * With an automatic stop, its state too (the window of recent outputs; see {@link VarianceStop#saveTo}).
 */
final class Checkpoint {
    private Checkpoint() {}

    /** The loop's scalars, in the order they are stored (see {@link Fitter.State}). */
    record Counters(int iteration, double bestDataPsnr, int backtracks, long seed, int parameterTensors, int bestIteration,
                    int lastGoodIteration, int inARow, int episodeStart, int fp32From) {}

    static void save(Path file, Fitter.State st, Adam adam, VarianceStop stop, Counters c) {
        Archive.Writer w = new Archive.Writer();
        for (int i = 0; i < st.params.size(); i++) {
            w.put("param." + i, st.params.get(i)).put("lastGood." + i, st.lastGood.get(i)).put("best." + i, st.best.get(i));
        }
        if (st.average != null) {
            w.put("average", st.average);
        }
        if (st.bestOutput != null) {
            w.put("bestOutput", st.bestOutput).put("bestAverage", st.bestAverage);
        }
        if (stop != null) {
            stop.saveTo(w);
        }
        w.put("adam", adam).put("rng", Engine.rngState())
                .put("counters", c.iteration(), c.bestDataPsnr(), c.backtracks(), c.seed(), c.parameterTensors(),
                        c.bestIteration(), c.lastGoodIteration(), c.inARow(), c.episodeStart(), c.fp32From())
                // The counters are doubles, exact to 53 bits; a seed (tiles derive full 64-bit ones) goes in two halves.
                .put("seed", c.seed() >>> 32, c.seed() & 0xffffffffL);
        try {
            w.saveAtomically(file);
        } catch (IOException | RuntimeException e) {
            throw new CheckpointException("cannot write checkpoint " + file + ": " + e.getMessage(), true);
        }
    }

    /**
     * Restores the state into the given tensors, optimiser and stop rule (if any; a checkpoint of a fit without
     * one leaves it to start afresh); returns the counters and the average.
     */
    static Counters load(Path file, Fitter.State st, Adam adam, VarianceStop stop, long seed, Tensor[] averageOut) {
        List<Tensor> params = st.params;
        try {
            Archive.Reader r = new Archive.Reader(file);
            double[] v = r.values("counters");
            long savedSeed = (long) v[3];
            if (r.has("seed")) {
                double[] halves = r.values("seed");
                savedSeed = ((long) halves[0] << 32) | (long) halves[1];
            }
            // A checkpoint written before the best state was kept has 5 counters: its last good data term stands for the
            // best, with no best state to end with (a fit resumed from it that does not recover fails as it did then).
            boolean full = v.length >= 10;
            Counters c = new Counters((int) v[0], v[1], (int) v[2], savedSeed, (int) v[4], full ? (int) v[5] : 0,
                    full ? (int) v[6] : (int) v[0], full ? (int) v[7] : 0, full ? (int) v[8] : 0, full ? (int) v[9] : 0);
            if (c.parameterTensors() != params.size()) {
                throw new IOException("it was made with another net (" + c.parameterTensors() + " parameter tensors, this one has " + params.size() + ")");
            }
            if (c.seed() != seed) {
                throw new IOException("it was made with seed " + c.seed() + ", not " + seed);
            }
            for (int i = 0; i < params.size(); i++) {
                params.get(i).assign(r.tensor("param." + i));
                st.lastGood.get(i).assign(r.tensor("lastGood." + i));
                st.best.get(i).assign(r.tensor(r.has("best." + i) ? "best." + i : "lastGood." + i));
            }
            averageOut[0] = r.tensor("average");
            if (r.has("bestOutput")) {
                st.bestOutput = r.tensor("bestOutput");
                st.bestAverage = r.tensor("bestAverage");
            }
            r.loadInto("adam", adam);
            if (stop != null && VarianceStop.savedIn(r)) {
                stop.loadFrom(r);
            }
            Engine.setRngState(r.tensor("rng"));
            return c;
        } catch (IOException | RuntimeException e) {
            throw new CheckpointException("cannot resume from " + file + ": " + NativeErrors.firstLine(e.getMessage()), false);
        }
    }

}
