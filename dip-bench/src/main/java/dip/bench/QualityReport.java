package dip.bench;

import dip.bench.BenchTask.Method;
import dip.fit.FitSettings;
import dip.fit.VarianceStop;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;

/** results.md: our PSNR/SSIM per image beside the paper's, with the set averages over the images present. */
final class QualityReport {
    private QualityReport() {}

    static String markdown(QualityConfig cfg, PublishedValues.Selection published, List<ImageResult> results, int total) {
        BenchTask task = cfg.task();
        FitSettings s = cfg.fitSettings();
        StringBuilder sb = new StringBuilder();
        sb.append("# Quality benchmark: ").append(task.cliName()).append(" on ").append(cfg.data()).append("\n\n");
        if (cfg.cropped()) {
            sb.append(String.format("**Centre crop %d×%d — not the paper's protocol**: every image was cut to its centre"
                    + " %d×%d before evaluation, so the numbers are not comparable with the paper's.%n%n",
                    cfg.centreCrop(), cfg.centreCrop(), cfg.centreCrop(), cfg.centreCrop()));
        }
        sb.append("- protocol: ").append(task.protocol().description())
                .append(cfg.cropped() ? ", on the centre crop" : ", whole images").append('\n');
        sb.append(String.format(Locale.ROOT, "- settings: net %s, %d iterations, lr %s, reg noise %.4g, seed %d, settings hash %s%n",
                cfg.preset(), s.iterations(), s.lr(), s.regNoise(), cfg.seed(), cfg.settingsHash()));
        if (task == BenchTask.DENOISE && cfg.iterations() == null) {
            sb.append("- iterations: ").append(BenchTask.DENOISE_COLOUR_SET_ITERATIONS)
                    .append(", the paper's count for its colour set (F16 alone: 3000)\n");
        }
        if (task.superResolution()) {
            sb.append("- LR input: HR cropped to a multiple of 32, ").append(cfg.downscaler().description()).append(" resize by 1/")
                    .append(task.factor()).append(" in 8 bits; ground truth: the cropped HR\n");
        }
        sb.append("- published: ").append(published.describe(task)).append('\n');
        sb.append("- recipe: ").append(cfg.recipeLabel()).append("; precision: ").append(cfg.precision().label()).append('\n');
        java.util.Set<String> cpus = new java.util.TreeSet<>();
        results.forEach(r -> cpus.add(r.cpu().isEmpty() ? "not recorded" : r.cpu()));
        sb.append("- CPU").append(cpus.size() > 1 ? "s (per row in results.csv): " : ": ").append(String.join("; ", cpus))
                .append(", ").append(cfg.threads()).append(cfg.threads() == 1 ? " thread" : " threads").append('\n');
        if (task.methods().contains(Method.DIP_AUTO_STOP)) {
            sb.append("- dip_oracle: the output at the best iteration by ground truth; dip_auto_stop: the output kept by the"
                    + " automatic stop (variance of the last ").append(VarianceStop.DEFAULT_WINDOW).append(" outputs, patience ")
                    .append(VarianceStop.DEFAULT_PATIENCE).append("; no ground truth), watched on the same fit, and"
                    + " dip_auto_stop_average the average of the outputs where it stops; 'auto-stop it' is where it would have"
                    + " stopped (none: not within the fit)\n");
        }
        sb.append("- images: ").append(results.size()).append(" of ").append(total).append(" done\n\n");

        List<String> head = new ArrayList<>(List.of("image", "size", "iterations", "seconds"));
        List<Function<ImageResult, String>> cells = new ArrayList<>();
        List<Function<List<ImageResult>, String>> averages = new ArrayList<>();
        boolean stopStudy = task.methods().contains(Method.DIP_AUTO_STOP);
        if (stopStudy) {
            head.add("oracle it");
            cells.add(r -> Integer.toString(r.oracleIteration()));
            averages.add(rs -> fmt(rs.stream().mapToDouble(ImageResult::oracleIteration).average().orElse(Double.NaN), "%.0f"));
            head.add("auto-stop it (output it)");
            cells.add(r -> (r.stopIteration() == 0 ? "none" : Integer.toString(r.stopIteration())) + " (" + r.stopOutputIteration() + ")");
            averages.add(rs -> rs.stream().allMatch(r -> r.stopIteration() > 0)
                    ? fmt(rs.stream().mapToDouble(ImageResult::stopIteration).average().orElse(Double.NaN), "%.0f") : "");
        }
        for (Method m : task.methods()) {
            head.add("PSNR " + m.key());
            cells.add(r -> fmt(r.psnr(m), "%.2f"));
            averages.add(rs -> fmt(mean(rs, r -> r.psnr(m)), "%.2f"));
            if (published.rows().stream().anyMatch(p -> p.method().equals(m.key()) && !p.image().equals(PublishedValues.AVERAGE))) {
                head.add("paper " + m.key());
                cells.add(r -> fmt(value(published.psnr(r.image(), m.key())), "%.2f"));
                averages.add(rs -> paperMean(published, rs, m.key()));
            }
        }
        for (Method m : task.methods()) {
            head.add("SSIM " + m.key());
            cells.add(r -> fmt(r.ssim(m), "%.4f"));
            averages.add(rs -> fmt(mean(rs, r -> r.ssim(m)), "%.4f"));
        }
        sb.append("| ").append(String.join(" | ", head)).append(" |\n");
        sb.append("|").append("---|".repeat(head.size())).append('\n');
        for (ImageResult r : results) {
            sb.append("| ").append(r.image()).append(" | ").append(r.height()).append('×').append(r.width())
                    .append(" | ").append(r.iterations()).append(" | ").append(fmt(r.seconds(), "%.1f"));
            cells.forEach(c -> sb.append(" | ").append(c.apply(r)));
            sb.append(" |\n");
        }
        if (!results.isEmpty()) {
            sb.append("| **average (").append(results.size()).append(")** | | | ")
                    .append(fmt(results.stream().mapToDouble(ImageResult::seconds).sum(), "%.1f") + " total");
            averages.forEach(a -> sb.append(" | ").append(a.apply(results)));
            sb.append(" |\n");
        }
        Map<String, Double> paperSet = published.setAverages();
        if (!paperSet.isEmpty()) {
            sb.append("\nPaper's averages over its whole set").append(published.set() == null ? "" : " (" + published.set() + ")")
                    .append(", not only the images here: ");
            List<String> parts = new ArrayList<>();
            paperSet.forEach((k, v) -> parts.add(k + " " + fmt(v, "%.2f")));
            sb.append(String.join(", ", parts)).append(".\n");
        }
        return sb.toString();
    }

    private static String paperMean(PublishedValues.Selection published, List<ImageResult> rs, String method) {
        List<Double> v = rs.stream().map(r -> published.psnr(r.image(), method))
                .filter(OptionalDouble::isPresent).map(OptionalDouble::getAsDouble).toList();
        if (v.isEmpty()) {
            return "";
        }
        String avg = fmt(v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN), "%.2f");
        return v.size() == rs.size() ? avg : avg + " (" + v.size() + " of " + rs.size() + ")";
    }

    private static Double mean(List<ImageResult> rs, Function<ImageResult, Double> f) {
        List<Double> v = rs.stream().map(f).filter(x -> x != null).toList();
        return v.isEmpty() ? null : v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static Double value(OptionalDouble v) { return v.isPresent() ? v.getAsDouble() : null; }

    private static String fmt(Double v, String format) { return v == null ? "" : String.format(Locale.ROOT, format, v); }
}
