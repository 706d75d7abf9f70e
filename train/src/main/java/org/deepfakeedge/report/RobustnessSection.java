package org.deepfakeedge.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deepfakeedge.eval.Evaluation;
import org.deepfakeedge.eval.RobustnessMetrics;
import org.deepfakeedge.eval.ScoreCalibration;
import org.deepfakeedge.experiment.ExperimentResults.CellResult;
import org.deepfakeedge.render.Document;
import org.deepfakeedge.render.Format;
import org.deepfakeedge.render.SvgChart;
import org.deepfakeedge.workflow.Method;

/**
 * An experiment's robustness and calibration: every cell's ROC-AUC under each of the spec's
 * perturbations and its ECE, the "robustness cost of compression" (each cell's AUC under a
 * perturbation minus the full model's under the same one), and AUC against JPEG quality.
 */
final class RobustnessSection {
    private static final Pattern JPEG = Pattern.compile("jpeg:(\\d+)");

    private RobustnessSection() {}

    static void write(String id, String title, List<CellResult> cells, Document doc) {
        List<CellResult> measured =
                cells.stream().filter(c -> c.cell().ok() && c.robustnessResults() != null).toList();
        if (measured.isEmpty()) {
            return;
        }
        Set<String> perturbations = new LinkedHashSet<>();
        measured.forEach(
                c -> c.robustnessResults().forEach(r -> perturbations.add(r.perturbation())));
        CellResult full =
                measured.stream()
                        .filter(c -> c.cell().method().equals(Method.BASELINE))
                        .findFirst()
                        .orElse(null);

        doc.heading(3, "Robustness and calibration");
        doc.paragraph(
                "The test split scored again after each perturbation (applied to the decoded image"
                        + " before the model's preprocessing; docs/robustness.md): ROC-AUC, then"
                        + " accuracy at the clean threshold and the share of verdicts that"
                        + " flipped. ECE: expected calibration error of the clean scores (15"
                        + " equal-width bins), Brier: their mean squared error.");
        List<String> header = new ArrayList<>(List.of("cell", "clean", "ECE", "Brier"));
        header.addAll(perturbations);
        List<List<String>> rows = new ArrayList<>();
        for (CellResult c : measured) {
            Evaluation clean = c.result().evaluation();
            ScoreCalibration cal = c.result().test().calibration();
            List<String> row = new ArrayList<>();
            row.add(ExperimentReport.label(c));
            row.add("AUC " + Format.num(clean.rocAuc()) + "\nAcc " + Format.num(clean.accuracy()));
            row.add(cal == null ? Format.MISSING : Format.num(cal.ece()));
            row.add(cal == null ? Format.MISSING : Format.num(cal.brier()));
            Map<String, RobustnessMetrics> by = byName(c);
            for (String p : perturbations) {
                RobustnessMetrics r = by.get(p);
                row.add(
                        r == null
                                ? Format.MISSING
                                : "AUC "
                                        + Format.num(r.rocAuc())
                                        + "\nAcc "
                                        + Format.num(r.accuracy())
                                        + "\nflip "
                                        + Format.num(r.flipped()));
            }
            rows.add(row);
        }
        doc.table(header, rows);

        if (full != null) {
            costOfCompression(measured, full, perturbations, doc);
        }
        jpegChart(id, title, measured, doc);
    }

    /**
     * Δ ROC-AUC of each compressed cell against the full model, clean and under each perturbation:
     * a gap that widens under a perturbation is fragility the compression added.
     */
    private static void costOfCompression(
            List<CellResult> measured, CellResult full, Set<String> perturbations, Document doc) {
        doc.heading(4, "Robustness cost of compression");
        doc.paragraph(
                "Δ ROC-AUC = the cell's AUC minus the full model's on the same (perturbed) images;"
                        + " negative = worse than the full model. A gap under a perturbation"
                        + " wider than the clean gap is robustness the compression lost.");
        Map<String, RobustnessMetrics> teacher = byName(full);
        double teacherClean = full.result().evaluation().rocAuc();
        List<String> header = new ArrayList<>(List.of("cell", "clean"));
        header.addAll(perturbations);
        List<List<String>> rows = new ArrayList<>();
        for (CellResult c : measured) {
            if (c == full) {
                continue;
            }
            List<String> row = new ArrayList<>();
            row.add(ExperimentReport.label(c));
            row.add(delta(c.result().evaluation().rocAuc(), teacherClean));
            Map<String, RobustnessMetrics> by = byName(c);
            for (String p : perturbations) {
                RobustnessMetrics r = by.get(p);
                RobustnessMetrics t = teacher.get(p);
                row.add(r == null || t == null ? Format.MISSING : delta(r.rocAuc(), t.rocAuc()));
            }
            rows.add(row);
        }
        doc.table(header, rows);
    }

    /** ROC-AUC against JPEG quality, the clean images at quality 100: one line per cell. */
    private static void jpegChart(
            String id, String title, List<CellResult> measured, Document doc) {
        SvgChart chart =
                new SvgChart(
                        "ROC-AUC vs JPEG quality — " + title,
                        "JPEG quality (100 = the clean image)",
                        "test ROC-AUC",
                        false,
                        new double[] {0, 1},
                        false);
        for (CellResult c : measured) {
            List<double[]> points = new ArrayList<>();
            points.add(new double[] {100, c.result().evaluation().rocAuc()});
            for (RobustnessMetrics r : c.robustnessResults()) {
                Matcher m = JPEG.matcher(r.perturbation());
                if (m.matches() && !Double.isNaN(r.rocAuc())) {
                    points.add(new double[] {Integer.parseInt(m.group(1)), r.rocAuc()});
                }
            }
            if (points.size() > 1) {
                points.sort((a, b) -> Double.compare(a[0], b[0]));
                chart.add(new SvgChart.Series(ExperimentReport.label(c), points, true));
            }
        }
        if (!chart.isEmpty()) {
            doc.figure("figures/" + id + "-auc-vs-jpeg.svg", chart);
        }
    }

    private static Map<String, RobustnessMetrics> byName(CellResult c) {
        Map<String, RobustnessMetrics> by = new LinkedHashMap<>();
        c.robustnessResults().forEach(r -> by.put(r.perturbation(), r));
        return by;
    }

    private static String delta(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b)
                ? Format.MISSING
                : String.format(Locale.ROOT, "%+.4f", a - b);
    }
}
