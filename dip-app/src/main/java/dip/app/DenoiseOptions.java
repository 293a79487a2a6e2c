package dip.app;

import dip.image.Image;
import dip.task.TaskSpec;
import picocli.CommandLine.Option;

/** The options of {@code dip denoise}. */
public final class DenoiseOptions extends TaskOptions {
    @Option(names = "--add-noise", paramLabel = "SIGMA", description = "Add Gaussian noise of std SIGMA/255 to a clean input first (seeded by --seed), for experiments.")
    Double addNoise;

    @Override
    protected void validateOwn() {
        if (addNoise != null && !(addNoise >= 0)) {
            throw new UserError(ExitCode.USAGE, "--add-noise must be zero or positive, got " + addNoise);
        }
    }

    @Override
    protected TaskSpec spec(Image input) {
        return addNoise == null ? TaskSpec.denoise(input) : TaskSpec.denoise(input).withAddedNoise(addNoise / 255.0);
    }
}
