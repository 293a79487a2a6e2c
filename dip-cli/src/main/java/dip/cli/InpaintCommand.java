package dip.cli;

import dip.app.InpaintOptions;
import dip.app.TaskOptions;
import dip.image.Image;
import dip.task.Task;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** ./dip inpaint INPUT (--mask MASK | --keep P | --mask-from-zeros) -o OUTPUT. */
@Command(name = "inpaint", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fill the holes of an image (inpainting) or restore randomly missing pixels.",
                "Region masks: the skip-64 net, 4000 iterations, lr 0.01, reg noise 0.03, OUTPUT the running average of the outputs "
                        + "(--recipe paper: the skip net, 5000 iterations, OUTPUT the last output; presets: --preset "
                        + "text-inpainting, large-hole, library).",
                "Missing pixels (--keep, --mask-from-zeros): the skip-64 net, 8000 iterations, lr 0.002, reg noise 0.03, "
                        + "OUTPUT the running average of the outputs (--recipe paper: the paper's restoration recipe, the skip "
                        + "net, 11000 iterations, lr 0.001, OUTPUT the last output)."})
public final class InpaintCommand extends FitCommand {
    @Mixin
    InpaintOptions options;

    @Override
    TaskOptions options() { return options; }

    @Override
    void validateOwnOptions() {
        Path mask = options.extraInputs().get("mask");
        if (mask != null) {
            OutputPaths.checkNotOverwritten(output, mask);
        }
    }

    @Override
    Image shownInput(Task task) { return task.observation(); }
}
