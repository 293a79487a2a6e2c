package dip.cli;

import dip.fit.Recipe;
import dip.net.Net;
import dip.net.NetPresets;
import dip.prior.DeepPrior;
import dip.prior.NetInput;
import dip.prior.PixelPrior;
import dip.prior.Prior;
import dip.prior.TvPrior;
import dip.task.Task;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Which prior parametrises x: the deep image prior (with which net), TV, or none. */
public final class PriorOptions {
    public enum Kind { none, tv, dip }

    @Option(names = "--prior", defaultValue = "dip", description = "dip (a generator net), tv (pixels + TV), none (pixels only) (default: ${DEFAULT-VALUE}).")
    Kind prior;

    @Option(names = "--tv-weight", paramLabel = "LAMBDA", description = "Weight of the TV term with --prior tv (task default if omitted).")
    Double tvWeight;

    @Option(names = "--arch", paramLabel = "NAME", description = "Generator net: skip, encoder-decoder, unet, resnet (default: the task's preset).")
    String arch;

    @Option(names = "--preset", paramLabel = "NAME", description = "A named net of the paper: skip, encoder-decoder, unet, resnet, jpeg, text-inpainting, large-hole, library.")
    String preset;

    @Mixin
    PrecisionOption precision;

    @Mixin
    NetOptions shape;

    void validate() {
        if (arch != null && preset != null) {
            throw new UserError(ExitCode.USAGE, "--arch and --preset are alternatives: give one");
        }
        if (tvWeight != null && !(tvWeight >= 0)) {
            throw new UserError(ExitCode.USAGE, "--tv-weight must be zero or positive, got " + tvWeight);
        }
        precision.resolve();
        String name = arch != null ? arch : preset;
        if (name != null && !NetPresets.names().contains(name)) {
            throw new UserError(ExitCode.USAGE, "unknown net '" + name + "'; choose one of " + String.join(", ", NetPresets.names()));
        }
    }

    /** Builds the prior; call after seeding, as it draws the weights and z. */
    Prior build(Task task, Recipe recipe, double regNoise) {
        return switch (prior) {
            case none -> new PixelPrior(task.initialGuess());
            case tv -> new TvPrior(task.initialGuess(), tvWeight != null ? tvWeight : recipe.tvWeight());
            case dip -> {
                String name = arch != null ? arch : preset != null ? preset : recipe.preset();
                Net net = name.equals("skip") && shape.customised()
                        ? shape.build(NetOptions.Arch.skip, task.outputChannels())
                        : NetPresets.byName(name, shape.inputDepth, task.outputChannels());
                NetInput input = NetPresets.meshgridInput(name) ? NetInput.MESHGRID : NetInput.NOISE;
                yield new DeepPrior(net, input, regNoise, task.outputHeight(), task.outputWidth(), precision.resolve());
            }
        };
    }
}
