package org.deepfakeedge.report;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import org.deepfakeedge.eval.Evaluation;
import org.deepfakeedge.eval.GeneratorMetrics;
import org.deepfakeedge.render.Format;
import org.deepfakeedge.render.Markdown;

/** Renders model summaries as Markdown tables. Pure function: same rows, same text. */
public final class MarkdownReport {
    private MarkdownReport() {}

    /** The main table: detection quality next to size and training time. */
    public static String modelTable(List<ModelSummary> rows) {
        List<List<String>> cells = new ArrayList<>();
        for (ModelSummary r : rows) {
            cells.add(
                    List.of(
                            r.name(),
                            r.arch(),
                            Format.count(r.params()),
                            Format.count(r.nonzeroParams()),
                            Format.bytes(r.modelBytes()),
                            Format.seconds(r.trainSeconds()),
                            num(r, Evaluation::accuracy),
                            num(r, Evaluation::precision),
                            num(r, Evaluation::recall),
                            num(r, Evaluation::f1),
                            num(r, Evaluation::rocAuc),
                            num(r, Evaluation::averagePrecision),
                            num(r, Evaluation::eer),
                            num(r, Evaluation::threshold)));
        }
        return Markdown.table(
                List.of(
                        "model",
                        "arch",
                        "params",
                        "non-zero",
                        "size on disk",
                        "train time",
                        "accuracy",
                        "precision",
                        "recall",
                        "F1",
                        "ROC-AUC",
                        "AP",
                        "EER",
                        "threshold"),
                cells,
                2);
    }

    /** Per-generator accuracy and recall, one row per model, one column pair per generator. */
    public static String perGeneratorTable(List<ModelSummary> rows) {
        TreeSet<String> gens = new TreeSet<>();
        for (ModelSummary r : rows) {
            if (r.evaluation() != null) {
                gens.addAll(r.evaluation().perGenerator().keySet());
            }
        }
        if (gens.isEmpty()) {
            return "";
        }
        List<String> header = new ArrayList<>(List.of("model"));
        gens.forEach(
                g -> {
                    header.add(g + " acc");
                    header.add(g + " recall");
                });
        List<List<String>> cells = new ArrayList<>();
        for (ModelSummary r : rows) {
            List<String> row = new ArrayList<>(List.of(r.name()));
            for (String g : gens) {
                GeneratorMetrics m =
                        r.evaluation() == null ? null : r.evaluation().perGenerator().get(g);
                row.add(m == null ? Format.MISSING : Format.num(m.accuracy()));
                row.add(m == null ? Format.MISSING : Format.num(m.recall()));
            }
            cells.add(row);
        }
        return Markdown.table(header, cells, 1);
    }

    private static String num(ModelSummary r, ToDoubleFunction<Evaluation> metric) {
        return r.evaluation() == null
                ? Format.MISSING
                : Format.num(metric.applyAsDouble(r.evaluation()));
    }
}
