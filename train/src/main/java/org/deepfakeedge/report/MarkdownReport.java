package org.deepfakeedge.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
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
                            Format.num(r.metric("accuracy")),
                            Format.num(r.metric("precision")),
                            Format.num(r.metric("recall")),
                            Format.num(r.metric("f1")),
                            Format.num(r.metric("roc_auc")),
                            Format.num(r.metric("average_precision")),
                            Format.num(r.metric("eer")),
                            Format.num(r.metric("threshold"))));
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
            r.metrics().path("per_generator").fieldNames().forEachRemaining(gens::add);
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
                JsonNode m = r.metrics().path("per_generator").path(g);
                row.add(num(m.path("accuracy")));
                row.add(num(m.path("recall")));
            }
            cells.add(row);
        }
        return Markdown.table(header, cells, 1);
    }

    /**
     * Same as {@link Format#bytes}; kept for {@code ExportCommand} until it moves to {@code
     * Format}.
     */
    public static String bytes(long b) {
        return Format.bytes(b);
    }

    private static String num(JsonNode n) {
        return Format.num(n.isNumber() ? n.asDouble() : Double.NaN);
    }
}
