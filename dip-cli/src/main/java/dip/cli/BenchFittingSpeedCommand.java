package dip.cli;

import dip.app.Durations;
import dip.app.ExitCode;
import dip.app.UserError;
import dip.bench.BenchInputException;
import dip.bench.FittingSpeed;
import dip.engine.Engine;
import dip.fit.Progress;
import dip.net.NetPresets;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** ./dip bench fitting-speed IMAGE: the paper's learning curves of an image, image + noise, shuffled pixels and noise. */
@Command(name = "fitting-speed", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Learning curves of an image, the image + noise, its pixels shuffled, and U(0,1) noise.",
                "Fits the net (reg noise 0, lr 0.01, plain MSE, the same initialisation) to each of the four targets, "
                        + "writes the MSE per iteration (fitting-speed.csv) and a log-scale plot (fitting-speed.png), "
                        + "and prints the first iteration at which each falls below --threshold."})
public final class BenchFittingSpeedCommand implements Callable<Integer> {
    @Parameters(paramLabel = "IMAGE", description = "A natural image.")
    Path image;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "2000", description = "Iterations per target (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--out", defaultValue = "bench-out/fitting-speed", paramLabel = "DIR", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--arch", paramLabel = "NAME", defaultValue = "skip", description = "Net preset (default: ${DEFAULT-VALUE}).")
    String arch;

    @Option(names = "--threshold", paramLabel = "MSE", defaultValue = "0.01", description = "MSE level to report reaching (default: ${DEFAULT-VALUE}).")
    double threshold;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Random seed: net, z, noise and shuffle (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "T", description = "CPU threads (default: all cores).")
    Integer threads;

    @Option(names = "--size", paramLabel = "N", description = "Centre-crop the image to NxN first (default: whole image; 64 or 128 is quick).")
    Integer size;

    @Option(names = "--noise-sigma", defaultValue = "0.1", paramLabel = "SIGMA",
            description = "Std of the noise of the image + noise target, in [0,1] units (default: ${DEFAULT-VALUE}, about 25/255).")
    double noiseSigma;

    @Override
    public Integer call() {
        if (!NetPresets.names().contains(arch)) {
            throw new UserError(ExitCode.USAGE, "unknown net '" + arch + "'; choose one of " + String.join(", ", NetPresets.names()));
        }
        FittingSpeed.Config cfg;
        try {
            cfg = new FittingSpeed.Config(image, iterations, out, arch, threshold, seed,
                    threads == null ? Engine.defaultThreads() : threads, size, noiseSigma, null);
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCode.USAGE, e.getMessage());
        }
        PrintStream err = System.err;
        FittingSpeed.Result r;
        try {
            r = FittingSpeed.run(cfg, new Printer(err));
        } catch (BenchInputException e) {
            throw BenchErrors.toUserError(e);
        }
        System.out.printf(Locale.ROOT, "first iteration with MSE < %s (%dx%d, %s, %d iterations):%n", threshold, r.height(),
                r.width(), arch, iterations);
        for (int t = 0; t < FittingSpeed.TARGETS.size(); t++) {
            String name = FittingSpeed.TARGETS.get(t);
            Integer first = r.firstBelow().get(name);
            double[] mse = r.mse().get(t);
            System.out.printf(Locale.ROOT, "  %-12s %s (final MSE %.5g)%n", name,
                    first == null ? "not reached" : "iteration " + first, mse[mse.length - 1]);
        }
        err.println("wrote " + r.csv() + " and " + r.png());
        return ExitCode.OK;
    }

    private static final class Printer implements FittingSpeed.Listener {
        private final PrintStream err;
        private final ProgressLines lines = new ProgressLines();
        private int targetsLeft;

        Printer(PrintStream err) { this.err = err; }

        @Override
        public void onTargetStart(int index, int count, String target) {
            err.printf("target %d of %d: %s%n", index, count, target);
            targetsLeft = count - index;
            lines.restart();
        }

        @Override
        public void onIteration(String target, Progress p) {
            if (!lines.due(p.iteration(), p.iterations())) {
                return;
            }
            double perIt = p.elapsedSeconds() / p.iteration();
            err.printf(Locale.ROOT, "  %s: iteration %d/%d, MSE %.5g, %.2f s/iteration, ETA %s%n", target,
                    p.iteration(), p.iterations(), p.loss(), perIt,
                    Durations.format(perIt * ((long) targetsLeft * p.iterations() + p.iterations() - p.iteration())));
        }
    }
}
