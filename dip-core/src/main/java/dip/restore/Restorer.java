package dip.restore;

import dip.engine.Cpu;
import dip.engine.Engine;
import dip.engine.Owner;
import dip.engine.Scope;
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
    /** The restorer of the ensemble's run now fitting (runs 2 … n), so a stop request reaches it. */
    private volatile Restorer current;
    private volatile boolean stopRequested;

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

    /** The resident memory the fit is expected to need, in bytes (see {@link DeepPrior#estimatedBytes()}). */
    public long estimatedBytes() {
        return prior instanceof DeepPrior deep ? deep.estimatedBytes() : (500L << 20) + 64L * task.outputHeight() * task.outputWidth();
    }

    /** Asks the fit to finish after the current iteration (thread-safe: from a signal handler, a UI). */
    public void requestStop() {
        stopRequested = true;
        fitter.requestStop();
        Restorer r = current;
        if (r != null) {
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
        Engine.init(config.threads()); // the thread count is per thread: this may not be the one that built
        VarianceStop stop = config.stop().create();
        if (stop != null) {
            fitter.withAutoStop(stop);
        }
        org.bytedeco.pytorch.Generator callers = Engine.useGenerator(generator);
        String precision = prior.precision().label(); // as asked: a bf16 fit that goes on in fp32 is rerun in bf16
        FitResult fit;
        try {
            fit = fitter.fit(task, prior, config.fitSettings(), config.reference(), listener).delivering(config.result());
        } finally {
            Engine.useGenerator(callers);
        }
        if (config.runs() > 1) {
            fit = ensemble(fit, listener);
        }
        return new Restoration(fit.output(), fit.average(), fit, provenance(fit, precision));
    }

    /**
     * Runs 2 … n of an ensemble, one after the other (each built, fitted and freed before the next: the memory of one
     * fit), with seeds seed + 1 … seed + n − 1, and averages their outputs and averages with the first run's. Iterations,
     * roll-backs and seconds add up; the rest is the first run's. A stop request ends the ensemble with the runs done.
     */
    private FitResult ensemble(FitResult first, FitListener listener) {
        List<FitResult> fits = new ArrayList<>(List.of(first));
        for (int k = 1; k < config.runs() && !stopRequested && !first.stopped(); k++) {
            listener.onNote(0, "run " + (k + 1) + " of " + config.runs() + " (seed " + (config.seed() + k) + ")");
            RestoreConfig one = config.toBuilder().seed(config.seed() + k).runs(1).checkpoints(null, 0).build();
            // The same data term: a degradation simulated from the seed (--add-noise, dropped pixels) is the first run's.
            try (Restorer r = new Restorer(one, t -> task)) {
                current = r;
                if (stopRequested) {
                    break;
                }
                FitResult f = r.run(listener).fit();
                if (f.stopped()) {
                    break; // a run cut short is not averaged in
                }
                fits.add(f);
            } finally {
                current = null;
            }
        }
        int iterations = 0;
        int backtracks = 0;
        double seconds = 0;
        for (FitResult f : fits) {
            iterations += f.iterations();
            backtracks += f.backtracks();
            seconds += f.seconds();
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
