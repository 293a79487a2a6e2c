package dip.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * One path's PSNR against wall-clock time: per iteration, the seconds since the path's t = 0 (its restorer starting
 * to build the data term, the net and z) and the PSNR of the output and of the running average against the reference.
 * Stored as DIR/PATH.csv.
 */
public record RaceCurve(List<Point> points) {
    public static final String HEADER = "iteration,seconds,psnr_output,psnr_average";

    /** One iteration: its number, wall seconds since t = 0 at its end, PSNRs in dB. */
    public record Point(int iteration, double seconds, double psnrOutput, double psnrAverage) {}

    /** Where a curve first reached a PSNR: the wall seconds and the iteration. */
    public record Reach(double seconds, int iteration) {
        public String describe() { return String.format(Locale.ROOT, "%.1f s (it %d)", seconds, iteration); }
    }

    public RaceCurve {
        points = List.copyOf(points);
    }

    /**
     * The first point whose value is at least {@code target} (a value equal to the target reaches it), or null when
     * none does.
     */
    public static Reach firstReach(List<Point> points, ToDoubleFunction<Point> value, double target) {
        for (Point p : points) {
            if (value.applyAsDouble(p) >= target) {
                return new Reach(p.seconds(), p.iteration());
            }
        }
        return null;
    }

    public Reach outputReach(double target) { return firstReach(points, Point::psnrOutput, target); }

    public Reach averageReach(double target) { return firstReach(points, Point::psnrAverage, target); }

    public Point last() { return points.get(points.size() - 1); }

    /**
     * The median wall time of one iteration: the first from {@code loopStart} (the seconds at which the fit loop
     * began), the others between consecutive points.
     */
    public double medianSecondsPerIteration(double loopStart) {
        double[] d = new double[points.size()];
        double before = loopStart;
        for (int i = 0; i < d.length; i++) {
            d[i] = points.get(i).seconds() - before;
            before = points.get(i).seconds();
        }
        return median(d);
    }

    /** This curve's PSNRs with the time of another path: {@code startup + iteration × secondsPerIteration}. */
    public RaceCurve retimed(double startup, double secondsPerIteration) {
        return new RaceCurve(points.stream().map(p -> new Point(p.iteration(), startup + p.iteration() * secondsPerIteration,
                p.psnrOutput(), p.psnrAverage())).toList());
    }

    /** The median of the values (NaN for none). */
    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    public String csv() {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (Point p : points) {
            sb.append(String.format(Locale.ROOT, "%d,%.4f,%.4f,%.4f%n", p.iteration(), p.seconds(), p.psnrOutput(),
                    p.psnrAverage()));
        }
        return sb.toString();
    }

    public void write(Path file) { ResultsStore.writeAtomically(file, csv()); }

    /** The curve in {@code file}, or null when it is missing, empty or not a curve (the path is then fitted again). */
    public static RaceCurve readIfValid(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.size() < 2 || !lines.get(0).equals(HEADER)) {
                return null;
            }
            List<Point> points = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                String[] c = line.split(",");
                points.add(new Point(Integer.parseInt(c[0]), Double.parseDouble(c[1]), Double.parseDouble(c[2]),
                        Double.parseDouble(c[3])));
            }
            return points.isEmpty() ? null : new RaceCurve(points);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
