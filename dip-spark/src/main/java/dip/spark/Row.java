package dip.spark;

import java.io.Serializable;
import java.util.List;

/**
 * One unit's line of the manifest (OUTDIR/manifest.csv).
 *
 * @param input           the input image, as listed (a URI)
 * @param output          OUTDIR/NAME.png, or empty when it failed
 * @param status          ok (restored now), skipped (an earlier run's output matches the settings) or failed
 * @param exitCode        the CLI's exit code for this image (0 unless failed)
 * @param iterations      iterations run
 * @param stoppedBy       "iterations", "auto", ... (the provenance's result.stoppedBy)
 * @param outputIteration the iteration the output comes from
 * @param seconds         wall time of the fit
 * @param psnr            PSNR (dB) of the output against the reference, or null without one
 * @param error           the one-line error of a failed unit, else empty
 * @param provenance      the provenance JSON (NAME.json), on one line
 */
public record Row(String input, String output, String status, int exitCode, Integer iterations, String stoppedBy,
                  Integer outputIteration, Double seconds, Double psnr, String error, String provenance) implements Serializable {
    /** The manifest's columns, in order. */
    public static final List<String> COLUMNS = List.of("input", "output", "status", "exit_code", "iterations", "stopped_by",
            "output_iteration", "seconds", "psnr", "error", "provenance");

    static Row failed(String input, int code, String message) {
        return new Row(input, "", "failed", code, null, "", null, null, null, message, "");
    }

    /** The values in {@link #COLUMNS}' order, as text. */
    List<String> values() {
        return List.of(input, output, status, Integer.toString(exitCode), text(iterations), stoppedBy, text(outputIteration),
                seconds == null ? "" : String.format(java.util.Locale.ROOT, "%.3f", seconds),
                psnr == null ? "" : String.format(java.util.Locale.ROOT, "%.4f", psnr), error, provenance);
    }

    private static String text(Object o) { return o == null ? "" : o.toString(); }
}
