package dip.app;

import dip.fit.Recipe;
import dip.net.NetPresets;
import dip.restore.NetSpec;
import dip.restore.PriorKind;
import dip.restore.RestoreConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Which prior parametrises x: the deep image prior (with which net), TV, or none. */
public final class PriorOptions {
    public enum Kind { none, tv, dip }

    @Option(names = "--prior", defaultValue = "dip", description = "dip (a generator net), tv (pixels + TV), none (pixels only) (default: ${DEFAULT-VALUE}).")
    Kind prior;

    /** Replaces --prior (dip compare runs every prior in turn). */
    public void prior(Kind kind) { prior = kind; }

    @Option(names = "--tv-weight", paramLabel = "LAMBDA", description = "Weight of the TV term with --prior tv (task default if omitted).")
    Double tvWeight;

    @Option(names = "--arch", paramLabel = "NAME", description = "Generator net: skip, encoder-decoder, unet, resnet (default: the task's preset).")
    String arch;

    @Option(names = "--preset", paramLabel = "NAME", description = "A named net: skip, skip-64, encoder-decoder, unet, resnet, jpeg, text-inpainting, large-hole, library.")
    String preset;

    @Mixin
    PrecisionOption precision;

    @Mixin
    NetOptions shape;

    /** Checks the values. @throws UserError (exit code 2) for a bad one */
    public void validate() {
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

    /** Sets the prior, its net (or TV weight) and the precision on a config; {@code recipe} gives the default net. */
    public void configure(RestoreConfig.Builder b, Recipe recipe) {
        b.prior(PriorKind.byKey(prior.name())).precision(precision.resolve());
        if (tvWeight != null) {
            b.tvWeight(tvWeight);
        }
        String name = arch != null ? arch : preset != null ? preset : recipe.preset();
        b.net(shape.spec(name));
    }
}
