package dip.restore;

import dip.engine.Engine;
import dip.image.Image;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dip.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What produced a restored image, saved as {@code NAME.json} beside {@code NAME.png} (Tribuo's provenance): every
 * setting as it was used (not as it was typed), the software and machine, the SHA-256 of every input file, and
 * the outcome. {@link Rerun} turns it back into the same run.
 *
 * @param format   the file format's version (1)
 * @param software dip's version and git commit, libtorch's version, Java's
 * @param task     the task as data
 * @param inputs   the files read, hashed
 * @param settings every setting as used
 * @param run      what the settings became on this machine
 * @param result   the outcome
 * @param output   the image file this provenance sits beside, once written (else null)
 * @param tiling   for a run restored tile by tile ({@link TiledRestorer}): the tiling and its sums; else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Provenance(int format, Software software, Task task, List<InputFile> inputs, Settings settings, Run run,
                         Result result, Written output, TiledRestorer.Summary tiling) {
    /** The current format version. */
    public static final int FORMAT = 1;

    private static final ObjectMapper JSON = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * @param dip      dip's version
     * @param commit   the git commit dip was built from, or "unknown"
     * @param libtorch libtorch's version as bundled
     * @param java     the Java runtime's version
     */
    public record Software(String dip, String commit, String libtorch, String java) {
        /** This dip, as it runs now. */
        public static Software current() {
            return new Software(BuildInfo.version(), BuildInfo.commit(), Engine.version(), System.getProperty("java.version"));
        }
    }

    /**
     * @param kind       the {@link dip.task.TaskSpec.Kind#key() task}
     * @param factor     SR factor (1 otherwise)
     * @param addedNoise std of the Gaussian noise added to the input first ([0,1] units; 0: none)
     * @param keep       probability of keeping a pixel when pixels were dropped first (0: none)
     * @param protocol   the scoring protocol of the PSNRs below ({@link dip.metric.Protocol#key()})
     */
    public record Task(String kind, int factor, double addedNoise, double keep, String protocol) {
        /** The task of {@code t}, scored by its protocol. */
        public static Task of(dip.task.TaskSpec t) {
            return new Task(t.kind().key(), t.factor(), t.noiseSigma(), t.keep(), t.protocol().key());
        }
    }

    /** Every value of the {@link RestoreConfig}, as used (see its fields); precision is the one computed in. */
    public record Settings(int iterations, double lr, double regNoise, double averageDecay, double backtrackDb, long seed,
                           int threads, String precision, String prior, double tvWeight, NetSpec net, StopRule stop,
                           int checkpointEvery, boolean resumed, int evaluateEvery, String lrSchedule, Integer runs,
                           Integer regNoiseWarmup, String result) {
        /** The settings of {@code c}, computed in {@code precision}. */
        public static Settings of(RestoreConfig c, String precision, boolean resumed) {
            return new Settings(c.iterations(), c.lr(), c.regNoise(), c.averageDecay(), c.backtrackDb(), c.seed(), c.threads(),
                    precision, c.prior().key(), c.tvWeight(), c.net(), c.stop(), c.checkpointEvery(), resumed, c.evaluateEvery(),
                    c.lrSchedule().key(), c.runs(), c.regNoiseWarmup(), c.result().key());
        }

        /** The image delivered; the output where the provenance names none (written before results could be chosen). */
        public dip.fit.ResultImage resultImage() {
            return result == null ? dip.fit.ResultImage.OUTPUT : dip.fit.ResultImage.byKey(result);
        }

        /** Iterations with σp halved; 0 where the provenance names none (written before warm-ups existed). */
        public int regNoiseWarmupOrZero() { return regNoiseWarmup == null ? 0 : regNoiseWarmup; }

        /** Fits averaged; 1 where the provenance names none (written before ensembles existed). */
        public int runsOrOne() { return runs == null ? 1 : runs; }

        /** The learning-rate schedule; constant where the provenance names none (written before schedules existed). */
        public dip.fit.LrSchedule schedule() {
            return lrSchedule == null ? dip.fit.LrSchedule.CONSTANT : dip.fit.LrSchedule.byKey(lrSchedule);
        }
    }

    /**
     * @param cpu             the CPU model
     * @param instructionSet  the widest instruction set oneDNN uses
     * @param prior           the prior as built (net name, parameter count, σp)
     * @param net             the net's name, or null for pixel priors
     * @param parameters      parameters fitted (net weights, or pixels)
     */
    public record Run(String cpu, String instructionSet, String prior, String net, long parameters) {}

    /**
     * PSNR (dB) and SSIM against the reference under the task's protocol.
     * @param psnr PSNR in dB
     * @param ssim SSIM, or null where the image is smaller than its window
     */
    public record Scores(double psnr, Double ssim) {
        /** {@code x} against {@code reference} under {@code p}. */
        public static Scores of(dip.metric.Protocol p, Image x, Image reference) {
            return new Scores(p.psnr(x, reference), p.ssimFits(x) ? p.ssim(x, reference) : null);
        }
    }

    /**
     * @param iterations      iterations run
     * @param outputIteration the iteration the output comes from (the variance minimum with the automatic stop)
     * @param stoppedBy       "iterations" (ran them all), "auto" (the variance rule), "request" (stopped early) or
     *                        "diverged" (did not come back after a roll-back: ended with its best state)
     * @param backtracks      roll-backs to the last good weights
     * @param seconds         wall time of the fit
     * @param input           the observation against the reference, when they have the same size (else null)
     * @param outputScores    the output against the reference (null without one); where the settings' result is the
     *                        average, the output is the average
     * @param averageScores   the average against the reference (null without one)
     * @param endedWithStateOf with "diverged": the iteration of the best state the fit ended with (output and average
     *                        are that iteration's); else null
     * @param fp32From        the iteration from which a bf16 fit computed in fp32, after diverging twice; else null
     */
    public record Result(int iterations, int outputIteration, String stoppedBy, int backtracks, double seconds,
                         Scores input, Scores outputScores, Scores averageScores, Integer endedWithStateOf, Integer fp32From) {
        /**
         * A result with its scores against {@code reference} under {@code protocol} (none when the reference is null;
         * the observation's only when it has the reference's size).
         */
        public static Result scored(int iterations, int outputIteration, String stoppedBy, int backtracks, double seconds,
                                    dip.metric.Protocol protocol, Image observation, Image output, Image average, Image reference) {
            if (reference == null) {
                return new Result(iterations, outputIteration, stoppedBy, backtracks, seconds, null, null, null, null, null);
            }
            return new Result(iterations, outputIteration, stoppedBy, backtracks, seconds,
                    observation.sameShape(reference) ? Scores.of(protocol, observation, reference) : null,
                    Scores.of(protocol, output, reference), Scores.of(protocol, average, reference), null, null);
        }

        /** This result with the fit's divergence outcome (a 0 stays null: it did not happen). */
        public Result withDivergence(int endedWithStateOf, int fp32From) {
            return new Result(iterations, outputIteration, endedWithStateOf > 0 ? "diverged" : stoppedBy, backtracks, seconds,
                    input, outputScores, averageScores, endedWithStateOf > 0 ? endedWithStateOf : null, fp32From > 0 ? fp32From : null);
        }
    }

    /**
     * @param file     the image file written, as named
     * @param image    which image it holds: "output" or "average"
     * @param bitDepth its PNG bit depth
     */
    public record Written(String file, String image, int bitDepth) {}

    /** This provenance for the image written to {@code file}. */
    public Provenance withOutput(Written w) { return new Provenance(format, software, task, inputs, settings, run, result, w, tiling); }

    /** The JSON text. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write provenance as JSON", e);
        }
    }

    /** Parses a provenance file's text. @throws IllegalArgumentException for anything else */
    public static Provenance fromJson(String text) {
        try {
            Provenance p = JSON.readValue(text, Provenance.class);
            if (p.format() != FORMAT || p.settings() == null || p.task() == null || p.inputs() == null) {
                throw new IllegalArgumentException("not a dip provenance file of format " + FORMAT);
            }
            return p;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a dip provenance file: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads a provenance file. @throws IllegalArgumentException when it is unreadable or not one */
    public static Provenance read(Path file) {
        try {
            return fromJson(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** NAME.json beside NAME.png (any other name: NAME.EXT.json). */
    public static Path besideImage(Path image) {
        String name = image.getFileName().toString();
        String stem = name.toLowerCase(java.util.Locale.ROOT).endsWith(".png") ? name.substring(0, name.length() - 4) : name;
        return image.resolveSibling(stem + ".json");
    }

    /** Writes this provenance atomically to {@code file}. */
    public void write(Path file) throws IOException { AtomicFiles.writeString(file, toJson()); }
}
