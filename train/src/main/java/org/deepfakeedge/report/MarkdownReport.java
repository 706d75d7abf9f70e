package org.deepfakeedge.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** Renders model summaries as Markdown tables. Pure function: same rows, same text. */
public final class MarkdownReport {
    private MarkdownReport() {}

    /** The main table: detection quality next to size and training time. */
    public static String modelTable(List<ModelSummary> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append(
                "| model | arch | params | non-zero | size on disk | train time | accuracy | precision | recall | F1 | ROC-AUC | AP | EER | threshold |\n");
        sb.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (ModelSummary r : rows) {
            sb.append("| ")
                    .append(r.name())
                    .append(" | ")
                    .append(r.arch())
                    .append(" | ")
                    .append(count(r.params()))
                    .append(" | ")
                    .append(count(r.nonzeroParams()))
                    .append(" | ")
                    .append(bytes(r.modelBytes()))
                    .append(" | ")
                    .append(
                            Double.isNaN(r.trainSeconds())
                                    ? "–"
                                    : String.format(Locale.ROOT, "%.1f s", r.trainSeconds()))
                    .append(" | ")
                    .append(num(r.metric("accuracy")))
                    .append(" | ")
                    .append(num(r.metric("precision")))
                    .append(" | ")
                    .append(num(r.metric("recall")))
                    .append(" | ")
                    .append(num(r.metric("f1")))
                    .append(" | ")
                    .append(num(r.metric("roc_auc")))
                    .append(" | ")
                    .append(num(r.metric("average_precision")))
                    .append(" | ")
                    .append(num(r.metric("eer")))
                    .append(" | ")
                    .append(num(r.metric("threshold")))
                    .append(" |\n");
        }
        return sb.toString();
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
        StringBuilder sb = new StringBuilder("| model |");
        gens.forEach(g -> sb.append(' ').append(g).append(" acc | ").append(g).append(" recall |"));
        sb.append("\n|---|");
        gens.forEach(g -> sb.append("---:|---:|"));
        sb.append('\n');
        for (ModelSummary r : rows) {
            sb.append("| ").append(r.name()).append(" |");
            for (String g : gens) {
                JsonNode m = r.metrics().path("per_generator").path(g);
                sb.append(' ')
                        .append(num(m.path("accuracy")))
                        .append(" | ")
                        .append(num(m.path("recall")))
                        .append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Formats a metric with 4 decimals, "–" when missing. */
    public static String num(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String num(JsonNode n) {
        return n.isNumber() ? num(n.asDouble()) : "–";
    }

    /** Formats a count with thousands separators. */
    public static String count(long n) {
        return n < 0 ? "–" : String.format(Locale.ROOT, "%,d", n);
    }

    /** Formats bytes in KiB/MiB. */
    public static String bytes(long b) {
        if (b < 0) {
            return "–";
        }
        if (b < 1 << 20) {
            return String.format(Locale.ROOT, "%.1f KiB", b / 1024.0);
        }
        return String.format(Locale.ROOT, "%.2f MiB", b / (1024.0 * 1024));
    }
}
