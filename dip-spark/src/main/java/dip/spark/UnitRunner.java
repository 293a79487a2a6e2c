package dip.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import dip.cli.TaskCommandLine;
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
 * own mapping of the task's options ({@link TaskCommandLine}), written to OUTDIR/NAME.png and NAME.average.png with
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

    static Row run(String input, String outDir, SparkOptions options, Map<String, String> hadoop) {
        Configuration conf = hadoopConf(hadoop);
        String name = HadoopFiles.stem(input);
        String out = outDir + "/" + name + ".png";
        String average = outDir + "/" + name + ".average.png";
        Path temp = null;
        List<String[]> renames = new ArrayList<>(); // local copy -> URI, to name files as listed in messages
        try {
            temp = Files.createTempDirectory("dip-spark-");
            TaskCommandLine task = options.taskCommandLine();
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
            Path outFile = localOut ? HadoopFiles.localPath(out, conf) : temp.resolve("out").resolve(name + ".png");
            Path avgFile = localOut ? HadoopFiles.localPath(average, conf) : temp.resolve("out").resolve(name + ".average.png");
            Files.createDirectories(temp.resolve("input"));
            Files.createDirectories(temp.resolve("reference"));
            Files.createDirectories(outFile.getParent());
            RestoreConfig config = task.config(localInput, localReference, outFile);
            int threads = task.threads() != null ? task.threads()
                    : TaskContext.get() != null ? TaskContext.get().cpus() : 1;
            config = config.toBuilder().threads(threads).build();
            if (!renames.isEmpty()) {
                config = withInputPaths(config, renames);
            }
            if (!task.force()) {
                Row kept = kept(input, out, average, config, task.bitDepth(), conf);
                if (kept != null) {
                    return kept;
                }
            }
            Restoration result;
            try (Restorer restorer = new Restorer(config)) {
                result = restorer.run(FitListener.NONE);
            }
            result.writeOutput(outFile, task.bitDepth());
            result.writeAverage(avgFile, task.bitDepth());
            if (!localOut) {
                // Images first, provenance last: a JSON file on the output file system means its image is complete.
                HadoopFiles.upload(outFile, out, conf);
                HadoopFiles.upload(avgFile, average, conf);
                HadoopFiles.upload(Provenance.besideImage(outFile), outDir + "/" + name + ".json", conf);
                HadoopFiles.upload(Provenance.besideImage(avgFile), outDir + "/" + name + ".average.json", conf);
            }
            Provenance p = result.provenance().withOutput(new Provenance.Written(name + ".png", "output", task.bitDepth()));
            return row(input, out, "ok", p);
        } catch (Throwable t) { // every failure of one image is recorded and the job goes on
            int code = TaskCommandLine.report(t);
            String message = TaskCommandLine.firstLine(t);
            for (String[] r : renames) {
                message = message.replace(r[0], r[1]);
            }
            return Row.failed(input, code, message);
        } finally {
            deleteQuietly(temp);
        }
    }

    /** The row of an earlier output that matches this config (same inputs, task and settings, bit depth), or null. */
    private static Row kept(String input, String out, String average, RestoreConfig config, int bitDepth, Configuration conf)
            throws IOException {
        String json = HadoopFiles.readString(out.replaceAll("\\.png$", ".json"), conf);
        if (json == null || !HadoopFiles.exists(out, conf) || !HadoopFiles.exists(average, conf)) {
            return null;
        }
        Provenance stored;
        try {
            stored = Provenance.fromJson(json);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return matches(stored, config, bitDepth) ? row(input, out, "skipped", stored) : null;
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
                s.checkpointEvery(), false, s.evaluateEvery());
        return new Provenance(Provenance.FORMAT, null, task, hashes, normalised, null, null, null, null).toJson();
    }

    private static String key(RestoreConfig c) {
        TaskSpec t = c.task();
        Provenance.Task task = new Provenance.Task(t.kind().key(), t.factor(), t.noiseSigma(), t.keep(), t.protocol().key());
        String precision = c.prior() == PriorKind.DIP ? c.precision().label() : dip.engine.Precision.FP32.label();
        Provenance.Settings s = new Provenance.Settings(c.iterations(), c.lr(), c.regNoise(), c.averageDecay(), c.backtrackDb(),
                c.seed(), c.threads(), precision, c.prior().key(), c.tvWeight(), c.net(), c.stop(), c.checkpointEvery(), false,
                c.evaluateEvery());
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
                c.resume(), c.reference(), c.evaluateEvery(), inputs);
    }

    private static void deleteQuietly(Path dir) {
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
