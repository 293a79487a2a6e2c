package dip.app;

import dip.image.Image;
import dip.task.TaskSpec;
import picocli.CommandLine.Option;

/** The options of {@code dip super-resolve}. */
public final class SuperResolveOptions extends TaskOptions {
    @Option(names = "--scale", required = true, paramLabel = "F", description = "Upscaling factor: 2, 4 or 8.")
    int scale;

    @Override
    protected void validateOwn() {
        if (scale != 2 && scale != 4 && scale != 8) {
            throw new UserError(ExitCode.USAGE, "--scale must be 2, 4 or 8, got " + scale);
        }
    }

    @Override
    protected TaskSpec spec(Image input) { return TaskSpec.superResolve(input, scale); }
}
