package dip.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One path's summary: a row of race.csv.
 *
 * @param projection       "" for a path fitted to its end, else "projected: curve of PATH, time from N measured iterations"
 * @param settingsHash     what must match for the row to be reused ({@link Race#settingsHash})
 * @param net              the net's name
 * @param parameters       its parameter count
 * @param precision        the precision computed in (resolved on this CPU)
 * @param instructionSet   the CPU's instruction set for convolutions
 * @param recipeIterations the recipe's iterations (before --max-iterations)
 * @param stopRule         the stop rule's description
 * @param iterations       iterations run (for a projected path: those of the curve it took)
 * @param outputIteration  the iteration the final output comes from (the rule's minimum with the automatic stop)
 * @param stoppedBy        why it stopped, in words
 * @param psnrOutput       final output's PSNR (dB, the task's protocol)
 * @param psnrAverage      final average's PSNR
 * @param secondsPerIteration median wall seconds of one iteration
 * @param startupSeconds   from t = 0 to the first iteration's start (building the net, z and the data term)
 * @param seconds          wall seconds from t = 0 to the end of the last iteration
 * @param peakRssMiB       peak resident memory while this path ran (see peakRssScope)
 * @param peakRssScope     "path" (reset before it) or "process" (cumulative: the reset failed)
 */
public record RaceResult(String path, String projection, String settingsHash, String task, String image, long seed,
                         int threads, Integer maxIterations, String net, long parameters, String precision,
                         String instructionSet, double lr, int recipeIterations, String stopRule, int iterations,
                         int outputIteration, String stoppedBy, double psnrOutput, double psnrAverage,
                         double secondsPerIteration, double startupSeconds, double seconds, double peakRssMiB,
                         String peakRssScope) {
    public boolean projected() { return !projection.isEmpty(); }

    /** The path as the table and the chart name it. */
    public String label() { return projected() ? path + " (" + projection + ")" : path; }

    /** The row of race.csv (numbers exact, so a reused row gives the same result), with the first reach of each target on {@code curve}. */
    public Map<String, String> toRow(RaceCurve curve, List<Double> outputTargets, List<Double> averageTargets) {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("path", path);
        r.put("projection", projection);
        r.put("settings_hash", settingsHash);
        r.put("task", task);
        r.put("image", image);
        r.put("seed", Long.toString(seed));
        r.put("threads", Integer.toString(threads));
        r.put("max_iterations", maxIterations == null ? "" : maxIterations.toString());
        r.put("net", net);
        r.put("parameters", Long.toString(parameters));
        r.put("precision", precision);
        r.put("instruction_set", instructionSet);
        r.put("lr", Double.toString(lr));
        r.put("recipe_iterations", Integer.toString(recipeIterations));
        r.put("stop_rule", stopRule);
        r.put("iterations", Integer.toString(iterations));
        r.put("output_iteration", Integer.toString(outputIteration));
        r.put("stopped_by", stoppedBy);
        r.put("psnr_output", Double.toString(psnrOutput));
        r.put("psnr_average", Double.toString(psnrAverage));
        r.put("s_per_iteration", Double.toString(secondsPerIteration));
        r.put("startup_seconds", Double.toString(startupSeconds));
        r.put("seconds", Double.toString(seconds));
        r.put("peak_rss_mib", Double.toString(peakRssMiB));
        r.put("peak_rss_scope", peakRssScope);
        reachColumns(r, "output", outputTargets, curve::outputReach);
        reachColumns(r, "average", averageTargets, curve::averageReach);
        return r;
    }

    private static void reachColumns(Map<String, String> r, String which, List<Double> targets,
                                     java.util.function.DoubleFunction<RaceCurve.Reach> reach) {
        for (double t : targets) {
            RaceCurve.Reach at = reach.apply(t);
            String key = which + "_" + number(t) + "db";
            r.put(key + "_seconds", at == null ? "never" : number(at.seconds()));
            r.put(key + "_iteration", at == null ? "never" : Integer.toString(at.iteration()));
        }
    }

    public static RaceResult fromRow(Map<String, String> r) {
        String max = r.get("max_iterations");
        return new RaceResult(r.get("path"), r.get("projection"), r.get("settings_hash"), r.get("task"), r.get("image"),
                Long.parseLong(r.get("seed")), Integer.parseInt(r.get("threads")), max.isEmpty() ? null : Integer.valueOf(max),
                r.get("net"), Long.parseLong(r.get("parameters")), r.get("precision"), r.get("instruction_set"),
                Double.parseDouble(r.get("lr")), Integer.parseInt(r.get("recipe_iterations")), r.get("stop_rule"),
                Integer.parseInt(r.get("iterations")), Integer.parseInt(r.get("output_iteration")), r.get("stopped_by"),
                Double.parseDouble(r.get("psnr_output")), Double.parseDouble(r.get("psnr_average")),
                Double.parseDouble(r.get("s_per_iteration")), Double.parseDouble(r.get("startup_seconds")),
                Double.parseDouble(r.get("seconds")), Double.parseDouble(r.get("peak_rss_mib")), r.get("peak_rss_scope"));
    }

    static String number(double v) { return String.format(Locale.ROOT, "%.4f", v).replaceAll("0+$", "").replaceAll("\\.$", ""); }
}
