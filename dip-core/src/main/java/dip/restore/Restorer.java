package dip.restore;

import dip.engine.Cpu;
import dip.engine.Engine;
import dip.engine.Owner;
import dip.engine.Scope;
import dip.engine.Workers;
import dip.fit.FitListener;
import dip.fit.FitResult;
import dip.fit.Fitter;
import dip.fit.VarianceStop;
import dip.image.Image;
import dip.net.Net;
import dip.prior.DeepPrior;
import dip.prior.PixelPrior;
import dip.prior.Prior;
import dip.prior.TvPrior;
import dip.task.Task;
import dip.task.TaskSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One restoration, from a {@link RestoreConfig} to a {@link Restoration}: the one path every caller (CLI,
 * benchmarks, library users) takes. The constructor initialises the engine (threads), seeds it from the config,
 * and builds the data term, the net, z and the prior at the task's output size; {@link #run} fits with the
 * config's stop rule and checkpoints and returns the images with their {@link Provenance}. Everything native it
 * allocated is owned by one {@link Owner} and freed by {@link #close()}, also after a failure. It runs once; it
 * may be built, run and closed on different threads, one at a time:
 *
 * <pre>{@code
 * try (Restorer r = new Restorer(RestoreConfig.builder(TaskSpec.denoise(noisy)).build())) {
 *     Restoration result = r.run(FitListener.NONE);
 * }
 * }</pre>
 */
public final class Restorer implements AutoCloseable {
    private final RestoreConfig config;
    private final Owner owner;
    private final Task task;
    private final Prior prior;
    private final Fitter fitter = new Fitter();
    /** This restoration's random stream (weights, z, then the perturbations), whichever thread runs it. */
    private final org.bytedeco.pytorch.Generator generator;
    private boolean ran;
    /** The restorers of the ensemble's runs now fitting (runs 2 … n), so a stop request reaches them. */
    private final java.util.Set<Restorer> others = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean stopRequested;
    private int runsAtOnce;

    /** Builds everything for {@code config} (weights and z are drawn here, from the config's seed). */
    public Restorer(RestoreConfig config) { this(config, UnaryOperator.identity()); }

    /**
     * As {@link #Restorer(RestoreConfig)}, with the data term passed through {@code instrument} first (tests use it
     * to inject faults; it must keep the task's sizes).
     */
    public Restorer(RestoreConfig config, UnaryOperator<Task> instrument) {
        this.config = config;
        Engine.init(config.threads());
        this.owner = new Owner();
        org.bytedeco.pytorch.Generator callers = Engine.useGenerator(null);
        // Kept tensors (weights, z, the task's) belong to the owner; the scope frees the temporaries of building them.
        try (Scope temporaries = new Scope()) {
            this.task = instrument.apply(config.task().task(config.seed()));
            // The seed right before the weights and z: the run is then what the seed says, whatever ran before.
            Engine.seed(config.seed());
            this.prior = buildPrior(config, task);
            this.generator = Engine.generator();
        } catch (RuntimeException | Error e) {
            owner.close();
            throw e;
        } finally {
            owner.stopCollecting(); // the fit owns its own buffers; nothing later belongs to this restorer
            Engine.useGenerator(callers);
        }
        if (config.runs() == 1) { // an ensemble is not checkpointed (RestoreConfig refuses periodic ones and resuming)
            fitter.withCheckpoints(config.checkpoint(), config.checkpointEvery());
        }
        if (config.resume() != null) {
            fitter.resumeFrom(config.resume());
        }
        this.runsAtOnce = Workers.mostAtOnce(config.threads(), config.runs());
    }

    /**
     * The threads each fit of an ensemble computes on ({@link Workers#threadsPerFit}): 1 when the config has several
     * threads and several runs (the runs then fit {@link #runsAtOnce()} at a time), else the config's threads.
     */
    public int runThreads() {
        return Workers.threadsPerFit(config.threads(), config.runs());
    }

    /** How many runs of an ensemble fit at once: the config's threads (at most the runs) unless set lower; 1 for one run. */
    public int runsAtOnce() { return runsAtOnce; }

    /**
     * Fits at most {@code n} runs of an ensemble at once (at least 1, at most the default), e.g. where the memory holds
     * fewer fits. The pixels do not change with it; each run still computes on {@link #runThreads()}.
     */
    public Restorer withRunsAtOnce(int n) {
        this.runsAtOnce = Math.max(1, Math.min(n, Workers.mostAtOnce(config.threads(), config.runs())));
        return this;
    }

    private static Prior buildPrior(RestoreConfig c, Task task) {
        return switch (c.prior()) {
            case NONE -> new PixelPrior(task.initialGuess());
            case TV -> new TvPrior(task.initialGuess(), c.tvWeight());
            case DIP -> {
                Net net = c.net().build(task.outputChannels());
                yield new DeepPrior(net, c.net().input(), c.regNoise(), task.outputHeight(), task.outputWidth(), c.precision());
            }
        };
    }

    /** The config this restorer runs. */
    public RestoreConfig config() { return config; }

    /** The data term, as built. */
    public Task task() { return task; }

    /** The prior, as built (a {@link DeepPrior} for {@link PriorKind#DIP}). */
    public Prior prior() { return prior; }

    /**
     * The resident memory the fit is expected to need, in bytes (see {@link DeepPrior#estimatedBytes()}): of
     * {@link #runsAtOnce()} fits for an ensemble.
     */
    public long estimatedBytes() { return estimatedBytes(runsAtOnce); }

    /** As {@link #estimatedBytes()}, for {@code fits} fits at once. */
    public long estimatedBytes(int fits) {
        return fits * (prior instanceof DeepPrior deep ? deep.estimatedBytes()
                : (500L << 20) + 64L * task.outputHeight() * task.outputWidth());
    }

    /** Asks the fit to finish after the current iteration (thread-safe: from a signal handler, a UI). */
    public void requestStop() {
        stopRequested = true;
        fitter.requestStop();
        for (Restorer r : others) {
            r.requestStop();
        }
    }

    /**
     * Fits, calling {@code listener} after every iteration on this thread, and returns the result with its
     * provenance. A restorer runs once.
     * @throws dip.fit.FitDivergedException when the fit diverges before any good iteration (one that diverges later
     *     and does not recover ends with its best state: {@link FitResult#divergedEnd()})
     */
    public Restoration run(FitListener listener) {
        if (ran) {
            throw new IllegalStateException("a Restorer runs once; build another for another run");
        }
        ran = true;
        Engine.init(runThreads()); // the thread count is per thread: this may not be the one that built
        VarianceStop stop = config.stop().create();
        if (stop != null) {
            fitter.withAutoStop(stop);
        }
        String precision = prior.precision().label(); // as asked: a bf16 fit that goes on in fp32 is rerun in bf16
        Ensemble together = config.runs() > 1 ? new Ensemble(listener) : null;
        FitResult fit;
        try {
            if (together != null) {
                together.start(); // runs 2 … n on helper threads, alongside the first
            }
            org.bytedeco.pytorch.Generator callers = Engine.useGenerator(generator);
            try {
                fit = fitter.fit(task, prior, config.fitSettings(), config.reference(), listener).delivering(config.result());
            } finally {
                Engine.useGenerator(callers);
            }
            if (together != null) {
                if (fit.stopped()) {
                    requestStop();
                }
                together.workHere(listener); // then the runs left, here
            }
        } catch (RuntimeException | Error e) {
            if (together != null) {
                requestStop(); // the runs still fitting on helpers end at their next iteration
                try {
                    together.join();
                } catch (RuntimeException | Error other) {
                    e.addSuppressed(other);
                }
            }
            throw e;
        }
        if (together != null) {
            together.join();
            fit = together.result(fit);
        }
        return new Restoration(fit.output(), fit.average(), fit, provenance(fit, precision));
    }

    /**
     * Runs 2 … n of an ensemble, with seeds seed + 1 … seed + n − 1, each built, fitted and freed in turn by one of
     * {@link #runsAtOnce()} threads: the caller's, which fits the first run meanwhile and then takes runs left, and
     * runsAtOnce − 1 helpers. The first run's iterations reach the listener as they happen, as do those of the runs the
     * caller takes later; a helper's runs report a note when they start and end (and their notes then).
     */
    private final class Ensemble {
        private final FitListener listener;
        private final FitResult[] results = new FitResult[config.runs()];
        private final java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger(1);
        private final List<String> helperNotes = java.util.Collections.synchronizedList(new ArrayList<>());
        private long startNanos;
        private volatile Workers workers;

        Ensemble(FitListener listener) {
            this.listener = listener;
        }

        void start() {
            startNanos = System.nanoTime();
            if (runsAtOnce > 1) {
                listener.onNote(0, "runs 1–" + Math.min(runsAtOnce, config.runs()) + " of " + config.runs()
                        + " fit at once, on " + runThreads() + " thread each (seeds " + config.seed() + "…)");
            }
            workers = new Workers(Restorer.this::requestStop);
            workers.start(runsAtOnce - 1, "dip-run", () -> work(null));
        }

        /** The caller's share: runs left after the first, their progress to {@code to}; a failure is thrown at the join. */
        void workHere(FitListener to) {
            workers.runHere(() -> work(to));
        }

        /** Fits the next run left until none is; {@code to} gets its progress (null: a helper, notes only). */
        void work(FitListener to) {
            while (!workers.failed() && !stopRequested) {
                int k = next.getAndIncrement();
                if (k >= config.runs()) {
                    return;
                }
                results[k] = fitRun(k, to);
            }
        }

        private FitResult fitRun(int k, FitListener to) {
            String name = "run " + (k + 1) + " of " + config.runs() + " (seed " + (config.seed() + k) + ")";
            if (to != null) {
                to.onNote(0, name);
            }
            RestoreConfig one = config.toBuilder().seed(config.seed() + k).runs(1).threads(runThreads()).checkpoints(null, 0)
                    .build();
            // The same data term: a degradation simulated from the seed (--add-noise, dropped pixels) is the first run's.
            // A task only reads its tensors, so runs at once share it.
            try (Restorer r = new Restorer(one, t -> task)) {
                others.add(r);
                try {
                    if (stopRequested) {
                        r.requestStop();
                    }
                    FitListener progress = to != null ? to : new FitListener() {
                        @Override
                        public void onIteration(dip.fit.Progress p) {}

                        @Override
                        public void onNote(int iteration, String message) {
                            helperNotes.add(name + ", iteration " + iteration + ": " + message);
                        }
                    };
                    FitResult f = r.run(progress).fit();
                    if (to == null) {
                        helperNotes.add(name + " ended after " + f.iterations() + " iterations");
                    }
                    return f;
                } finally {
                    others.remove(r);
                }
            }
        }

        /** Waits for the helpers; throws the first failure of a run (after the helpers' notes reached the listener). */
        void join() {
            try {
                workers.join();
            } finally {
                synchronized (helperNotes) {
                    helperNotes.forEach(n -> listener.onNote(0, n));
                    helperNotes.clear();
                }
            }
        }

        /**
         * The first run's result with the others averaged in; every run cut short (a stop request) is left out. Iterations
         * and roll-backs add up, the seconds are the ensemble's wall time; the rest is the first run's.
         */
        FitResult result(FitResult first) {
            results[0] = first;
            List<FitResult> fits = new ArrayList<>();
            for (FitResult f : results) {
                if (f != null && !f.stopped()) {
                    fits.add(f);
                }
            }
            if (first.stopped()) {
                fits = new ArrayList<>(List.of(first));
            }
            return combine(first, fits, (System.nanoTime() - startNanos) / 1e9);
        }
    }

    private FitResult combine(FitResult first, List<FitResult> fits, double seconds) {
        int iterations = 0;
        int backtracks = 0;
        for (FitResult f : fits) {
            iterations += f.iterations();
            backtracks += f.backtracks();
        }
        boolean cut = fits.size() < config.runs();
        return new FitResult(mean(fits.stream().map(FitResult::output).toList()),
                mean(fits.stream().map(FitResult::average).toList()), iterations, backtracks, seconds,
                first.stopped() || cut, first.outputIteration(), first.autoStopped(), first.endedWithStateOf(), first.fp32From());
    }

    private static Image mean(List<Image> images) {
        Image a = images.get(0);
        float[] sum = new float[a.data().length];
        for (Image img : images) {
            float[] d = img.data();
            for (int i = 0; i < sum.length; i++) {
                sum[i] += d[i];
            }
        }
        for (int i = 0; i < sum.length; i++) {
            sum[i] /= images.size();
        }
        return new Image(a.channels(), a.height(), a.width(), sum);
    }

    private Provenance provenance(FitResult fit, String precision) {
        RestoreConfig c = config;
        String stoppedBy = fit.autoStopped() ? "auto" : fit.stopped() ? "request" : "iterations";
        Net net = prior instanceof DeepPrior deep ? deep.net() : null;
        long parameters = prior.parameters().stream().mapToLong(p -> p.numel()).sum();
        return new Provenance(Provenance.FORMAT, Provenance.Software.current(), Provenance.Task.of(c.task()), c.inputs(),
                Provenance.Settings.of(c, precision, c.resume() != null),
                new Provenance.Run(Cpu.model(), Cpu.instructionSet(), prior.describe(), net == null ? null : net.name(), parameters),
                Provenance.Result.scored(fit.iterations(), fit.outputIteration(), stoppedBy, fit.backtracks(), fit.seconds(),
                        c.task().protocol(), task.observation(), fit.output(), fit.average(), c.reference())
                        .withDivergence(fit.endedWithStateOf(), fit.fp32From()),
                null, null);
    }

    /** Frees every native object of this restoration (net, z, task, optimiser). Idempotent. */
    @Override
    public void close() {
        owner.close();
        synchronized (this) {
            if (!generatorReleased) {
                generatorReleased = true;
                generator.releaseReference();
            }
        }
        Engine.releaseFreedMemory();
    }

    private boolean generatorReleased;
}
