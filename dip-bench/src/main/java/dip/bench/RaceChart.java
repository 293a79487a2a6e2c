package dip.bench;

import dip.bench.BenchInputException.Problem;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The race as a PNG line plot: PSNR against wall-clock seconds, every path in its colour, the average as a solid
 * line and the output dashed, with a horizontal line at each target.
 */
@SuppressWarnings("unchecked") // XYSeriesCollection.getSeries() is a raw List
final class RaceChart {
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 620;
    private static final List<Color> COLOURS = List.of(new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f));
    private static final float[] DASH = {6f, 4f};

    private RaceChart() {}

    static void write(List<Race.Entry> entries, List<Double> outputTargets, List<Double> averageTargets, String subtitle,
                      Path file) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Race.Entry e : entries) {
            XYSeries average = new XYSeries(e.result().label() + ": average", false);
            XYSeries output = new XYSeries(e.result().label() + ": output", false);
            for (RaceCurve.Point p : e.curve().points()) {
                if (Double.isFinite(p.psnrAverage())) {
                    average.add(p.seconds(), p.psnrAverage());
                }
                if (Double.isFinite(p.psnrOutput())) {
                    output.add(p.seconds(), p.psnrOutput());
                }
            }
            data.addSeries(average);
            data.addSeries(output);
        }
        JFreeChart chart = ChartFactory.createXYLineChart("PSNR against wall-clock time (" + subtitle + ")",
                "Seconds since the path started (building the net included)", "PSNR (dB)", data,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < entries.size(); i++) {
            Color c = COLOURS.get(i % COLOURS.size());
            r.setSeriesPaint(2 * i, c);
            r.setSeriesStroke(2 * i, new BasicStroke(2f));
            r.setSeriesPaint(2 * i + 1, c);
            r.setSeriesStroke(2 * i + 1, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, DASH, 0f));
            if (entries.get(i).curve().points().size() == 1) { // a tiled path: one point, at its end, drawn as a marker
                r.setSeriesShapesVisible(2 * i, true);
                r.setSeriesShapesVisible(2 * i + 1, true);
            }
        }
        plot.setRenderer(r);
        // Seconds from t = 0: a tiled path's single point has a time axis too.
        ((NumberAxis) plot.getDomainAxis()).setAutoRangeIncludesZero(true);
        // The PSNRs reached, not from 0 dB; the targets in view even where no curve reaches them.
        NumberAxis y = (NumberAxis) plot.getRangeAxis();
        y.setAutoRangeIncludesZero(false);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (XYSeries series : (List<XYSeries>) data.getSeries()) {
            if (!series.isEmpty()) {
                lo = Math.min(lo, series.getMinY());
                hi = Math.max(hi, series.getMaxY());
            }
        }
        for (double t : java.util.stream.Stream.concat(outputTargets.stream(), averageTargets.stream()).toList()) {
            lo = Math.min(lo, t);
            hi = Math.max(hi, t);
        }
        if (lo <= hi) {
            y.setRange(lo - 1, hi + 1);
        }
        outputTargets.forEach(t -> plot.addRangeMarker(marker(t, "output " + t + " dB", true)));
        averageTargets.forEach(t -> plot.addRangeMarker(marker(t, "average " + t + " dB", false)));
        try {
            dip.io.AtomicFiles.write(file, ChartUtils.encodeAsPNG(chart.createBufferedImage(WIDTH, HEIGHT)));
        } catch (IOException e) {
            throw new BenchInputException(Problem.CANNOT_WRITE, "cannot write " + file + ": " + e.getMessage());
        }
    }

    private static ValueMarker marker(double value, String label, boolean dashed) {
        BasicStroke stroke = dashed ? new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, DASH, 0f)
                : new BasicStroke(1f);
        ValueMarker m = new ValueMarker(value, Color.DARK_GRAY, stroke);
        m.setLabel(label);
        m.setLabelAnchor(dashed ? RectangleAnchor.TOP_LEFT : RectangleAnchor.TOP_RIGHT);
        m.setLabelTextAnchor(dashed ? TextAnchor.BOTTOM_LEFT : TextAnchor.BOTTOM_RIGHT);
        m.setLabelBackgroundColor(new Color(255, 255, 255, 0));
        return m;
    }
}
