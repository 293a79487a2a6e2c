package dip.bench;

import dip.bench.BenchInputException.Problem;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.text.DecimalFormat;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The learning curves as a PNG line plot, MSE on a log scale, like the paper's figure. */
final class FittingSpeedChart {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;
    private static final List<String> LABELS = List.of("Image", "Image + noise", "Image shuffled", "U(0,1) noise");
    private static final List<Color> COLOURS = List.of(new Color(0x1f77b4), new Color(0x2ca02c),
            new Color(0xd62728), new Color(0x7f7f7f));

    private FittingSpeedChart() {}

    static void write(List<double[]> curves, double threshold, String subtitle, Path file) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (int t = 0; t < curves.size(); t++) {
            XYSeries s = new XYSeries(LABELS.get(t));
            double[] mse = curves.get(t);
            for (int i = 0; i < mse.length; i++) {
                if (mse[i] > 0 && Double.isFinite(mse[i])) { // a log axis cannot show 0
                    s.add(i + 1, mse[i]);
                }
            }
            data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Fitting speed (" + subtitle + ")", "Iteration", "MSE",
                data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        LogAxis y = new LogAxis("MSE (log scale)");
        y.setSmallestValue(1e-8);
        y.setNumberFormatOverride(new DecimalFormat("0.##E0"));
        // Keep the threshold line in view even before a curve reaches it.
        double lo = Math.min(threshold, data.getRangeLowerBound(false));
        double hi = Math.max(threshold, data.getRangeUpperBound(false));
        if (lo > 0 && hi >= lo) {
            y.setRange(lo / 1.5, hi * 1.5);
            double decades = Math.log10(hi / lo) + 0.35;
            y.setTickUnit(new NumberTickUnit(decades <= 2 ? 0.25 : decades <= 8 ? 1 : 2)); // in decades
        }
        plot.setRangeAxis(y);
        ((NumberAxis) plot.getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        for (int t = 0; t < curves.size(); t++) {
            r.setSeriesPaint(t, COLOURS.get(t));
            r.setSeriesStroke(t, new BasicStroke(2f));
        }
        plot.setRenderer(r);
        ValueMarker marker = new ValueMarker(threshold, Color.BLACK, new BasicStroke(1f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 1f, new float[] {6f, 4f}, 0f));
        marker.setLabel("threshold " + threshold);
        marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        marker.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
        marker.setLabelBackgroundColor(new Color(255, 255, 255, 0));
        plot.addRangeMarker(marker);
        try {
            ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
        } catch (IOException e) {
            throw new BenchInputException(Problem.CANNOT_WRITE, "cannot write " + file + ": " + e.getMessage());
        }
    }
}
