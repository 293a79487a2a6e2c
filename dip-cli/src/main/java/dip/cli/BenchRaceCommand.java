package dip.cli;

import dip.app.ExitCode;
import dip.app.UserError;
import dip.bench.BenchInputException;
import dip.bench.Race;
import dip.bench.RaceConfig;
import dip.bench.RacePath;
import dip.engine.Engine;
import dip.fit.Progress;
import dip.restore.TiledRestorer;
import dip.tile.TileProgress;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** ./dip bench race IMAGE --reference GT --paths ...: several recipes and precisions restoring one image, against the clock. */
@Command(name = "race", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Restore one degraded image along several paths, each to its end, and compare them against the clock.",
                "A path is RECIPE[-PRECISION]: RECIPE is default (dip's defaults for the task) or paper (the paper's recipe "
                        + "as the CLI runs it); PRECISION is fp32 or bf16 (absent: auto, bf16 on a CPU with bf16 "
                        + "instructions; bf16 on a CPU without them computes in fp32, with a note, as --precision does). "
                        + "paper-fp32 is the paper's full fixed recipe: every iteration, no automatic stop, fp32.",
                "Every iteration records the wall seconds since the path's t = 0 (its restorer starting to build the data "
                        + "term, the net and z, after the images were read and libtorch loaded; the JVM's start is not counted) and the PSNR of "
                        + "the output and of the running average against GT. Prints and writes DIR/race.md: per path when the "
                        + "output and the average first reached the targets, where it stopped and why, the final PSNRs (of "
                        + "the restoration returned: with the automatic stop, the output at the rule's minimum), s/iteration "
                        + "(median), wall seconds and peak RSS of the path (VmHWM reset before it). Also DIR/PATH.csv (the "
                        + "curve), DIR/PATH.png and DIR/PATH.average.png (with provenance), DIR/race.csv (a row per finished "
                        + "path) and DIR/race.png (PSNR against seconds, average solid, output dashed).",
                "Resumable: a path already in race.csv with the same settings (path, bytes of IMAGE and GT, task, seed, "
                        + "threads, --max-iterations, precision as resolved, the recipe's values) is not fitted again; a "
                        + "path with other settings is fitted again and its row replaced; a path that was interrupted is "
                        + "fitted again from the start."})
public final class BenchRaceCommand implements Callable<Integer> {
    @Parameters(paramLabel = "IMAGE", description = "The degraded input: the noisy image (denoise), the JPEG (jpeg), the "
            + "low-resolution image (super-resolve), the image with holes or missing pixels (inpaint).")
    Path image;

    @Option(names = "--reference", required = true, paramLabel = "GT", description = "The clean image: the size of IMAGE, or --scale times it for super-resolve.")
    Path reference;

    @Option(names = "--paths", required = true, split = ",", paramLabel = "PATH",
            description = "Paths, comma-separated, run in this order: default, paper, default-fp32, default-bf16, paper-fp32, paper-bf16.")
    List<String> paths;

    @Option(names = {"-o", "--out"}, defaultValue = "bench-out/race", paramLabel = "DIR", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--task", defaultValue = "denoise", paramLabel = "TASK",
            description = "denoise (default), jpeg (blind JPEG clean-up with the paper's JPEG net), super-resolve (by "
                    + "--scale; PSNR on the Y channel with the border shaved, as the paper's table) or inpaint (the holes of "
                    + "--mask, or without it the pixels that are 0 in every channel: the paper's missing-pixels table).")
    String task;

    @Option(names = "--scale", paramLabel = "F", description = "super-resolve: the factor, 4 (default) or 8.")
    Integer scale;

    @Option(names = "--mask", paramLabel = "MASK", description = "inpaint: the mask, the size of IMAGE (white = known, black = hole).")
    Path mask;

    @Option(names = "--output-targets", split = ",", defaultValue = "30.0", paramLabel = "DB",
            description = "PSNRs of the output whose first reach is reported (default: ${DEFAULT-VALUE}).")
    List<Double> outputTargets;

    @Option(names = "--average-targets", split = ",", defaultValue = "32.0", paramLabel = "DB",
            description = "PSNRs of the running average whose first reach is reported (default: ${DEFAULT-VALUE}).")
    List<Double> averageTargets;

