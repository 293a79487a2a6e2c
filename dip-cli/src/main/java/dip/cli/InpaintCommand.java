package dip.cli;

import dip.fit.Recipe;
import dip.image.Image;
import dip.image.Mask;
import dip.task.Inpaint;
import dip.task.Task;
import java.nio.file.Path;
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
    Recipe recipe() { return mask.file != null ? Recipe.INPAINT : Recipe.RESTORE_PIXELS; }

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
    Task task(Image input) {
        Image m;
        Image observed = input;
        if (mask.file != null) {
            m = Mask.fromFile(mask.file, input.height(), input.width());
        } else if (mask.keep != null) {
            m = Mask.bernoulli(input.height(), input.width(), mask.keep, fit.seed);
            observed = Mask.apply(input, m);
        } else {
            m = Mask.fromZeros(input);
        }
        return new Inpaint(observed, m);
    }

    @Override
    Image shownInput(Task task) { return task.observation(); }
}
