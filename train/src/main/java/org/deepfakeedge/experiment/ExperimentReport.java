package org.deepfakeedge.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.deepfakeedge.io.AtomicFiles;
import org.deepfakeedge.render.Document;
import org.deepfakeedge.render.Format;
import org.deepfakeedge.render.SvgChart;

/**
 * Renders {@code results.json} as {@code report.md} and a self-contained {@code report.html} (SVG
 * figures inline), plus the figures as SVG files under {@code figures/}. A pure function of the
 * results file: re-rendering never re-runs anything.
 *
 * <p>Per experiment: the paper's layout (rows = methods, columns = the share of the teacher's
 * parameters kept; each cell precision, recall, F1, accuracy and training time), methods applied
 * once next to the original model, every artifact's size and fp32/INT8 latency, per-generator
 * accuracy, ROC curves per level (as the paper's Figure 9), and accuracy against size and latency.
 */
public final class ExperimentReport {
    private ExperimentReport() {}

    /** The files written. */
    public record Files(Path markdown, Path html) {}

    /** Renders the report of the results in {@code out}. */
    public static Files write(Path out, JsonNode results) throws IOException {
        Document doc = new Document();
        build(results, doc);
        for (Document.Figure f : doc.figures()) {
            AtomicFiles.write(out.resolve(f.file()), f.svg().getBytes(StandardCharsets.UTF_8));
        }
        Path md = out.resolve("report.md");
        Path html = out.resolve("report.html");
        AtomicFiles.write(md, doc.markdown().getBytes(StandardCharsets.UTF_8));
        String title = results.path("spec").path("name").asText() + " — deepfake-edge experiment";
        AtomicFiles.write(html, doc.html(title).getBytes(StandardCharsets.UTF_8));
        return new Files(md, html);
    }

    // ---- content ------------------------------------------------------------------------------

    private static void build(JsonNode r, Document doc) {
        JsonNode spec = r.path("spec");
        JsonNode prov = r.path("provenance");
        doc.heading(1, "Experiment report: " + spec.path("name").asText());
        if (!spec.path("description").asText().isBlank()) {
            doc.paragraph(spec.path("description").asText());
        }
        JsonNode cpu = prov.path("machine");
        doc.paragraph(
                String.format(
                        Locale.ROOT,
                        "%s %s (commit %s) · %s, %d cores, flags %s · Java %s · seed %d · image size %d px · this run %.1f min "
                                + "(finished %s). Metrics on each data set's test split, positive class = fake, at the "
                                + "threshold chosen on validation data. Latency: ONNX Runtime, batch 1, per image.",
                        prov.path("tool").path("name").asText(),
                        prov.path("tool").path("version").asText(),
                        prov.path("tool").path("git_commit").asText(),
                        cpu.path("cpu").asText(),
                        cpu.path("cores").asInt(),
                        join(cpu.path("cpu_flags")),
                        cpu.path("java").asText(),
                        spec.path("seed").asLong(),
                        spec.path("image_size").asInt(),
                        prov.path("run_seconds").asDouble() / 60,
                        prov.path("finished_at").asText()));

        doc.heading(2, "Data sets");
        List<List<String>> rows = new ArrayList<>();
        prov.path("datasets")
                .fields()
                .forEachRemaining(
                        e -> {
                            JsonNode d = e.getValue();
                            JsonNode c = d.path("counts");
                            rows.add(
                                    List.of(
                                            e.getKey(),
                                            d.path("about").asText(d.path("layout").asText()),
                                            d.path("root").asText(),
                                            split(c.path("train")),
                                            split(c.path("val")),
                                            split(c.path("test")),
                                            d.path("fingerprint")
                                                    .asText()
                                                    .substring(
                                                            0,
                                                            Math.min(
                                                                    12,
                                                                    d.path("fingerprint")
                                                                            .asText()
                                                                            .length()))));
                        });
        doc.table(List.of("name", "what", "folder", "train", "val", "test", "fingerprint"), rows);

        doc.heading(2, "Teachers");
        List<List<String>> trows = new ArrayList<>();
        r.path("teachers")
                .fields()
                .forEachRemaining(
                        e -> {
                            JsonNode m = e.getValue().path("metrics");
                            trows.add(
                                    e.getValue().has("error")
                                            ? List.of(
                                                    e.getKey(),
                                                    "failed: "
                                                            + e.getValue().path("error").asText(),
                                                    "",
                                                    "",
                                                    "",
                                                    "",
                                                    "")
                                            : List.of(
                                                    e.getKey(),
                                                    e.getValue().path("artifact").asText(),
                                                    Format.count(m.path("params").asLong(-1)),
                                                    Format.bytes(m.path("model_bytes").asLong(-1)),
                                                    num(m, "accuracy"),
                                                    num(m, "roc_auc"),
                                                    seconds(
                                                            m.path("training")
                                                                    .path("train_seconds"))));
                        });
        doc.table(
                List.of(
                        "trained on",
                        "artifact",
                        "params",
                        "size",
                        "accuracy",
                        "ROC-AUC",
                        "train time"),
                trows);

        List<JsonNode> cells = new ArrayList<>();
        r.path("cells").forEach(cells::add);
        List<String> levels = new ArrayList<>();
        spec.path("levels").forEach(l -> levels.add(Math.round(l.asDouble() * 100) + "%"));
        for (JsonNode e : r.path("experiments")) {
            experiment(e, cells, levels, doc);
        }

        List<List<String>> failed = new ArrayList<>();
        for (JsonNode c : cells) {
            if (!"ok".equals(c.path("status").asText())) {
                failed.add(List.of(c.path("id").asText(), c.path("error").asText()));
            }
        }
        doc.heading(2, "Failed cells");
        if (failed.isEmpty()) {
            doc.paragraph("None: every cell finished.");
        } else {
            doc.paragraph(
                    failed.size()
                            + " cells failed; the rest of the grid ran. Each failed cell's folder has "
                            + "error.txt with the stack trace; `experiment --resume` runs them again.");
            doc.table(List.of("cell", "error"), failed);
        }
    }

