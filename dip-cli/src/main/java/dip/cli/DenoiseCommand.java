package dip.cli;

import dip.fit.Recipe;
import dip.image.Image;
import dip.task.Denoise;
import dip.task.Task;
import java.util.SplittableRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** ./dip denoise INPUT -o OUTPUT: the paper's denoising recipe. */
@Command(name = "denoise", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Remove noise from an image by fitting the deep image prior to it.",
                "Defaults: 3000 iterations, lr 0.01, reg noise 1/30, exponential average 0.99, backtracking on a 5 dB drop."})
public final class DenoiseCommand extends FitCommand {
    @Option(names = "--add-noise", paramLabel = "SIGMA", description = "Add Gaussian noise of std SIGMA/255 to a clean input first (seeded by --seed), for experiments.")
    Double addNoise;

    @Override
    Recipe recipe() { return Recipe.DENOISE; }

    @Override
    void validateOwnOptions() {
        if (addNoise != null && !(addNoise >= 0)) {
            throw new UserError(ExitCode.USAGE, "--add-noise must be zero or positive, got " + addNoise);
        }
    }

    @Override
    Task task(Image input) {
        return new Denoise(addNoise == null ? input : addGaussianNoise(input, addNoise / 255.0, fit.seed));
    }

    /** x + N(0, σ²), clipped to [0,1], as the authors synthesise noisy inputs. */
    static Image addGaussianNoise(Image clean, double sigma, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Image out = clean.copy();
        float[] d = out.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) Math.min(1, Math.max(0, d[i] + sigma * gaussian(rng)));
        }
        return out;
    }

    private static double gaussian(SplittableRandom rng) {
        // Box–Muller: SplittableRandom has no nextGaussian on Java 17.
        double u1 = 1 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
