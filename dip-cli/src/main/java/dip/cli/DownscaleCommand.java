package dip.cli;

import dip.app.ExitCode;
import dip.app.OverwriteOption;
import dip.app.UserError;
import dip.image.Image;
import dip.image.ImageFiles;
import dip.task.SuperResolve;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** ./dip downscale HR --scale F -o LR: the benchmark's LR inputs, made as the paper made them. */
@Command(name = "downscale", mixinStandardHelpOptions = true,
        description = {"Make a low-resolution input from a high-resolution image as the paper did:",
                "crop to a multiple of 32 (centred), then resize by 1/F in 8 bits: antialiased Lanczos-3 (PIL's ANTIALIAS,",
                "as the authors' notebook) or, with --downscaler bicubic, MATLAB's imresize (the SR benchmarks' inputs).",
                "With --cropped-hr PATH the cropped HR (the ground truth for the SR tables) is written too."})
public final class DownscaleCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "HR", description = "High-resolution image.")
    Path input;

    @Option(names = "--scale", required = true, paramLabel = "F", description = "Factor: 2, 4 or 8.")
    int scale;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "LR", description = "Low-resolution result (PNG).")
    Path output;

    @Option(names = "--downscaler", paramLabel = "KERNEL", defaultValue = "lanczos3",
            description = "lanczos3 (PIL ANTIALIAS) or bicubic (MATLAB imresize, antialiased) (default: ${DEFAULT-VALUE}).")
    String downscaler;

    @Mixin
    OverwriteOption overwrite;

    @Option(names = "--cropped-hr", paramLabel = "PATH", description = "Also write the HR image cropped to a multiple of 32 (PNG).")
    Path croppedHr;

    @Override
    public Integer call() {
        if (scale != 2 && scale != 4 && scale != 8) {
            throw new UserError(ExitCode.USAGE, "--scale must be 2, 4 or 8, got " + scale);
        }
        SuperResolve.Downscaler kernel;
        try {
            kernel = SuperResolve.Downscaler.parse(downscaler);
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCode.USAGE, "--downscaler: " + e.getMessage());
        }
        OutputPaths.checkImage(output, overwrite.force(), input);
        if (croppedHr != null) {
            OutputPaths.checkImage(croppedHr, overwrite.force(), input);
        }
        Image hr = ImageFiles.read(input).image();
        if (hr.height() < 32 || hr.width() < 32) {
            throw new UserError(ExitCode.INPUT, input + " is " + hr.height() + "x" + hr.width() + ": at least 32x32 is needed");
        }
        Image cropped = SuperResolve.groundTruth(hr);
        ImageFiles.write(kernel.apply(cropped, scale), output, 8);
        if (croppedHr != null) {
            ImageFiles.write(cropped, croppedHr, 8);
        }
        return ExitCode.OK;
    }
}