    private static void experiment(
            JsonNode e, List<JsonNode> all, List<String> levels, Document doc) {
        String id = e.path("id").asText();
        boolean transfer = e.path("kind").asText().equals("transfer");
        List<JsonNode> cells =
                all.stream().filter(c -> c.path("experiment").asText().equals(id)).toList();
        JsonNode baseline =
                cells.stream()
                        .filter(c -> c.path("method").asText().equals(Methods.BASELINE))
                        .findFirst()
                        .orElse(null);
        doc.heading(2, e.path("title").asText());
        doc.paragraph(
                transfer
                        ? "The teacher trained on '"
                                + e.path("from").asText()
                                + "' moves to '"
                                + e.path("data").asText()
                                + "'; every number is on the test split of '"
                                + e.path("data").asText()
                                + "'. Full model = the "
                                + "teacher of '"
                                + e.path("from").asText()
                                + "' before any transfer."
                        : "Compression of the teacher trained on '"
                                + e.path("data").asText()
                                + "'; numbers on its test split. "
                                + "Full model = the teacher.");

        List<String> leveled = new ArrayList<>();
        List<String> once = new ArrayList<>();
        for (JsonNode m : e.path("methods")) {
            (Methods.leveled(e.path("kind").asText(), m.asText()) ? leveled : once).add(m.asText());
        }
        if (!leveled.isEmpty()) {
            doc.heading(3, "Quality by share of the teacher's parameters kept");
            List<String> header = new ArrayList<>(List.of("method", "full model"));
            header.addAll(levels);
            List<List<String>> rows = new ArrayList<>();
            for (String m : leveled) {
                List<String> row = new ArrayList<>(List.of(m, quality(baseline)));
                for (String l : levels) {
                    row.add(quality(find(cells, m, l)));
                }
                rows.add(row);
            }
            doc.table(header, rows);
        }
        if (!once.isEmpty()) {
            doc.heading(3, "Methods applied once");
            List<List<String>> rows = new ArrayList<>();
            for (String m : once) {
                rows.add(List.of(m, quality(baseline), quality(find(cells, m, "full"))));
            }
            doc.table(
                    List.of(
                            "method",
                            "original model",
                            transfer ? "transferred model" : "compressed model"),
                    rows);
        }

        doc.heading(3, "Every artifact: size and CPU latency");
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode c : cells) {
            if (!"ok".equals(c.path("status").asText())) {
                continue;
            }
            JsonNode m = c.path("result");
            JsonNode b = c.path("bench");
            rows.add(
                    List.of(
                            label(c),
                            Format.count(m.path("params").asLong(-1)),
                            Format.count(m.path("nonzero_params").asLong(-1)),
                            Format.bytes(m.path("model_bytes").asLong(-1)),
                            ms(b.path("fp32_p50_ms")),
                            ms(b.path("int8_p50_ms")),
                            Format.bytes(b.path("int8_bytes").asLong(-1)),
                            num(m, "accuracy"),
                            num(m, "roc_auc"),
                            seconds(c.path("train_seconds"))));
        }
        doc.table(
                List.of(
                        "cell",
                        "params",
                        "non-zero",
                        "size on disk",
                        "fp32 ms",
                        "INT8 ms",
                        "INT8 size",
                        "accuracy",
                        "ROC-AUC",
                        "train time"),
                rows);

