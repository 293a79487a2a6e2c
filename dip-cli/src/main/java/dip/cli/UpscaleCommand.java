package dip.cli;

import dip.app.ExitCode;
import dip.app.OverwriteOption;
import dip.app.UserError;
import dip.image.Image;
import dip.image.ImageFiles;
import dip.image.Resize;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** ./dip upscale INPUT --scale F --method bicubic|lanczos -o OUTPUT: the interpolation baselines. */
@Command(name = "upscale", mixinStandardHelpOptions = true,
        description = "Upscale by interpolation (the paper's bicubic baseline, or Lanczos-3).")
public final class UpscaleCommand implements Callable<Integer> {
    enum Method { bicubic, lanczos }

    @Parameters(index = "0", paramLabel = "INPUT", description = "Low-resolution image.")
    Path input;

    @Option(names = "--scale", required = true, paramLabel = "F", description = "Factor (2 to 16).")
    int scale;

    @Option(names = "--method", defaultValue = "bicubic", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Method method;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUTPUT", description = "Result (PNG).")
    Path output;

    @Mixin
    OverwriteOption overwrite;

    @Option(names = "--bit-depth", defaultValue = "8", description = "8 or 16 (default: ${DEFAULT-VALUE}).")
    int bitDepth;

    @Override
    public Integer call() {
        if (scale < 2 || scale > 16) {
            throw new UserError(ExitCode.USAGE, "--scale must be between 2 and 16, got " + scale);
        }
        if (bitDepth != 8 && bitDepth != 16) {
            throw new UserError(ExitCode.USAGE, "--bit-depth must be 8 or 16, got " + bitDepth);
        }
        OutputPaths.checkImage(output, overwrite.force(), input);
        Image lr = ImageFiles.read(input).image();
        Image hr = method == Method.bicubic ? Resize.upscaleBicubic(lr, scale) : Resize.upscaleLanczos(lr, scale);
        ImageFiles.write(hr, output, bitDepth);
        return ExitCode.OK;
    }
}
