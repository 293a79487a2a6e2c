package dip.cli;

import dip.image.Image;
import dip.task.TaskSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** ./dip denoise INPUT -o OUTPUT: the paper's denoising recipe. */
@Command(name = "denoise", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Remove noise from an image by fitting the deep image prior to it.",
                "Defaults: the skip-64 net (--recipe paper: the paper's skip net of 128 channels), at most 3000 iterations "
                        + "stopping by itself, lr 0.01, reg noise 1/30, exponential average 0.99, backtracking on a 5 dB drop."})
public final class DenoiseCommand extends FitCommand {
    @Option(names = "--add-noise", paramLabel = "SIGMA", description = "Add Gaussian noise of std SIGMA/255 to a clean input first (seeded by --seed), for experiments.")
    Double addNoise;

    @Override
    void validateOwnOptions() {
        if (addNoise != null && !(addNoise >= 0)) {
            throw new UserError(ExitCode.USAGE, "--add-noise must be zero or positive, got " + addNoise);
        }
    }

    @Override
    TaskSpec spec(Image input) {
        return addNoise == null ? TaskSpec.denoise(input) : TaskSpec.denoise(input).withAddedNoise(addNoise / 255.0);
    }
}
