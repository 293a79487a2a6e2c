package dip.restore;

import dip.engine.Engine;
import dip.engine.Precision;
import dip.image.Image;
import dip.image.ImageFiles;
import dip.image.Mask;
import dip.task.TaskSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A provenance file turned back into its run: the same inputs (checked by their SHA-256), task and settings, so a
 * {@link Restorer} repeats it (bit for bit on the same CPU and threads). Checkpointing is not repeated: a resumed
 * seeded run ends as an uninterrupted one would.
 */
public final class Rerun {
    private Rerun() {}

    /** An input file that is missing or whose bytes differ from the ones the run read. */
    public static final class InputChangedException extends RuntimeException {
        InputChangedException(String message) { super(message); }
    }

    /**
     * The config of the run {@code p} describes.
     * @param notes receives one line per difference that does not prevent the rerun (another dip or libtorch version)
     * @throws InputChangedException when an input file is missing or changed
     * @throws IllegalArgumentException when the provenance is incomplete or inconsistent
     */
    public static RestoreConfig config(Provenance p, Consumer<String> notes) {
        Provenance.Software was = p.software();
        if (was != null && !BuildInfo.version().equals(was.dip())) {
            notes.accept("the run was made by dip " + was.dip() + ", this is dip " + BuildInfo.version() + ": results may differ");
        }
        if (was != null && !Engine.version().equals(was.libtorch())) {
            notes.accept("the run used " + was.libtorch() + ", this is " + Engine.version() + ": results may differ");
        }
        Image input = null;
        Image mask = null;
        Image reference = null;
        for (InputFile f : p.inputs()) {
            Path file = Path.of(f.path());
            if (!Files.isRegularFile(file)) {
                throw new InputChangedException(f.role() + " " + file + " is missing (the run read it)");
            }
            String now = InputFile.sha256(file);
            if (!now.equals(f.sha256())) {
                throw new InputChangedException(f.role() + " " + file + " has changed since the run (SHA-256 " + now
                        + ", the run read " + f.sha256() + ")");
            }
            switch (f.role()) {
                case "input" -> input = ImageFiles.read(file).image();
                case "mask" -> mask = file.toString().isEmpty() ? null : Mask.fromFile(file, input.height(), input.width());
                case "reference" -> reference = ImageFiles.read(file).image();
                default -> throw new IllegalArgumentException("cannot rerun this restoration: its " + f.role()
                        + " was prepared in a way rerun does not repeat (only input, mask and reference files are read back)");
            }
        }
        if (input == null) {
            throw new IllegalArgumentException("the provenance names no input file");
        }
        Provenance.Task t = p.task();
        TaskSpec spec = switch (TaskSpec.Kind.byKey(t.kind())) {
            case DENOISE -> TaskSpec.denoise(input).withAddedNoise(t.addedNoise());
            case JPEG -> TaskSpec.jpeg(input);
            case SUPER_RESOLVE -> TaskSpec.superResolve(input, t.factor());
            case INPAINT -> TaskSpec.inpaint(input, mask);
            case RESTORE_PIXELS -> t.keep() > 0 ? TaskSpec.dropPixels(input, t.keep()) : TaskSpec.restorePixels(input);
        };
        Provenance.Settings s = p.settings();
        RestoreConfig.Builder b = RestoreConfig.builder(spec).iterations(s.iterations()).lr(s.lr())
                .lrSchedule(s.schedule()).runs(s.runsOrOne())
                .regNoise(s.regNoise()).regNoiseWarmup(s.regNoiseWarmupOrZero()).result(s.resultImage())
                .averageDecay(s.averageDecay()).backtrackDb(s.backtrackDb()).seed(s.seed()).threads(s.threads())
                .precision(Precision.parse(s.precision()).requireSupported()).prior(PriorKind.byKey(s.prior()))
                .tvWeight(s.tvWeight()).net(s.net()).stop(s.stop()).reference(reference).evaluateEvery(s.evaluateEvery());
        p.inputs().forEach(b::inputFile);
        return b.build();
    }
}
