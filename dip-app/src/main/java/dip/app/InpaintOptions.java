package dip.app;

import dip.image.Image;
import dip.image.Mask;
import dip.task.TaskSpec;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** The options of {@code dip inpaint}: where the holes are (a mask file, random pixels, or the input's zeros). */
public final class InpaintOptions extends TaskOptions {
    static final class MaskSource {
        @Option(names = "--mask", paramLabel = "MASK", description = "Mask image of the same size: white (> 127) = known, black = hole.")
        Path file;

        @Option(names = "--keep", paramLabel = "P", description = "Drop pixels at random, keeping each with probability P (seeded by --seed); the input is the complete image.")
        Double keep;

        @Option(names = "--mask-from-zeros", description = "Holes are the input's zero pixels (the format of the 50%%-pixels benchmark).")
        boolean fromZeros;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    MaskSource mask;

    @Override
    protected void validateOwn() {
        if (mask.keep != null && !(mask.keep > 0 && mask.keep < 1)) {
            throw new UserError(ExitCode.USAGE, "--keep must be between 0 and 1 (exclusive), got " + mask.keep);
        }
    }

    @Override
    protected TaskSpec spec(Image input) {
        if (mask.file != null) {
            return TaskSpec.inpaint(input, Mask.fromFile(mask.file, input.height(), input.width()));
        }
        return mask.keep != null ? TaskSpec.dropPixels(input, mask.keep) : TaskSpec.restorePixels(input);
    }

    @Override
    public Map<String, Path> extraInputs() { return mask.file != null ? Map.of("mask", mask.file) : Map.of(); }
}
