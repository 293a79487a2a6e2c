package dip.bench;

import dip.bench.BenchInputException.Problem;
import dip.fit.VarianceStop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Replays the automatic stop ({@code VarianceStop}: no new minimum of the variance of recent outputs for
 * P iterations) on the curves {@code bench quality} wrote, for several patience values, without refitting:
 * where it stops, the PSNR of the output it keeps (at the variance minimum) and of the running average at the
 * stop, beside the oracle peak and the fixed recipe. The patience is chosen on curves of images that are not
 * the benchmark's (a held-out set); the benchmark's own curves only report it.
 */
public final class StopRules {
    private StopRules() {}

    /** The curve files bench quality writes (NAME + this suffix) and their header: written by StopStudy, read here. */
    static final String CURVE_SUFFIX = "_curve.csv";
    static final String CURVE_HEADER = "iteration,psnr_output,psnr_average,variance";

    /** One fit's curve: per iteration, PSNR of the output and of the average, and the variance (NaN before a full window). */
    public record Curve(String name, int[] iteration, double[] psnrOutput, double[] psnrAverage, double[] variance) {
        public int length() { return iteration.length; }
    }

    /**
     * What the rule with one patience does on one curve.
     *
     * @param stopIteration  where it stops; the last iteration when it does not stop within the fit
     * @param stopped        whether it stopped before the end
     * @param keptIteration  the variance minimum, whose output it keeps
     */
    public record Replay(int patience, int stopIteration, boolean stopped, int keptIteration, double keptPsnr,
                         double averagePsnr) {}

    /**
     * The rule, exactly as {@code VarianceStop.observe}: strict new minima, counted once the window holds none of the first
     * {@link VarianceStop#BURN_IN_WINDOWS} windows of outputs (the window W is where the curve's variance begins), stop
     * once iteration − minimum ≥ P.
     */
    public static Replay replay(Curve c, int patience) {
        double best = Double.POSITIVE_INFINITY;
        int bestIndex = -1;
        int countsFrom = Integer.MAX_VALUE;
        for (int i = 0; i < c.length(); i++) {
            if (!Double.isNaN(c.variance()[i])) {
                countsFrom = VarianceStop.countsFrom(c.iteration()[i]);
                break;
            }
        }
        for (int i = 0; i < c.length(); i++) {
            if (!Double.isNaN(c.variance()[i]) && c.iteration()[i] >= countsFrom && c.variance()[i] < best) {
                best = c.variance()[i];
                bestIndex = i;
            }
            if (bestIndex >= 0 && c.iteration()[i] - c.iteration()[bestIndex] >= patience) {
                return new Replay(patience, c.iteration()[i], true, c.iteration()[bestIndex], c.psnrOutput()[bestIndex],
                        c.psnrAverage()[i]);
            }
        }
        int last = c.length() - 1;
        int kept = bestIndex >= 0 ? bestIndex : last;
        return new Replay(patience, c.iteration()[last], false, c.iteration()[kept], c.psnrOutput()[kept], c.psnrAverage()[last]);
    }

