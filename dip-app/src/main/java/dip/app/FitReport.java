package dip.app;

import dip.engine.Cpu;
import dip.engine.Engine;
import dip.fit.FitListener;
import dip.fit.Progress;
import dip.image.Image;
import dip.image.ImageFiles;
import dip.io.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The report page (the CLI's --report DIR, the web page's report.html): one self-contained HTML page (images and plots
 * embedded, opens from disk) with the input, the result, the average and the reference, the loss and PSNR curves, the
 * settings and the timing. Listen to the fit with it, then {@link #write} the page.
 */
public final class FitReport implements FitListener {
    /** The page's file name inside the report folder. */
    public static final String PAGE = "index.html";
    private final List<double[]> curve = new ArrayList<>(); // iteration, loss, psnr output, psnr average
    private final List<Integer> backtracks = new ArrayList<>();

    @Override
    public void onIteration(Progress p) {
        curve.add(new double[] {p.iteration(), p.loss(), p.psnrOutput(), p.psnrAverage()});
    }

    @Override
    public void onBacktrack(int iteration, double dropDb) { backtracks.add(iteration); }

    /**
     * Writes DIR/index.html.
     *
     * @param images   titled images in display order (input, output, average, reference)
     * @param settings what ran, as label → value
     * @param results  the scores and timing, as label → value
     */
    public void write(Path dir, String title, Map<String, Image> images, Map<String, String> settings, Map<String, String> results) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(title)).append("</title>\n<style>")
                .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:1200px}")
                .append("figure{display:inline-block;margin:0 1em 1em 0;vertical-align:top}")
                .append("figure img{image-rendering:pixelated;border:1px solid #ccc;max-width:540px}")
                .append("figcaption{text-align:center;font-size:90%}")
                .append("table{border-collapse:collapse;margin-bottom:1.5em}td,th{border:1px solid #ddd;padding:4px 10px;text-align:left}")
                .append("th{background:#f4f4f4}</style></head><body>\n");
        html.append("<h1>").append(escape(title)).append("</h1>\n");
        html.append("<p>Written by dip on ").append(ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME))
                .append(", ").append(escape(Cpu.model())).append(" (").append(Cpu.instructionSet()).append("), ")
                .append(escape(Engine.version())).append(".</p>\n");
        html.append("<h2>Images</h2>\n");
        for (Map.Entry<String, Image> e : images.entrySet()) {
            Image img = e.getValue();
            int scale = Math.max(1, 256 / Math.max(img.height(), img.width())); // small images shown larger, pixel for pixel
            html.append("<figure><img alt=\"").append(escape(e.getKey())).append("\" width=\"").append(img.width() * scale)
                    .append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(ImageFiles.encodePng(img.clamped())))
                    .append("\"><figcaption>").append(escape(e.getKey())).append(" (").append(img.width()).append('×')
                    .append(img.height()).append(")</figcaption></figure>\n");
        }
        html.append("<h2>Results</h2>\n").append(table(results));
        html.append("<h2>Curves</h2>\n");
        html.append(chart("Loss (data term)", "loss", List.of(1), List.of("loss"), true));
        if (curve.stream().anyMatch(r -> Double.isFinite(r[2]))) {
            html.append(chart("PSNR against the reference", "PSNR (dB)", List.of(2, 3), List.of("output", "average"), false));
        }
        if (!backtracks.isEmpty()) {
            html.append("<p>Roll-backs to the last good weights at iterations ").append(backtracks).append(".</p>\n");
        }
        html.append("<h2>Settings</h2>\n").append(table(settings));
        html.append("</body></html>\n");
        try {
            Files.createDirectories(dir);
            AtomicFiles.writeString(dir.resolve(PAGE), html.toString());
        } catch (IOException e) {
            throw new UserError(ExitCode.OUTPUT, "cannot write the report " + dir.resolve(PAGE) + ": " + e.getMessage());
        }
    }

    private String chart(String title, String yLabel, List<Integer> columns, List<String> names, boolean log) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (int k = 0; k < columns.size(); k++) {
            XYSeries s = new XYSeries(names.get(k));
            for (double[] r : curve) {
                double v = r[columns.get(k)];
                if (Double.isFinite(v) && (!log || v > 0)) {
                    s.add(r[0], v);
                }
            }
            data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, "iteration", yLabel, data, PlotOrientation.VERTICAL,
                columns.size() > 1, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        if (log) {
            LogAxis y = new LogAxis(yLabel + " (log scale)");
            y.setNumberFormatOverride(new DecimalFormat("0.##E0"));
            plot.setRangeAxis(y);
        } else {
            ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        }
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        List<Color> colours = List.of(new Color(0x1f77b4), new Color(0xd62728));
        for (int k = 0; k < columns.size(); k++) {
            r.setSeriesPaint(k, colours.get(k % colours.size()));
            r.setSeriesStroke(k, new BasicStroke(1.5f));
        }
        plot.setRenderer(r);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(png, chart, 800, 380);
        } catch (IOException e) {
            throw new UserError(ExitCode.OUTPUT, "cannot draw the " + title + " plot: " + e.getMessage());
        }
        return "<p><img alt=\"" + escape(title) + "\" src=\"data:image/png;base64,"
                + Base64.getEncoder().encodeToString(png.toByteArray()) + "\"></p>\n";
    }

    private static String table(Map<String, String> rows) {
        StringBuilder sb = new StringBuilder("<table>\n");
        rows.forEach((k, v) -> sb.append("<tr><th>").append(escape(k)).append("</th><td>").append(escape(v)).append("</td></tr>\n"));
        return sb.append("</table>\n").toString();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static Map<String, String> ordered() { return new LinkedHashMap<>(); }
}