        perGenerator(e, cells, doc);
        figures(id, e.path("title").asText(), cells, levels, doc);
    }

    /**
     * Per-generator accuracy: from the main test split and each extra test set that has generators.
     */
    private static void perGenerator(JsonNode e, List<JsonNode> cells, Document doc) {
        List<String> sources = new ArrayList<>();
        sources.add(null); // the experiment's own test split
        e.path("extra_tests").forEach(x -> sources.add(x.asText()));
        for (String src : sources) {
            TreeSet<String> gens = new TreeSet<>();
            for (JsonNode c : cells) {
                result(c, src).path("per_generator").fieldNames().forEachRemaining(gens::add);
            }
            if (gens.size() < 2) {
                continue; // one generator: the table would repeat the accuracy column
            }
            String data = src == null ? e.path("data").asText() : src;
            doc.heading(3, "Per generator: the test split of '" + data + "'");
            doc.paragraph(
                    "Each generator's column scores its fakes together with all real test images (as the "
                            + "paper's Table 5): accuracy, recall = share of that generator's fakes detected, ROC-AUC.");
            List<String> header = new ArrayList<>(List.of("cell", "all"));
            gens.forEach(g -> header.add(g));
            List<List<String>> rows = new ArrayList<>();
            for (JsonNode c : cells) {
                JsonNode m = result(c, src);
                if (m.isMissingNode() || m.isEmpty()) {
                    continue;
                }
                List<String> row =
                        new ArrayList<>(
                                List.of(
                                        label(c),
                                        "Acc "
                                                + num(m, "accuracy")
                                                + "\nAUC "
                                                + num(m, "roc_auc")));
                for (String g : gens) {
                    JsonNode gm = m.path("per_generator").path(g);
                    row.add(
                            "Acc "
                                    + num(gm, "accuracy")
                                    + "\nR "
                                    + num(gm, "recall")
                                    + "\nAUC "
                                    + num(gm, "roc_auc"));
                }
                rows.add(row);
            }
            doc.table(header, rows);
        }
    }

    private static JsonNode result(JsonNode c, String extra) {
        return extra == null ? c.path("result") : c.path("extra_results").path(extra);
    }

    private static void figures(
            String id, String title, List<JsonNode> cells, List<String> levels, Document doc) {
        doc.heading(3, "Figures");
        List<String> groups = new ArrayList<>(List.of("full"));
        groups.addAll(levels);
        for (String g : groups) {
            SvgChart roc =
                    SvgChart.roc(
                            "ROC — "
                                    + title
                                    + (g.equals("full") ? " (full size)" : " (" + g + ")"));
            for (JsonNode c : cells) {
                boolean inGroup =
                        c.path("method").asText().equals(Methods.BASELINE)
                                || levelLabel(c).equals(g);
                JsonNode curve = c.path("result").path("roc_curve");
                if (!inGroup || !curve.has("fpr")) {
                    continue;
                }
                List<double[]> pts = new ArrayList<>();
                for (int i = 0; i < curve.path("fpr").size(); i++) {
                    pts.add(
                            new double[] {
                                curve.path("fpr").get(i).asDouble(),
                                curve.path("tpr").get(i).asDouble()
                            });
                }
                JsonNode auc = c.path("result").path("roc_auc");
                roc.add(
                        new SvgChart.Series(
                                SvgChart.rocLegend(
                                        label(c), auc.isNumber() ? auc.asDouble() : Double.NaN),
                                pts,
                                true));
            }
            if (roc.series() > 1 || (g.equals("full") && roc.series() > 0)) {
                doc.figure("figures/" + id + "-roc-" + g.replace("%", "") + ".svg", roc);
            }
        }
        Map<String, List<double[]>> bySize = new LinkedHashMap<>();
        Map<String, List<double[]>> byFp32 = new LinkedHashMap<>();
        Map<String, List<double[]>> byInt8 = new LinkedHashMap<>();
        for (JsonNode c : cells) {
            JsonNode m = c.path("result");
            if (!m.path("accuracy").isNumber()) {
                continue;
            }
            String series =
                    c.path("method").asText().equals(Methods.BASELINE)
                            ? "full model"
                            : c.path("method").asText();
            double acc = m.path("accuracy").asDouble();
            bySize.computeIfAbsent(series, k -> new ArrayList<>())
                    .add(new double[] {m.path("model_bytes").asDouble() / 1024, acc});
            JsonNode b = c.path("bench");
            byFp32.computeIfAbsent(series, k -> new ArrayList<>());
            byInt8.computeIfAbsent(series, k -> new ArrayList<>());
            if (b.path("fp32_p50_ms").isNumber()) {
                byFp32.get(series).add(new double[] {b.path("fp32_p50_ms").asDouble(), acc});
            }
            if (b.path("int8_p50_ms").isNumber()) {
                byInt8.get(series).add(new double[] {b.path("int8_p50_ms").asDouble(), acc});
            }
        }
        SvgChart size =
                new SvgChart(
                        "Accuracy vs size — " + title,
                        "size on disk (KiB, log scale)",
                        "test accuracy",
                        true,
                        new double[] {0, 1},
                        false);
        bySize.forEach((k, v) -> size.add(new SvgChart.Series(k, v, false)));
        if (!size.isEmpty()) {
            doc.figure("figures/" + id + "-accuracy-vs-size.svg", size);
        }
        SvgChart lat =
                new SvgChart(
                        "Accuracy vs CPU latency — " + title,
                        "ms per image, batch 1, log scale (dot = fp32, ring = INT8)",
                        "test accuracy",
                        true,
                        new double[] {0, 1},
                        false);
        byFp32.forEach((k, v) -> lat.add(new SvgChart.Series(k, v, false, byInt8.get(k))));
        if (!lat.isEmpty()) {
            doc.figure("figures/" + id + "-accuracy-vs-latency.svg", lat);
        }
    }

    // ---- cell text ----------------------------------------------------------------------------

    private static JsonNode find(List<JsonNode> cells, String method, String level) {
        return cells.stream()
                .filter(
                        c ->
                                c.path("method").asText().equals(method)
                                        && levelLabel(c).equals(level))
                .findFirst()
                .orElse(null);
    }

    private static String levelLabel(JsonNode c) {
        return c.path("level").isNumber()
                ? Math.round(c.path("level").asDouble() * 100) + "%"
                : "full";
    }

    private static String label(JsonNode c) {
        String m = c.path("method").asText();
        return m.equals(Methods.BASELINE)
                ? "full model"
                : levelLabel(c).equals("full") ? m : m + " " + levelLabel(c);
    }

    /** The paper's cell: precision, recall, F1, accuracy and training time, one per line. */
    static String quality(JsonNode c) {
        if (c == null) {
            return Format.MISSING;
        }
        if (!"ok".equals(c.path("status").asText())) {
            String err = c.path("error").asText();
            return "failed: " + (err.length() > 80 ? err.substring(0, 77) + "..." : err);
        }
        JsonNode m = c.path("result");
        return "P "
                + num(m, "precision")
                + "\nR "
                + num(m, "recall")
                + "\nF1 "
                + num(m, "f1")
                + "\nAcc "
                + num(m, "accuracy")
                + "\n"
                + (c.path("train_seconds").isNumber()
                        ? "train " + seconds(c.path("train_seconds"))
                        : "no training");
    }

    private static String num(JsonNode m, String key) {
        JsonNode n = m.path(key);
        return Format.num(n.isNumber() ? n.asDouble() : Double.NaN);
    }

    private static String seconds(JsonNode n) {
        return Format.seconds(n.isNumber() ? n.asDouble() : null);
    }

    private static String ms(JsonNode n) {
        return Format.ms(n.isNumber() ? n.asDouble() : null);
    }

    private static String split(JsonNode counts) {
        List<String> parts = new ArrayList<>();
        counts.fields().forEachRemaining(e -> parts.add(e.getValue().asInt() + " " + e.getKey()));
        return String.join(" / ", parts);
    }

    private static String join(JsonNode arr) {
        List<String> s = new ArrayList<>();
        arr.forEach(n -> s.add(n.asText()));
        return String.join(" ", s);
    }
}
