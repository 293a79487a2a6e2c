package dip.spark;

import dip.app.ExitCode;
import dip.app.Failures;
import dip.app.UserError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;

/**
 * The Spark job: every image of the inputs is one unit of work, one fit per task slot ({@code spark.task.cpus} =
 * libtorch threads per fit), restored on the executors into OUTDIR/NAME.png; the driver writes OUTDIR/manifest.csv.
 * Run it with {@code spark-submit --class dip.spark.SparkJob} on a cluster, or with {@code ./dip spark} in local
 * mode (no master given: {@code local[slots × threads]}). The exit code is that of the first failed image (0 when
 * every image was restored or kept).
 */
public final class SparkJob {
    private SparkJob() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Parses the command line, starts Spark (local mode unless spark-submit gave a master), runs; returns the exit code. */
    public static int run(String... args) {
        if (SparkOptions.helpRequested(args)) {
            System.out.print(SparkOptions.usage());
            return ExitCode.OK;
        }
        try {
            SparkOptions options = SparkOptions.parse(args);
            SparkConf conf = new SparkConf().setAppName("dip " + options.task);
            if (!conf.contains("spark.master")) {
                Integer t = options.settings().threads();
                int threads = t == null ? 1 : t;
                int slots = options.slots != null ? options.slots
                        : Math.max(1, Runtime.getRuntime().availableProcessors() / threads);
                conf.setMaster("local[" + slots * threads + "]").set("spark.task.cpus", Integer.toString(threads))
                        .set("spark.ui.enabled", "false").set("spark.ui.showConsoleProgress", "false");
            }
            try (JavaSparkContext jsc = new JavaSparkContext(conf)) {
                jsc.setLogLevel("WARN");
                return run(jsc, options).exitCode();
            }
        } catch (Throwable t) {
            return Failures.report(t);
        }
    }

    /** The rows of the manifest and the job's exit code. */
    public record Result(List<Row> rows, int exitCode, String manifest) {}

    /** Runs the job on a running Spark context (tests share one). */
    public static Result run(JavaSparkContext jsc, String... args) { return run(jsc, SparkOptions.parse(args)); }

    static Result run(JavaSparkContext jsc, SparkOptions options) {
        Map<String, String> hadoop = new HashMap<>();
        for (Tuple2<String, String> e : jsc.getConf().getAll()) {
            if (e._1().startsWith("spark.hadoop.")) {
                hadoop.put(e._1().substring("spark.hadoop.".length()), e._2());
            }
        }
        org.apache.hadoop.conf.Configuration conf = UnitRunner.hadoopConf(hadoop);
        List<String> files = HadoopFiles.list(options.inputs, conf);
        String outDir = HadoopFiles.makeFolder(options.output, conf);
        Map<String, String> names = new LinkedHashMap<>();
        List<String> units = new ArrayList<>();
        List<Row> clashes = new ArrayList<>();
        for (String f : files) {
            String clash = names.putIfAbsent(HadoopFiles.stem(f), f);
            if (clash != null) {
                clashes.add(Row.failed(f, ExitCode.OUTPUT, "same name as " + clash + ": its output would be overwritten"));
            } else {
                units.add(f);
            }
        }
        System.err.printf("dip spark: %s of %d images into %s, %s%n", options.task, files.size(), outDir,
                jsc.master().startsWith("local") ? "local mode (" + jsc.master() + ", " + "spark.task.cpus="
                        + jsc.getConf().get("spark.task.cpus", "1") + ": threads per fit)" : "master " + jsc.master());
        // Tiled images (--tile): read on the driver to plan their tiles, each tile a unit of its own.
        Map<String, Row> byInput = new HashMap<>();
        Map<String, UnitRuns.Tiled> tiled = new LinkedHashMap<>();
        List<UnitRuns.Unit> work = new ArrayList<>();
        if (options.settings().tiling() != null) {
            String cpus = jsc.getConf().get("spark.task.cpus", "1");
            for (String f : units) {
                UnitRuns.Tiled t = UnitRuns.planTiles(f, outDir, options, conf, Integer.parseInt(cpus));
                if (t.row() != null) {
                    byInput.put(f, t.row());
                } else {
                    tiled.put(f, t);
                    for (int i = 0; i < t.count(); i++) {
                        work.add(new UnitRuns.Unit(f, i, t.count()));
                    }
                }
            }
        } else {
            units.forEach(f -> work.add(new UnitRuns.Unit(f, -1, 0)));
        }
        List<UnitRuns.Done> done = work.isEmpty() ? List.of()
                : jsc.parallelize(work, work.size()).map(u -> u.run(outDir, options, hadoop)).collect();
        Map<String, List<TileUnits.Part>> parts = new HashMap<>();
        for (UnitRuns.Done d : done) {
            if (d.row() != null) {
                byInput.put(d.row().input(), d.row());
            } else {
                parts.computeIfAbsent(d.part().input(), k -> new ArrayList<>()).add(d.part());
            }
        }
        tiled.forEach((f, t) -> {
            byInput.put(f, TileUnits.finish(t.prepared(), parts.get(f), conf));
            UnitRunner.deleteQuietly(t.temp());
        });
        clashes.forEach(r -> byInput.put(r.input(), r));
        List<Row> rows = new ArrayList<>();
        int exit = ExitCode.OK;
        for (String f : files) {
            Row r = byInput.get(f);
            rows.add(r);
            if (r.exitCode() != ExitCode.OK && exit == ExitCode.OK) {
                exit = r.exitCode();
            }
        }
        String manifest = outDir + "/" + Manifest.FILE;
        try {
            Manifest.write(outDir, rows, conf);
        } catch (IOException e) {
            throw new UserError(ExitCode.OUTPUT, "cannot write " + manifest + ": " + e.getMessage());
        }
        System.out.print(summary(rows, manifest));
        return new Result(rows, exit, manifest);
    }

    private static String summary(List<Row> rows, String manifest) {
        StringBuilder sb = new StringBuilder();
        long ok = rows.stream().filter(r -> r.status().equals("ok")).count();
        long kept = rows.stream().filter(r -> r.status().equals("skipped")).count();
        sb.append(String.format(Locale.ROOT, "%n%d of %d restored, %d kept from an earlier run, %d failed; manifest %s%n%n",
                ok, rows.size(), kept, rows.size() - ok - kept, manifest));
        sb.append("| input | status | iterations | seconds | PSNR | output or error |\n|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            sb.append("| ").append(r.input()).append(" | ").append(r.status()).append(" | ")
                    .append(r.iterations() == null ? "" : r.iterations()).append(" | ")
                    .append(r.seconds() == null ? "" : String.format(Locale.ROOT, "%.1f", r.seconds())).append(" | ")
                    .append(r.psnr() == null ? "" : String.format(Locale.ROOT, "%.2f", r.psnr())).append(" | ")
                    .append((r.status().equals("failed") ? r.error() : r.output()).replace("|", "\\|")).append(" |\n");
        }
        return sb.toString();
    }
}
