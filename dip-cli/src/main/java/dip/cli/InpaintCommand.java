package dip.cli;

import dip.image.Image;
import dip.image.Mask;
import dip.task.Task;
import dip.task.TaskSpec;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** ./dip inpaint INPUT (--mask MASK | --keep P | --mask-from-zeros) -o OUTPUT. */
@Command(name = "inpaint", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fill the holes of an image (inpainting) or restore randomly missing pixels.",
                "Region masks: 5000 iterations, lr 0.01, reg noise 0.03 (presets: --preset text-inpainting, large-hole, library).",
                "Missing pixels (--keep, --mask-from-zeros): the paper's restoration recipe, 11000 iterations, lr 0.001, reg noise 0.03."})
public final class InpaintCommand extends FitCommand {
    static final class MaskSource {
        @Option(names = "--mask", paramLabel = "MASK", description = "Mask image of the same size: white (> 127) = known, black = hole.")
        Path file;

        @Option(names = "--keep", paramLabel = "P", description = "Drop pixels at random, keeping each with probability P (seeded by --seed); the input is the complete image.")
        Double keep;

        @Option(names = "--mask-from-zeros", description = "Holes are the input's zero pixels (the format of the 50%-pixels benchmark).")
        boolean fromZeros;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    MaskSource mask;

    @Override
    void validateOwnOptions() {
        if (mask.keep != null && !(mask.keep > 0 && mask.keep < 1)) {
            throw new UserError(ExitCode.USAGE, "--keep must be between 0 and 1 (exclusive), got " + mask.keep);
        }
        if (mask.file != null) {
            OutputPaths.checkNotOverwritten(output, mask.file);
        }
    }

    @Override
    TaskSpec spec(Image input) {
        if (mask.file != null) {
            return TaskSpec.inpaint(input, Mask.fromFile(mask.file, input.height(), input.width()));
        }
        return mask.keep != null ? TaskSpec.dropPixels(input, mask.keep) : TaskSpec.restorePixels(input);
    }

    @Override
    Map<String, Path> extraInputs() { return mask.file != null ? Map.of("mask", mask.file) : Map.of(); }

    @Override
    Image shownInput(Task task) { return task.observation(); }
}
