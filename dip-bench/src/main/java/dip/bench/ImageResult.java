package dip.bench;

import dip.bench.BenchTask.Method;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Our numbers for one image under one set of settings.
 *
 * @param psnr    by method key, under the task's protocol
 * @param ssim    by method key, on the same pixels as the PSNR
 * @param seconds wall time of the fit (0 for methods without one)
 * @param oracleIteration     the iteration of the best output by ground truth (0: not studied)
 * @param stopIteration       where the automatic stop stopped (0: it did not within the fit, or not studied)
 * @param stopOutputIteration the iteration of the output the automatic stop kept (0: not studied)
 * @param cpu     the CPU that fitted it, model and instruction set ("" for a row from before this was recorded)
 */
public record ImageResult(String image, int height, int width, int iterations, double seconds, int backtracks,
                          Map<String, Double> psnr, Map<String, Double> ssim,
                          int oracleIteration, int stopIteration, int stopOutputIteration, String cpu) {
    public ImageResult {
        psnr = Map.copyOf(psnr);
        ssim = Map.copyOf(ssim);
    }

    public Double psnr(Method m) { return psnr.get(m.key()); }

    public Double ssim(Method m) { return ssim.get(m.key()); }

    /** The results.csv row: the settings that identify it, then our numbers. */
    Map<String, String> toRow(QualityConfig cfg) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("image", image);
        row.put("task", cfg.task().cliName());
        row.put("preset", cfg.preset());
        row.put("iterations", Integer.toString(iterations));
        row.put("seed", Long.toString(cfg.seed()));
        row.put("centre_crop", cfg.cropped() ? Integer.toString(cfg.centreCrop()) : "");
        row.put("settings_hash", cfg.settingsHash());
        row.put("recipe", cfg.recipeLabel());
        row.put("precision", cfg.precision().label());
        row.put("cpu", cpu);
        row.put("protocol", cfg.task().protocol().key());
        row.put("height", Integer.toString(height));
        row.put("width", Integer.toString(width));
        row.put("seconds", String.format(Locale.ROOT, "%.2f", seconds));
        row.put("backtracks", Integer.toString(backtracks));
        row.put("oracle_iteration", oracleIteration == 0 ? "" : Integer.toString(oracleIteration));
        row.put("stop_iteration", stopIteration == 0 ? "" : Integer.toString(stopIteration));
        row.put("stop_output_iteration", stopOutputIteration == 0 ? "" : Integer.toString(stopOutputIteration));
        for (Method m : cfg.task().methods()) {
            row.put("psnr_" + m.key(), number(psnr.get(m.key())));
            row.put("ssim_" + m.key(), number(ssim.get(m.key())));
        }
        return row;
    }

    /** Reads back a row written by {@link #toRow}; a damaged row is an error naming the column. */
    static ImageResult fromRow(Map<String, String> row, BenchTask task) {
        Map<String, Double> psnr = new LinkedHashMap<>();
        Map<String, Double> ssim = new LinkedHashMap<>();
        for (Method m : task.methods()) {
            psnr.put(m.key(), parse(row, "psnr_" + m.key()));
            ssim.put(m.key(), parse(row, "ssim_" + m.key()));
        }
        return new ImageResult(row.get("image"), parse(row, "height").intValue(), parse(row, "width").intValue(),
                parse(row, "iterations").intValue(), parse(row, "seconds"), parse(row, "backtracks").intValue(), psnr, ssim,
                optionalInt(row, "oracle_iteration"), optionalInt(row, "stop_iteration"), optionalInt(row, "stop_output_iteration"),
                row.getOrDefault("cpu", ""));
    }

    /** A column that older results.csv files lack, or that is empty when it does not apply: 0. */
    private static int optionalInt(Map<String, String> row, String column) {
        String v = row.get(column);
        return v == null || v.isEmpty() ? 0 : parse(row, column).intValue();
    }

    static String number(Double v) { return v == null ? "" : String.format(Locale.ROOT, "%.4f", v); }

    private static Double parse(Map<String, String> row, String column) {
        String v = row.get(column);
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException | NullPointerException e) {
            throw new BenchInputException(BenchInputException.Problem.BAD_RESULTS, "results.csv: image "
                    + row.get("image") + " has no valid '" + column + "' (" + v + "); delete the row to recompute it");
        }
    }
}