    /** Reads NAME_curve.csv (iteration,psnr_output,psnr_average,variance). */
    public static Curve read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new BenchInputException(Problem.MISSING_FOLDER, "cannot read " + file + ": " + e.getMessage());
        }
        if (lines.isEmpty() || !lines.get(0).strip().equals(CURVE_HEADER)) {
            throw new BenchInputException(Problem.BAD_RESULTS, file + " is not a curve of bench quality "
                    + "(expected the header " + CURVE_HEADER + ")");
        }
        int n = lines.size() - 1;
        int[] it = new int[n];
        double[] out = new double[n];
        double[] avg = new double[n];
        double[] var = new double[n];
        for (int i = 0; i < n; i++) {
            String[] f = lines.get(i + 1).split(",", -1);
            try {
                it[i] = Integer.parseInt(f[0].strip());
                out[i] = Double.parseDouble(f[1]);
                avg[i] = Double.parseDouble(f[2]);
                var[i] = f[3].isBlank() || f[3].strip().equalsIgnoreCase("NaN") ? Double.NaN : Double.parseDouble(f[3]);
            } catch (RuntimeException e) {
                throw new BenchInputException(Problem.BAD_RESULTS, file + " line " + (i + 2) + " is not a curve row: " + lines.get(i + 1));
            }
        }
        if (n == 0) {
            throw new BenchInputException(Problem.BAD_RESULTS, file + " has no rows");
        }
        String fileName = file.getFileName().toString();
        String name = fileName.endsWith(CURVE_SUFFIX) ? fileName.substring(0, fileName.length() - CURVE_SUFFIX.length()) : fileName;
        return new Curve(name, it, out, avg, var);
    }

    /** The curves in the given files and folders (searched for *_curve.csv, sorted by path). */
    public static List<Curve> readAll(List<Path> paths) {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(f -> f.getFileName().toString().endsWith(CURVE_SUFFIX)).sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new BenchInputException(Problem.MISSING_FOLDER, "cannot read " + p + ": " + e.getMessage());
                }
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                throw new BenchInputException(Problem.MISSING_FOLDER, p + " does not exist");
            }
        }
        if (files.isEmpty()) {
            throw new BenchInputException(Problem.NO_IMAGES, "no *" + CURVE_SUFFIX + " in " + paths + " (bench quality --task denoise writes them)");
        }
        return files.stream().map(StopRules::read).toList();
    }

    /**
     * A markdown table: per curve, the fixed recipe (last output / average), the oracle peak, and for every
     * patience the stop, the kept output and the average at the stop; then the means and the share of the
     * fixed iterations used.
     */
    public static String table(List<Curve> curves, List<Integer> patiences) {
        StringBuilder sb = new StringBuilder("| curve | fixed: output / average | oracle output (it.) |");
        for (int p : patiences) {
            sb.append(" P = ").append(p).append(": stop (kept) output / average |");
        }
        sb.append("\n|---|---|---|").append("---|".repeat(patiences.size())).append('\n');
        double fixedOut = 0, fixedAvg = 0, oracle = 0;
        double[] kept = new double[patiences.size()];
        double[] avg = new double[patiences.size()];
        double[] share = new double[patiences.size()];
        for (Curve c : curves) {
            int last = c.length() - 1;
            int o = 0;
            for (int i = 1; i < c.length(); i++) {
                if (c.psnrOutput()[i] > c.psnrOutput()[o]) {
                    o = i;
                }
            }
            fixedOut += c.psnrOutput()[last];
            fixedAvg += c.psnrAverage()[last];
            oracle += c.psnrOutput()[o];
            sb.append(String.format(Locale.ROOT, "| %s | %.2f / %.2f | %.2f (%d) |", c.name(), c.psnrOutput()[last],
                    c.psnrAverage()[last], c.psnrOutput()[o], c.iteration()[o]));
            for (int k = 0; k < patiences.size(); k++) {
                Replay r = replay(c, patiences.get(k));
                kept[k] += r.keptPsnr();
                avg[k] += r.averagePsnr();
                share[k] += (double) r.stopIteration() / c.iteration()[last];
                sb.append(String.format(Locale.ROOT, " %s (%d) %.2f / %.2f |", r.stopped() ? Integer.toString(r.stopIteration()) : "none",
                        r.keptIteration(), r.keptPsnr(), r.averagePsnr()));
            }
            sb.append('\n');
        }
        int n = curves.size();
        sb.append(String.format(Locale.ROOT, "| **mean (%d)** | %.2f / %.2f | %.2f |", n, fixedOut / n, fixedAvg / n, oracle / n));
        for (int k = 0; k < patiences.size(); k++) {
            sb.append(String.format(Locale.ROOT, " %.0f%% of the iterations: %.2f / %.2f |", 100 * share[k] / n, kept[k] / n, avg[k] / n));
        }
        return sb.append('\n').toString();
    }
}
