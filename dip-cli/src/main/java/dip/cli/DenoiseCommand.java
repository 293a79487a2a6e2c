package dip.cli;

import dip.app.DenoiseOptions;
import dip.app.TaskOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** ./dip denoise INPUT -o OUTPUT: the paper's denoising recipe. */
@Command(name = "denoise", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Remove noise from an image by fitting the deep image prior to it.",
                "Defaults: the skip-64 net (--recipe paper: the paper's skip net of 128 channels), at most 3000 iterations "
                        + "stopping by itself, lr 0.01, reg noise 1/30, exponential average 0.99, backtracking on a 5 dB drop."})
public final class DenoiseCommand extends FitCommand {
    @Mixin
    DenoiseOptions options;

    @Override
    TaskOptions options() { return options; }
}
