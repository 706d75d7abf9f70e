package org.deepfakeedge.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deepfakeedge.io.AtomicFiles;

/**
 * A small XY chart written as standalone SVG text: lines (ROC curves) or markers (accuracy against
 * size or latency), optional log-scale x axis, legend on the right. SVG keeps the HTML report one
 * self-contained file and the figures sharp at any zoom; no drawing library is involved, so the
 * output is the same text on every machine. The project's one chart stack: the experiment report's
 * figures and {@code evaluate}'s ROC curve are both drawn here ({@link #roc}).
 */
public final class SvgChart {
    private static final String[] COLORS = {
        "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
        "#bcbd22", "#7f7f7f", "#393b79", "#637939"
    };
    private static final int W = 900;
    private static final int H = 440;
    private static final int LEFT = 64;
    private static final int TOP = 36;
    private static final int PLOT_W = 440;
    private static final int PLOT_H = 340;

    /**
     * One series.
     *
     * @param name legend text
     * @param points {x, y} pairs
     * @param line join the points with a line (else draw filled markers)
     * @param rings more points of the same series drawn as hollow rings (e.g. the INT8 form of the
     *     filled fp32 points)
     */
    public record Series(String name, List<double[]> points, boolean line, List<double[]> rings) {
        public Series {
            points = List.copyOf(points);
            rings = rings == null ? List.of() : List.copyOf(rings);
        }

        /** A series without rings. */
        public Series(String name, List<double[]> points, boolean line) {
            this(name, points, line, List.of());
        }
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final boolean logX;
    private final double[] yRange;
    private final boolean diagonal;
    private final List<Series> series = new ArrayList<>();

    /**
     * A chart.
     *
     * @param title title above the plot
     * @param xLabel x axis label
     * @param yLabel y axis label
     * @param logX log-10 x axis
     * @param yRange fixed {min, max} of y, or null for the data's range
     * @param diagonal draw the chance line y = x (ROC)
     */
    public SvgChart(
            String title,
            String xLabel,
            String yLabel,
            boolean logX,
            double[] yRange,
            boolean diagonal) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.logX = logX;
        this.yRange = yRange;
        this.diagonal = diagonal;
    }

    /** A ROC chart: false against true positive rate, both axes [0, 1], the chance diagonal. */
    public static SvgChart roc(String title) {
        return new SvgChart(
                title,
                "false positive rate",
                "true positive rate",
                false,
                new double[] {0, 1},
                true);
    }

    /**
     * A reliability diagram: per score bin, the mean predicted P(fake) (x) against the observed
     * share of fakes (y), both axes [0, 1], with the diagonal of perfect calibration.
     */
    public static SvgChart reliability(String title) {
        return new SvgChart(
                title,
                "mean predicted P(fake) in the bin",
                "observed fraction of fakes",
                false,
                new double[] {0, 1},
                true);
    }

    /** The legend of a ROC curve: "name (AUC 0.9431)", "name (AUC –)" when undefined. */
    public static String rocLegend(String name, double auc) {
        return name + " (AUC " + Format.num(auc) + ")";
    }

    /**
     * Adds a series; points with a non-finite (or, on a log axis, non-positive) x or y are left
     * out.
     */
    public SvgChart add(Series s) {
        List<double[]> ok = drawable(s.points());
        List<double[]> rings = drawable(s.rings());
        if (!ok.isEmpty() || !rings.isEmpty()) {
            series.add(new Series(s.name(), ok, s.line(), rings));
        }
        return this;
    }

    private List<double[]> drawable(List<double[]> points) {
        List<double[]> ok = new ArrayList<>();
        for (double[] p : points) {
            if (Double.isFinite(p[0]) && Double.isFinite(p[1]) && (!logX || p[0] > 0)) {
                ok.add(p);
            }
        }
        return ok;
    }

    /** The chart's title. */
    public String title() {
        return title;
    }

    /** Number of series with at least one point. */
    public int series() {
        return series.size();
    }

    /** True when no series has a point. */
    public boolean isEmpty() {
        return series.isEmpty();
    }

