package dip.cli;

import dip.app.JpegOptions;
import dip.app.TaskOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** ./dip jpeg INPUT -o OUTPUT: blind JPEG artifact removal. */
@Command(name = "jpeg", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Remove JPEG compression artifacts (blind: the quality is not needed).",
                "Defaults: the paper's JPEG preset (3-channel input, nd=nu=[8,16,32,64,128], ns=[0,0,0,4,4]), 2400 iterations, lr 0.01, reg noise 1/30."})
public final class JpegCommand extends FitCommand {
    @Mixin
    JpegOptions options;

    @Override
    TaskOptions options() { return options; }
}
