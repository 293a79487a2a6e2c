package dip.bench;

import dip.engine.Engine;
import dip.engine.Layout;
import dip.engine.Precision;
import dip.image.Image;
import dip.prior.DeepPrior;
import dip.restore.NetSpec;
import dip.restore.RestoreConfig;
import dip.restore.Restorer;
import dip.restore.StopRule;
import dip.task.TaskSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seconds per Adam iteration of a generator net on a denoising fit (forward, backward, step), after
 * warm-up: median and range, peak RSS, and achieved GFLOP/s from the analytic convolution count
 * (2 FLOP per MAC, forward + backward ≈ 3 × forward).
 */
public final class SpeedBenchmark {
    /** One size's measurement. rssStartMiB/rssEndMiB: RSS after warm-up and after the timed iterations. */
    public record Row(Precision precision, int size, int threads, double medianSeconds, double minSeconds, double maxSeconds,
                      double forwardGmac, double peakRssMiB, double rssStartMiB, double rssEndMiB) {
        public double gflops() { return forwardGmac * 2 * 3 / medianSeconds; }
    }

    private SpeedBenchmark() {}

    public static Row measure(String arch, Precision precision, int size, int threads, int warmup, int iterations) {
        // The denoising recipe's settings, every iteration, on a random image.
        RestoreConfig config = RestoreConfig.builder(TaskSpec.denoise(randomImage(size, 1))).iterations(warmup + iterations)
                .stop(StopRule.fixed()).seed(0).threads(threads).precision(precision).net(NetSpec.preset(arch)).build();
        double[] times = new double[warmup + iterations];
        double[] rssAfterWarmup = {Double.NaN};
        double[] rssAtEnd = {Double.NaN};
        long[] last = {System.nanoTime()};
        long canvas;
        double forwardGmac;
        try (Restorer restorer = new Restorer(config)) {
            DeepPrior prior = (DeepPrior) restorer.prior();
            canvas = prior.input().size(2); // small sizes run on the net's minimum canvas
            forwardGmac = prior.net().forwardMacs(canvas, canvas) / 1e9;
            restorer.run(p -> {
                long now = System.nanoTime();
                times[p.iteration() - 1] = (now - last[0]) / 1e9;
                last[0] = now;
                if (p.iteration() == Math.max(1, warmup)) {
                    rssAfterWarmup[0] = Machine.rssMiB();
                }
                if (p.iteration() == p.iterations()) {
                    rssAtEnd[0] = Machine.rssMiB(); // inside the fit: its buffers are still alive
                }
            });
        }
        double[] timed = Arrays.copyOfRange(times, warmup, times.length);
        Arrays.sort(timed);
        double median = timed.length % 2 == 1 ? timed[timed.length / 2]
                : (timed[timed.length / 2 - 1] + timed[timed.length / 2]) / 2;
        return new Row(precision, size, threads, median, timed[0], timed[timed.length - 1], forwardGmac,
                Machine.peakRssMiB(), rssAfterWarmup[0], rssAtEnd[0]);
    }

    /**
     * Every size in every precision with every thread count, sizes ascending (so the process's peak RSS belongs to
     * the size in its row; within a size, bf16 runs before fp32 for the same reason: it needs less memory).
     */
    public static List<Row> run(String arch, List<Precision> precisions, List<Integer> sizes, List<Integer> threads,
                                int warmup, int iterations) {
        List<Row> rows = new ArrayList<>();
        List<Precision> order = precisions.stream().distinct().sorted(java.util.Comparator.reverseOrder()).toList();
        for (int s : sizes.stream().sorted().toList()) {
            for (Precision p : order) {
                for (int t : threads.stream().distinct().sorted().toList()) {
                    rows.add(measure(arch, p, s, t, warmup, iterations));
                }
            }
        }
        return rows;
    }

    /**
     * The table as Markdown, headed by the machine it ran on. "vs fp32" is the speed-up over the fp32 row of the
     * same size and threads in the same run; "scaling" the speed-up over the same row with 1 thread divided by the
     * thread count (100% = perfect); "layout" the convolutions' memory layout ({@link Layout}); "of peak" the share
     * of the cores' peak for that precision ({@link PeakFlops}).
     */
    public static String table(String arch, List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("CPU: %s, %d cores, instruction set: %s; %s; net: %s%n%n",
                Machine.cpuModel(), Machine.cores(), Machine.instructionSet(), Engine.version(), arch));
        sb.append("| size | precision | layout | threads | s/iter median | min–max | vs fp32 | scaling | GMAC fwd | GFLOP/s | of peak | peak RSS MiB | RSS after warm-up → end MiB |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            String ratio = rows.stream().filter(o -> o.size() == r.size() && o.threads() == r.threads() && o.precision() == Precision.FP32)
                    .findFirst().map(f -> String.format("%.2f×", f.medianSeconds() / r.medianSeconds())).orElse("–");
            String scaling = r.threads() == 1 ? "–" : rows.stream()
                    .filter(o -> o.size() == r.size() && o.precision() == r.precision() && o.threads() == 1).findFirst()
                    .map(o -> String.format("%.0f%%", 100 * o.medianSeconds() / r.medianSeconds() / r.threads())).orElse("–");
            double peak = PeakFlops.gflops(r.precision(), r.threads());
            String share = Double.isNaN(peak) ? "–" : String.format("%.0f%%", 100 * r.gflops() / peak);
            sb.append(String.format("| %d² | %s | %s | %d | %.3f | %.3f–%.3f | %s | %s | %.1f | %.0f | %s | %.0f | %.0f → %.0f |%n",
                    r.size(), r.precision().label(), Layout.forConvolution(r.precision() == Precision.BF16).name(), r.threads(),
                    r.medianSeconds(), r.minSeconds(), r.maxSeconds(), ratio, scaling,
                    r.forwardGmac(), r.gflops(), share, r.peakRssMiB(), r.rssStartMiB(), r.rssEndMiB()));
        }
        return sb.toString();
    }

    private static Image randomImage(int size, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Image img = Image.zeros(3, size, size);
        for (int i = 0; i < img.data().length; i++) {
            img.data()[i] = (float) r.nextDouble();
        }
        return img;
    }
}
