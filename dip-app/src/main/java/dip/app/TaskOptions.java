package dip.app;

import dip.fit.Recipe;
import dip.image.Image;
import dip.image.ImageFiles;
import dip.restore.RestoreConfig;
import dip.task.TaskSpec;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Mixin;

/**
 * The options of one restoration task ({@code dip denoise}, {@code jpeg}, {@code super-resolve}, {@code inpaint}: their
 * names, defaults and checks) and the one mapping of them to a {@link RestoreConfig}. The CLI's commands mix them in;
 * {@link RestoreSettings} parses them from option words or a settings file for the Spark job and library users.
 */
public abstract class TaskOptions {
    /** Smallest input side: a single pixel has no structure for a prior to restore. */
    public static final int MIN_SIDE = 2;

    @Mixin
    public FitOptions fit;

    @Mixin
    public PriorOptions prior;

    /** The task's options with nothing parsed yet: {@code task} is one of {@link RestoreSettings#TASKS}. */
    static TaskOptions of(String task) {
        return switch (task) {
            case "denoise" -> new DenoiseOptions();
            case "jpeg" -> new JpegOptions();
            case "super-resolve" -> new SuperResolveOptions();
            case "inpaint" -> new InpaintOptions();
            default -> throw new UserError(ExitCode.USAGE, "--task must be one of " + String.join(", ", RestoreSettings.TASKS)
                    + ", got '" + task + "'");
        };
    }

    /** What to restore, from the input image (may read more files: name them in {@link #extraInputs}). */
    protected abstract TaskSpec spec(Image input);

    /** Files besides the input that the task reads, by role (e.g. "mask"), for the provenance. */
    public Map<String, Path> extraInputs() { return Map.of(); }

    /** Checks of this task's own options. */
    protected void validateOwn() {}

    /** Checks every option before anything is read. @throws UserError (exit code 2) for a bad value */
    public void validate() {
        fit.validate();
        prior.validate();
        validateOwn();
    }

    /**
     * Reads {@code input} (and {@code reference}, or null), checks them, and turns the options into the restoration config
     * of that image, as a builder (the CLI adds its checkpoints to it).
     * @throws UserError (exit code 3), {@link dip.image.ImageReadException} when an input cannot be used
     */
    public RestoreConfig.Builder builder(Path input, Path reference) {
        ImageFiles.ReadResult read = ImageFiles.read(input);
        read.warnings().forEach(w -> System.err.println("dip: warning: " + w));
        if (read.image().height() < MIN_SIDE || read.image().width() < MIN_SIDE) {
            throw new UserError(ExitCode.INPUT, input + " is " + read.image().width() + "x" + read.image().height()
                    + " pixels: too small to restore (at least " + MIN_SIDE + "x" + MIN_SIDE + ")");
        }
        Image ref = reference == null ? null : ImageFiles.read(reference).image();
        TaskSpec spec = spec(read.image());
        if (ref != null && (ref.height() != spec.outputHeight() || ref.width() != spec.outputWidth()
                || ref.channels() != spec.outputChannels())) {
            throw new UserError(ExitCode.INPUT, "reference " + reference + " is " + ref.shape() + " but the result will be "
                    + spec.outputChannels() + "x" + spec.outputHeight() + "x" + spec.outputWidth());
        }
        Recipe recipe = fit.recipe(spec);
        RestoreConfig.Builder b = RestoreConfig.builder(spec).reference(ref).inputFile("input", input);
        extraInputs().forEach(b::inputFile);
        if (reference != null) {
            b.inputFile("reference", reference);
        }
        fit.configure(b, recipe);
        prior.configure(b, recipe);
        return b;
    }
}
