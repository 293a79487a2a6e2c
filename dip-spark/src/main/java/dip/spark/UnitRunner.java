package dip.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import dip.app.Failures;
import dip.app.RestoreSettings;
import dip.fit.FitListener;
import dip.restore.InputFile;
import dip.restore.PriorKind;
import dip.restore.Provenance;
import dip.restore.Restoration;
import dip.restore.RestoreConfig;
import dip.restore.Restorer;
import dip.task.TaskSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.TaskContext;

/**
 * One unit of work on an executor: one image restored by the one {@link Restorer}, its config made by the CLI's
 * own mapping of the task's options ({@link RestoreSettings}), written to OUTDIR/NAME.png and NAME.average.png with
 * their provenance. An earlier output whose provenance matches the settings and inputs is kept (skipped); any
 * failure becomes a failed row with the CLI's exit code and one-line message.
 */
final class UnitRunner {
    private static final ObjectMapper JSON = new ObjectMapper();

    private UnitRunner() {}

    /** The Hadoop configuration of the job: the defaults plus the spark.hadoop.* settings passed from the driver. */
    static Configuration hadoopConf(Map<String, String> settings) {
        Configuration conf = new Configuration();
        settings.forEach(conf::set);
        return conf;
    }

    /** One image read and turned into its config, with where its outputs go. */
    record Prepared(String input, String name, String outDir, RestoreConfig config, RestoreSettings task, Path outFile,
                    Path avgFile, boolean localOut, List<String[]> renames) {
        String out() { return outDir + "/" + name + ".png"; }

        String average() { return outDir + "/" + name + ".average.png"; }
    }

    /**
     * Fetches the image (and its reference) into {@code temp} unless local, and builds its config with the CLI's
     * mapping and {@code threads} (null: the task slot's cores).
     */
    static Prepared prepare(String input, String outDir, SparkOptions options, Configuration conf, Path temp, Integer threads,
                            List<String[]> renames) throws IOException {
        String name = HadoopFiles.stem(input);
        RestoreSettings task = options.settings();
        Files.createDirectories(temp.resolve("input"));
        Files.createDirectories(temp.resolve("reference"));
        Path localInput = HadoopFiles.fetch(input, temp.resolve("input"), conf);
        String referenceUri = options.referenceFor(name);
        Path localReference = referenceUri == null ? null : HadoopFiles.fetch(referenceUri, temp.resolve("reference"), conf);
        if (!HadoopFiles.isLocal(input, conf)) {
            renames.add(new String[] {localInput.toString(), input});
        }
        if (localReference != null && !HadoopFiles.isLocal(referenceUri, conf)) {
            renames.add(new String[] {localReference.toString(), referenceUri});
        }
        boolean localOut = HadoopFiles.isLocal(outDir, conf);
        Path outFile = localOut ? HadoopFiles.localPath(outDir + "/" + name + ".png", conf) : temp.resolve("out").resolve(name + ".png");
        Path avgFile = outFile.resolveSibling(name + ".average.png");
        Files.createDirectories(outFile.getParent());
        RestoreConfig config = task.config(localInput, localReference, outFile);
        int t = task.threads() != null ? task.threads() : threads != null ? threads
                : TaskContext.get() != null ? TaskContext.get().cpus() : 1;
        config = config.toBuilder().threads(t).build();
        if (!renames.isEmpty()) {
            config = withInputPaths(config, renames);
        }
        return new Prepared(input, name, outDir, config, task, outFile, avgFile, localOut, renames);
    }

    /** The row of a failure: the CLI's exit code and one-line message (naming inputs as listed, not their local copies). */
    static Row failed(String input, Throwable t, List<String[]> renames, String prefix) {
        int code = Failures.report(t);
        String message = Failures.firstLine(t);
        for (String[] r : renames) {
            message = message.replace(r[0], r[1]);
        }
        return Row.failed(input, code, prefix + message);
    }

    static Row run(String input, String outDir, SparkOptions options, Map<String, String> hadoop) {
        Configuration conf = hadoopConf(hadoop);
        Path temp = null;
        List<String[]> renames = new ArrayList<>();
        try {
            temp = Files.createTempDirectory("dip-spark-");
            Prepared p = prepare(input, outDir, options, conf, temp, null, renames);
            if (!p.task().force()) {
                Row kept = kept(p, conf);
                if (kept != null) {
                    return kept;
                }
            }
            Restoration result;
            try (Restorer restorer = new Restorer(p.config())) {
                result = restorer.run(FitListener.NONE);
            }
            return write(p, result, conf);
        } catch (Throwable t) { // every failure of one image is recorded and the job goes on
            return failed(input, t, renames, "");
        } finally {
            deleteQuietly(temp);
        }
    }

