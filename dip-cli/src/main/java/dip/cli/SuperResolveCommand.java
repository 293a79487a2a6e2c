package dip.cli;

import dip.app.SuperResolveOptions;
import dip.app.TaskOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** ./dip super-resolve INPUT --scale F -o OUTPUT. */
@Command(name = "super-resolve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Upscale an image F times: the output, downsampled by a Lanczos-2 filter, must match the input.",
                "Defaults: x4 and x8: the skip-64 net (x2 and --recipe paper: the paper's skip net of 128 channels); x2 and "
                        + "x4: 2000 iterations, reg noise 0.03; x8: 4000 iterations, reg noise 0.05; lr 0.01.",
                "--reference HR logs RGB PSNR during the fit and reports Y-PSNR (shave protocol) at the end."})
public final class SuperResolveCommand extends FitCommand {
    @Mixin
    SuperResolveOptions options;

    @Override
    TaskOptions options() { return options; }
}
