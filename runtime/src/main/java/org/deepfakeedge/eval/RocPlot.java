package org.deepfakeedge.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.deepfakeedge.io.AtomicFiles;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders ROC curves to a PNG with JFreeChart.
 *
 * <p>One line per curve, labelled "name (AUC 0.943)" in the legend ("n/a" when the AUC is
 * undefined, and then no line), the chance diagonal dashed, both axes fixed to [0, 1],
 * 640&times;480 pixels. Each curve is drawn from at most {@value #MAX_POINTS_PER_CURVE} points of
 * {@link RocCurve#downsampled}, which is finer than the image.
 *
 * <p>Rendering runs with {@code java.awt.headless=true} (set when this class initialises, unless
 * the property was set explicitly), so it works on servers without a display. The file is replaced
 * atomically: a temporary file in the same folder, renamed over the target, so a reader never sees
 * a half-written image.
 *
 * <p>SVG output is not offered: JFreeChart 1.5 delegates SVG to the separate JFreeSVG library,
 * which is not a dependency.
 *
 * <p>Stateless and thread-safe; concurrent writes to the same path leave one complete image.
 */
public final class RocPlot {
    private static final Logger logger = LoggerFactory.getLogger(RocPlot.class);

    /** Image width in pixels. */
    public static final int WIDTH = 640;

    /** Image height in pixels. */
    public static final int HEIGHT = 480;

    static final int MAX_POINTS_PER_CURVE = 1000;

    static {
        // Must happen before any AWT class reads it; an explicit user setting wins.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private RocPlot() {}

    /**
     * Writes the curves as a PNG chart, replacing {@code png} atomically.
     *
     * @param curves curves by legend name, drawn in the map's iteration order; not empty
     * @param png the image to write; missing parent folders are created
     * @param title chart title, or {@code null} for none
     * @throws IOException if the image cannot be written (the target is then left unchanged)
     * @throws IllegalArgumentException if {@code curves} is empty
     */
    public static void writePng(Map<String, RocCurve> curves, Path png, String title)
            throws IOException {
        Objects.requireNonNull(curves, "curves must not be null");
        Objects.requireNonNull(png, "png must not be null");
        if (curves.isEmpty()) {
            throw new IllegalArgumentException("curves must contain at least one ROC curve");
        }
        JFreeChart chart = chart(curves, title);
        Path target = png.toAbsolutePath();
        AtomicFiles.write(target, out -> ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT));
        logger.debug("Wrote ROC plot of {} curves to {}", curves.size(), target);
    }

    static JFreeChart chart(Map<String, RocCurve> curves, String title) {
        XYSeriesCollection dataset = new XYSeriesCollection();
        curves.forEach(
                (name, curve) -> {
                    // Points come in curve order; vertical steps repeat x values.
                    XYSeries series = new XYSeries(legend(name, curve.auc()), false, true);
                    if (!Double.isNaN(curve.auc())) {
                        for (double[] point : curve.downsampled(MAX_POINTS_PER_CURVE)) {
                            series.add(point[0], point[1]);
                        }
                    }
                    dataset.addSeries(series);
                });
        JFreeChart chart =
                ChartFactory.createXYLineChart(
                        title,
                        "False positive rate (FPR)",
                        "True positive rate (TPR)",
                        dataset,
                        PlotOrientation.VERTICAL,
                        true,
                        false,
                        false);
        chart.setBackgroundPaint(Color.WHITE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        for (NumberAxis axis :
                new NumberAxis[] {
                    (NumberAxis) plot.getDomainAxis(), (NumberAxis) plot.getRangeAxis()
                }) {
            axis.setRange(0.0, 1.0);
            // Root locale: the image should not change with the machine's decimal separator.
            axis.setTickUnit(
                    new NumberTickUnit(
                            0.1,
                            new DecimalFormat(
                                    "0.0", DecimalFormatSymbols.getInstance(Locale.ROOT))));
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setDefaultStroke(new BasicStroke(2.0f));
        renderer.setAutoPopulateSeriesStroke(false);
        plot.setRenderer(renderer);
        // An annotation, not a series, so the chance line stays out of the legend.
        plot.addAnnotation(
                new XYLineAnnotation(
                        0.0,
                        0.0,
                        1.0,
                        1.0,
                        new BasicStroke(
                                1.0f,
                                BasicStroke.CAP_BUTT,
                                BasicStroke.JOIN_MITER,
                                10.0f,
                                new float[] {6.0f, 6.0f},
                                0.0f),
                        Color.GRAY));
        return chart;
    }

    static String legend(String name, double auc) {
        return Double.isNaN(auc)
                ? name + " (AUC n/a)"
                : String.format(Locale.ROOT, "%s (AUC %.3f)", name, auc);
    }
}