    /** Writes the output and average with their provenance (atomically, on any file system) and returns the row. */
    static Row write(Prepared p, Restoration result, Configuration conf) throws IOException {
        int bitDepth = p.task().bitDepth();
        result.writeOutput(p.outFile(), bitDepth);
        result.writeAverage(p.avgFile(), bitDepth);
        if (!p.localOut()) {
            // Images first, provenance last: a JSON file on the output file system means its image is complete.
            HadoopFiles.upload(p.outFile(), p.out(), conf);
            HadoopFiles.upload(p.avgFile(), p.average(), conf);
            HadoopFiles.upload(Provenance.besideImage(p.outFile()), p.outDir() + "/" + p.name() + ".json", conf);
            HadoopFiles.upload(Provenance.besideImage(p.avgFile()), p.outDir() + "/" + p.name() + ".average.json", conf);
        }
        Provenance written = result.provenance().withOutput(new Provenance.Written(p.name() + ".png", "output", bitDepth));
        return row(p.input(), p.out(), "ok", written);
    }

    /** The row of an earlier output that matches this config (same inputs, task and settings, bit depth), or null. */
    static Row kept(Prepared p, Configuration conf) throws IOException {
        String json = HadoopFiles.readString(p.outDir() + "/" + p.name() + ".json", conf);
        if (json == null || !HadoopFiles.exists(p.out(), conf) || !HadoopFiles.exists(p.average(), conf)) {
            return null;
        }
        Provenance stored;
        try {
            stored = Provenance.fromJson(json);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return matches(stored, p.config(), p.task().bitDepth()) ? row(p.input(), p.out(), "skipped", stored) : null;
    }

    /** Whether a provenance records a complete run of {@code config} written at {@code bitDepth}. */
    static boolean matches(Provenance stored, RestoreConfig config, int bitDepth) {
        if (stored.result() == null || stored.output() == null || stored.output().bitDepth() != bitDepth
                || "request".equals(stored.result().stoppedBy())
                || config.reference() != null && stored.result().outputScores() == null) {
            return false;
        }
        return key(stored.task(), stored.inputs(), stored.settings()).equals(key(config));
    }

    /** What decides a run's pixels and scores: the task, the inputs' roles and hashes, and every setting. */
    private static String key(Provenance.Task task, List<InputFile> inputs, Provenance.Settings s) {
        List<InputFile> hashes = inputs.stream().map(f -> new InputFile(f.role(), "", f.sha256()))
                .sorted(Comparator.comparing(InputFile::role)).toList();
        Provenance.Settings normalised = new Provenance.Settings(s.iterations(), s.lr(), s.regNoise(), s.averageDecay(),
                s.backtrackDb(), s.seed(), s.threads(), s.precision(), s.prior(), s.tvWeight(), s.net(), s.stop(),
                s.checkpointEvery(), false, s.evaluateEvery(), s.schedule().key(), s.runsOrOne(), s.regNoiseWarmupOrZero(),
                s.resultImage().key());
        return new Provenance(Provenance.FORMAT, null, task, hashes, normalised, null, null, null, null).toJson();
    }

    private static String key(RestoreConfig c) {
        TaskSpec t = c.task();
        Provenance.Task task = new Provenance.Task(t.kind().key(), t.factor(), t.noiseSigma(), t.keep(), t.protocol().key());
        String precision = c.prior() == PriorKind.DIP ? c.precision().label() : dip.engine.Precision.FP32.label();
        Provenance.Settings s = new Provenance.Settings(c.iterations(), c.lr(), c.regNoise(), c.averageDecay(), c.backtrackDb(),
                c.seed(), c.threads(), precision, c.prior().key(), c.tvWeight(), c.net(), c.stop(), c.checkpointEvery(), false,
                c.evaluateEvery(), c.lrSchedule().key(), c.runs(), c.regNoiseWarmup(), c.result().key());
        return key(task, c.inputs(), s);
    }

    private static Row row(String input, String out, String status, Provenance p) throws IOException {
        Provenance.Result r = p.result();
        Double psnr = r.outputScores() == null ? null : r.outputScores().psnr();
        String oneLine = JSON.writeValueAsString(JSON.readTree(p.toJson()));
        return new Row(input, out, status, 0, r.iterations(), r.stoppedBy(), r.outputIteration(), r.seconds(), psnr, "", oneLine);
    }

    /** The config with the input files recorded under their URIs rather than the local copies that were read. */
    private static RestoreConfig withInputPaths(RestoreConfig c, List<String[]> renames) {
        List<InputFile> inputs = c.inputs().stream().map(f -> {
            for (String[] r : renames) {
                if (f.path().equals(r[0])) {
                    return new InputFile(f.role(), r[1], f.sha256());
                }
            }
            return f;
        }).toList();
        return new RestoreConfig(c.task(), c.iterations(), c.lr(), c.regNoise(), c.averageDecay(), c.backtrackDb(), c.seed(),
                c.threads(), c.precision(), c.prior(), c.tvWeight(), c.net(), c.stop(), c.checkpoint(), c.checkpointEvery(),
                c.resume(), c.reference(), c.evaluateEvery(), inputs, c.lrSchedule(),
                c.runs(), c.regNoiseWarmup(), c.result());
    }

    static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
