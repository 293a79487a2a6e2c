package dip.cli;

import dip.app.ExitCode;
import dip.app.UserError;
import dip.bench.SpeedBenchmark;
import dip.engine.Engine;
import dip.engine.Precision;
import dip.net.NetPresets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** ./dip bench ...: measurements that take minutes to hours, kept out of the test suite. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: speed (seconds per iteration), quality (the paper's PSNR tables on a benchmark folder, "
                + "beside published.csv), fitting-speed (learning curves of an image, noise and shuffled pixels), "
                + "stop-rules (the automatic stop replayed on quality's curves) and race (recipes and precisions "
                + "restoring one image, against the clock) and seams (PSNR near a tile plan's seams, for any restoration).",
        subcommands = {BenchCommand.Speed.class, BenchQualityCommand.class, BenchFittingSpeedCommand.class,
                BenchStopRulesCommand.class, BenchRaceCommand.class, BenchSeamsCommand.class})
public final class BenchCommand implements Runnable {
    @Override
    public void run() {
        throw new UserError(ExitCode.USAGE, "missing benchmark: try 'dip bench speed', 'dip bench quality', 'dip bench fitting-speed', 'dip bench stop-rules', 'dip bench race' or 'dip bench seams'");
    }

    @Command(name = "speed", mixinStandardHelpOptions = true,
            description = "Seconds per Adam iteration (median and range after warm-up), GFLOP/s and peak RSS, per image size.")
    static final class Speed implements Callable<Integer> {
        @Option(names = "--sizes", split = ",", defaultValue = "128,256,512", description = "Square image sizes (default: ${DEFAULT-VALUE}).")
        List<Integer> sizes;

        @Option(names = "--arch", defaultValue = "skip", description = "Net (default: ${DEFAULT-VALUE}).")
        String arch;

        @Option(names = "--threads", split = ",", description = "CPU threads, comma-separated (e.g. 1,2 for the scaling "
                + "column; default: all cores).")
        List<Integer> threads;

        @Option(names = "--precision", split = ",", defaultValue = "fp32,bf16",
                description = "Precisions to time, comma-separated: fp32, bf16 (default: ${DEFAULT-VALUE}; bf16 only where "
                        + "the CPU has bf16 instructions).")
        List<String> precisions;

        @Option(names = "--warmup", defaultValue = "3", description = "Untimed iterations first (default: ${DEFAULT-VALUE}).")
        int warmup;

        @Option(names = "--iterations", defaultValue = "10", description = "Timed iterations (default: ${DEFAULT-VALUE}).")
        int iterations;

        @Override
        public Integer call() {
            if (!NetPresets.names().contains(arch)) {
                throw new UserError(ExitCode.USAGE, "unknown net '" + arch + "'; choose one of " + String.join(", ", NetPresets.names()));
            }
            if (iterations < 1 || warmup < 0 || sizes.stream().anyMatch(s -> s < 1)) {
                throw new UserError(ExitCode.USAGE, "--iterations must be positive, --warmup and --sizes not negative");
            }
            if (threads != null && threads.stream().anyMatch(t -> t < 1)) {
                throw new UserError(ExitCode.USAGE, "--threads must be at least 1, got " + threads);
            }
            List<Integer> t = threads == null ? List.of(Engine.defaultThreads()) : threads;
            List<Precision> chosen = new java.util.ArrayList<>();
            for (String p : precisions) {
                Precision timed;
                try {
                    timed = Precision.resolve(p, note -> System.err.println("dip: note: " + note.replace("computing", "timing")));
                } catch (IllegalArgumentException e) {
                    throw new UserError(ExitCode.USAGE, e.getMessage());
                }
                if (!chosen.contains(timed)) {
                    chosen.add(timed);
                }
            }
            List<SpeedBenchmark.Row> rows = SpeedBenchmark.run(arch, chosen, sizes, t, warmup, iterations);
            System.out.print(SpeedBenchmark.table(arch, rows));
            return ExitCode.OK;
        }
    }
}