    @Option(names = "--project", paramLabel = "paper-fp32[:N]",
            description = "Do not run paper-fp32 to its end: run N iterations (default 30) to measure its s/iteration, and "
                    + "give it the curve of the paper (or paper-bf16) path of the same race with seconds = its start-up + "
                    + "iteration x s/iteration (it runs right after that path); labelled as projected everywhere, no images "
                    + "written. Only paper-fp32.")
    String project;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Random seed of every path (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "T", description = "CPU threads (default: all cores).")
    Integer threads;

    @Option(names = "--max-iterations", paramLabel = "N",
            description = "Cap every path at N iterations (for a quick look or a test; not the recipes' full runs).")
    Integer maxIterations;

    @Option(names = "--tile", paramLabel = "N", description = "Every path restores the image in overlapping tiles of N×N "
            + "pixels, as the restoration commands' --tile does (with --threads 2 or more, that many tiles at once on one "
            + "thread each); its curve is one point at its end, when the blended image exists.")
    Integer tile;

    @Option(names = "--overlap", paramLabel = "M", description = "With --tile: overlap of neighbouring tiles in pixels (default: N/8).")
    Integer overlap;

    @Override
    public Integer call() {
        RaceConfig cfg = config();
        PrintStream err = System.err;
        Race.Outcome outcome;
        try {
            outcome = Race.run(cfg, new Printer(err));
        } catch (BenchInputException e) {
            throw BenchErrors.toUserError(e);
        }
        System.out.print(outcome.markdown());
        err.printf("%d fitted, %d reused from %s; wrote %s and %s%n", outcome.fitted(), outcome.reused(), outcome.csv(),
                outcome.markdownFile(), outcome.chart());
        return ExitCode.OK;
    }

    private RaceConfig config() {
        try {
            RaceConfig cfg = new RaceConfig(task, image, reference, RacePath.parseAll(paths), out, seed,
                    threads == null ? Engine.defaultThreads() : threads, maxIterations, outputTargets, averageTargets, null,
                    RaceConfig.DEFAULT_PROJECT_ITERATIONS, null, null, scale != null ? scale : task.equals("super-resolve") ? 4 : 1,
                    mask, tile == null ? null : TiledRestorer.Tiling.of(tile, overlap));
            if (overlap != null && tile == null) {
                throw new IllegalArgumentException("--overlap goes with --tile");
            }
            if (project == null) {
                return cfg;
            }
            String[] parts = project.split(":", 2);
            int n = RaceConfig.DEFAULT_PROJECT_ITERATIONS;
            if (parts.length == 2) {
                try {
                    n = Integer.parseInt(parts[1]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--project " + project + ": N must be a whole number");
                }
            }
            return cfg.withProjection(RacePath.parse(parts[0]), n);
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCode.USAGE, e.getMessage());
        }
    }

    /** Progress on stderr: a line per path, then one every few seconds. */
    private static final class Printer implements Race.Listener {
        private final PrintStream err;
        private final ProgressLines lines = new ProgressLines();

        Printer(PrintStream err) { this.err = err; }

        @Override
        public void onNote(String message) { err.println("note: " + message); }

        @Override
        public void onPathStart(int index, int count, RacePath path, boolean reused) {
            err.printf("path %d of %d: %s%s%n", index, count, path.name(),
                    reused ? " (already in race.csv with the same settings, not fitted again)" : "");
            lines.restart();
        }

        @Override
        public void onIteration(RacePath path, Progress p, double wallSeconds) {
            if (!lines.due(p.iteration(), p.iterations())) {
                return;
            }
            err.printf(Locale.ROOT, "  %s: iteration %d/%d, %.1f s, PSNR output %.2f, average %.2f dB%n", path.name(),
                    p.iteration(), p.iterations(), wallSeconds, p.psnrOutput(), p.psnrAverage());
        }

        @Override
        public void onTileDone(RacePath path, TileProgress p, double wallSeconds) {
            err.printf(Locale.ROOT, "  %s: %s, %.1f s%n", path.name(), p.describe(), wallSeconds);
        }

        @Override
        public void onPathDone(Race.Entry e, boolean reused) {
            var r = e.result();
            err.printf(Locale.ROOT, "  %s: %s; output %.2f, average %.2f dB; %.3f s/iteration, %.1f s%n", r.label(),
                    r.stoppedBy(), r.psnrOutput(), r.psnrAverage(), r.secondsPerIteration(), r.seconds());
        }
    }
}
