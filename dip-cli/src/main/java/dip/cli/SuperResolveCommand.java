package dip.cli;

import dip.image.Image;
import dip.task.TaskSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** ./dip super-resolve INPUT --scale F -o OUTPUT. */
@Command(name = "super-resolve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Upscale an image F times: the output, downsampled by a Lanczos-2 filter, must match the input.",
                "Defaults: x4: 2000 iterations, reg noise 0.03; x8: 4000 iterations, reg noise 0.05; lr 0.01.",
                "--reference HR logs RGB PSNR during the fit and reports Y-PSNR (shave protocol) at the end."})
public final class SuperResolveCommand extends FitCommand {
    @Option(names = "--scale", required = true, paramLabel = "F", description = "Upscaling factor: 2, 4 or 8.")
    int scale;

    @Override
    void validateOwnOptions() {
        if (scale != 2 && scale != 4 && scale != 8) {
            throw new UserError(ExitCode.USAGE, "--scale must be 2, 4 or 8, got " + scale);
        }
    }

    @Override
    TaskSpec spec(Image input) { return TaskSpec.superResolve(input, scale); }
}
