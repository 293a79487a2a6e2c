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
 * Everything a fit needs to continue bit for bit: the weights, the last good weights (backtracking),
 * Adam's moments, the output average, libtorch's generator state and the loop's counters.
 * The net's input z is not stored: it is redrawn from the seed, which the checkpoint records and checks.
 * With an automatic stop, its state too (the window of recent outputs; see {@link VarianceStop#saveTo}).
 */
final class Checkpoint {
    private Checkpoint() {}

    /** The loop's scalars, in the order they are stored. */
    record Counters(int iteration, double lastGoodDataPsnr, int backtracks, long seed, int parameterTensors) {}

    static void save(Path file, List<Tensor> params, List<Tensor> lastGood, Tensor average, Adam adam, VarianceStop stop,
                     Counters c) {
        Archive.Writer w = new Archive.Writer();
        for (int i = 0; i < params.size(); i++) {
            w.put("param." + i, params.get(i)).put("lastGood." + i, lastGood.get(i));
        }
        if (average != null) {
            w.put("average", average);
        }
        if (stop != null) {
            stop.saveTo(w);
        }
        w.put("adam", adam).put("rng", Engine.rngState())
                .put("counters", c.iteration(), c.lastGoodDataPsnr(), c.backtracks(), c.seed(), c.parameterTensors())
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
    static Counters load(Path file, List<Tensor> params, List<Tensor> lastGood, Adam adam, VarianceStop stop, long seed,
                         Tensor[] averageOut) {
        try {
            Archive.Reader r = new Archive.Reader(file);
            double[] v = r.values("counters");
            long savedSeed = (long) v[3];
            if (r.has("seed")) {
                double[] halves = r.values("seed");
                savedSeed = ((long) halves[0] << 32) | (long) halves[1];
            }
            Counters c = new Counters((int) v[0], v[1], (int) v[2], savedSeed, (int) v[4]);
            if (c.parameterTensors() != params.size()) {
                throw new IOException("it was made with another net (" + c.parameterTensors() + " parameter tensors, this one has " + params.size() + ")");
            }
            if (c.seed() != seed) {
                throw new IOException("it was made with seed " + c.seed() + ", not " + seed);
            }
            for (int i = 0; i < params.size(); i++) {
                params.get(i).assign(r.tensor("param." + i));
                lastGood.get(i).assign(r.tensor("lastGood." + i));
            }
            averageOut[0] = r.tensor("average");
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