    /**
     * Renders the SVG document.
     *
     * @throws IllegalStateException if no series has a point (an empty chart says nothing)
     */
    public String render() {
        if (series.isEmpty()) {
            throw new IllegalStateException(
                    "chart '" + title + "' needs at least one series with a drawable point");
        }
        double[] xr = range(0);
        double[] yr = yRange != null ? yRange : padded(range(1));
        if (logX) {
            xr = new double[] {Math.floor(Math.log10(xr[0])), Math.ceil(Math.log10(xr[1]))};
            if (xr[1] <= xr[0]) {
                xr[1] = xr[0] + 1;
            }
        } else if (!diagonal) {
            xr = padded(xr);
        }
        StringBuilder sb = new StringBuilder();
        sb.append(
                String.format(
                        Locale.ROOT,
                        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n",
                        W,
                        H,
                        W,
                        H));
        sb.append(
                String.format(
                        Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", W, H));
        sb.append(
                String.format(
                        Locale.ROOT,
                        "<text x=\"%d\" y=\"20\" font-size=\"14\" font-weight=\"bold\">%s</text>%n",
                        LEFT,
                        Html.escape(title)));
        // grid and ticks
        for (int i = 0; i <= 5; i++) {
            double fy = i / 5.0;
            double yv = yr[0] + fy * (yr[1] - yr[0]);
            double py = TOP + PLOT_H * (1 - fy);
            sb.append(line(LEFT, py, LEFT + PLOT_W, py, "#e0e0e0"));
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                            LEFT - 6,
                            py + 4,
                            tick(yv)));
        }
        int xTicks = logX ? (int) (xr[1] - xr[0]) : 5;
        for (int i = 0; i <= xTicks; i++) {
            double fx = (double) i / xTicks;
            double xv = xr[0] + fx * (xr[1] - xr[0]);
            double px = LEFT + PLOT_W * fx;
            sb.append(line(px, TOP, px, TOP + PLOT_H, "#e0e0e0"));
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                            px,
                            TOP + PLOT_H + 16,
                            logX ? logTick(xv) : tick(xv)));
        }
        sb.append(
                String.format(
                        Locale.ROOT,
                        "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                                + "stroke=\"#444\"/>%n",
                        LEFT,
                        TOP,
                        PLOT_W,
                        PLOT_H));
        sb.append(
                String.format(
                        Locale.ROOT,
                        "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                        LEFT + PLOT_W / 2,
                        TOP + PLOT_H + 34,
                        Html.escape(xLabel)));
        sb.append(
                String.format(
                        Locale.ROOT,
                        "<text x=\"16\" y=\"%d\" text-anchor=\"middle\" "
                                + "transform=\"rotate(-90 16 %d)\">%s</text>%n",
                        TOP + PLOT_H / 2,
                        TOP + PLOT_H / 2,
                        Html.escape(yLabel)));
        if (diagonal) {
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\" "
                                    + "stroke-dasharray=\"6 6\"/>%n",
                            LEFT,
                            TOP + PLOT_H,
                            LEFT + PLOT_W,
                            TOP));
        }
        for (int s = 0; s < series.size(); s++) {
            Series se = series.get(s);
            String color = COLORS[s % COLORS.length];
            StringBuilder pts = new StringBuilder();
            for (double[] p : se.points()) {
                double fx = ((logX ? Math.log10(p[0]) : p[0]) - xr[0]) / (xr[1] - xr[0]);
                double fy = (p[1] - yr[0]) / (yr[1] - yr[0]);
                double px = LEFT + PLOT_W * fx;
                double py = TOP + PLOT_H * (1 - fy);
                if (se.line()) {
                    pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
                } else {
                    sb.append(
                            String.format(
                                    Locale.ROOT,
                                    "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\" "
                                            + "fill-opacity=\"0.75\" stroke=\"white\"/>%n",
                                    px,
                                    py,
                                    color));
                }
            }
            if (se.line()) {
                sb.append(
                        String.format(
                                Locale.ROOT,
                                "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" "
                                        + "points=\"%s\"/>%n",
                                color,
                                pts.toString().strip()));
            }
            for (double[] p : se.rings()) {
                double px =
                        LEFT
                                + PLOT_W
                                        * ((logX ? Math.log10(p[0]) : p[0]) - xr[0])
                                        / (xr[1] - xr[0]);
                double py = TOP + PLOT_H * (1 - (p[1] - yr[0]) / (yr[1] - yr[0]));
                sb.append(
                        String.format(
                                Locale.ROOT,
                                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"none\" "
                                        + "stroke=\"%s\" stroke-width=\"2\"/>%n",
                                px,
                                py,
                                color));
            }
            int ly = TOP + 8 + s * 18;
            int lx = LEFT + PLOT_W + 16;
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>%n",
                            lx,
                            ly - 10,
                            color));
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "<text x=\"%d\" y=\"%d\">%s</text>%n",
                            lx + 18,
                            ly,
                            Html.escape(se.name())));
        }
        sb.append("</svg>\n");
        return sb.toString();
    }

    /**
     * Writes the SVG document to {@code file} atomically (a temporary file in the same folder,
     * renamed over the target), so a reader never sees half a chart; missing folders are created.
     *
     * @throws IllegalStateException if no series has a point
     */
    public void write(Path file) throws IOException {
        AtomicFiles.write(file, render().getBytes(StandardCharsets.UTF_8));
    }

    private double[] range(int axis) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (List<double[]> pts : List.of(s.points(), s.rings())) {
                for (double[] p : pts) {
                    lo = Math.min(lo, p[axis]);
                    hi = Math.max(hi, p[axis]);
                }
            }
        }
        if (axis == 0 && diagonal) {
            return new double[] {0, 1};
        }
        if (lo > hi) {
            return new double[] {0, 1};
        }
        return new double[] {lo, hi};
    }

    private static double[] padded(double[] r) {
        double span = r[1] - r[0];
        double pad = span > 0 ? span * 0.08 : Math.max(Math.abs(r[0]) * 0.05, 0.01);
        return new double[] {r[0] - pad, r[1] + pad};
    }

    private static String line(double x1, double y1, double x2, double y2, String color) {
        return String.format(
                Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>%n",
                x1,
                y1,
                x2,
                y2,
                color);
    }

    private static String tick(double v) {
        double a = Math.abs(v);
        return String.format(Locale.ROOT, a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : "%.2f", v);
    }

    private static String logTick(double exp) {
        double v = Math.pow(10, exp);
        return v >= 1
                ? String.format(Locale.ROOT, "%,.0f", v)
                : String.format(Locale.ROOT, "%.2g", v);
    }
}
