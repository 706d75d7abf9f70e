package org.deepfakeedge.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.deepfakeedge.eval.Evaluation;
import org.deepfakeedge.eval.GeneratorMetrics;
import org.deepfakeedge.experiment.CellRecord;
import org.deepfakeedge.experiment.ExperimentResults;
import org.deepfakeedge.experiment.ExperimentResults.CellResult;
import org.deepfakeedge.experiment.ExperimentResults.DatasetInfo;
import org.deepfakeedge.experiment.ExperimentResults.ExperimentSummary;
import org.deepfakeedge.experiment.ExperimentResults.RunProvenance;
import org.deepfakeedge.experiment.ExperimentResults.SpecSummary;
import org.deepfakeedge.experiment.ExperimentResults.Teacher;
import org.deepfakeedge.io.AtomicFiles;
import org.deepfakeedge.provenance.EnvironmentInfo;
import org.deepfakeedge.provenance.ToolInfo;
import org.deepfakeedge.render.Document;
import org.deepfakeedge.render.Format;
import org.deepfakeedge.render.SvgChart;
import org.deepfakeedge.workflow.EvaluationReport;
import org.deepfakeedge.workflow.Method;
import org.deepfakeedge.workflow.MethodChain;
import org.deepfakeedge.workflow.ModelMetrics;

/**
 * Renders {@code results.json} as {@code report.md} and a self-contained {@code report.html} (SVG
 * figures inline), plus the figures as SVG files under {@code figures/}. A pure function of the
 * results file, read strictly into {@link ExperimentResults}: re-rendering never re-runs anything,
 * and a field the report needs cannot silently be missing.
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

    /** Renders the report of the experiment in {@code out} from its {@code results.json}. */
    public static Files write(Path out) throws IOException {
        return write(out, ExperimentResults.read(out.resolve(ExperimentResults.FILE)));
    }

    /** Renders the report of {@code results} into {@code out}. */
    public static Files write(Path out, ExperimentResults results) throws IOException {
        Document doc = document(results);
        for (Document.Figure f : doc.figures()) {
            AtomicFiles.write(out.resolve(f.file()), f.svg().getBytes(StandardCharsets.UTF_8));
        }
        Path md = out.resolve("report.md");
        Path html = out.resolve("report.html");
        AtomicFiles.write(md, doc.markdown().getBytes(StandardCharsets.UTF_8));
        String title = results.spec().name() + " — deepfake-edge experiment";
        AtomicFiles.write(html, doc.html(title).getBytes(StandardCharsets.UTF_8));
        return new Files(md, html);
    }

    // ---- content ------------------------------------------------------------------------------

    /** The report as a document. */
    static Document document(ExperimentResults r) {
        Document doc = new Document();
        SpecSummary spec = r.spec();
        RunProvenance prov = r.provenance();
        ToolInfo tool = prov.run().tool();
        EnvironmentInfo cpu = prov.run().environment().machine();
        doc.heading(1, "Experiment report: " + spec.name());
        if (!spec.description().isBlank()) {
            doc.paragraph(spec.description());
        }
        doc.paragraph(
                String.format(
                        Locale.ROOT,
                        "%s %s (commit %s) · %s, %d cores, flags %s · Java %s · seed %d · image size %d px · this run %.1f min "
                                + "(finished %s). Metrics on each data set's test split, positive class = fake, at the "
                                + "threshold chosen on validation data. Latency: ONNX Runtime, batch 1, per image.",
                        tool.name(),
                        tool.version(),
                        tool.commit(),
                        cpu.cpu(),
                        cpu.cores(),
                        String.join(" ", cpu.cpuFlags()),
                        cpu.java(),
                        spec.seed(),
                        spec.imageSize(),
                        prov.runSeconds() / 60,
                        prov.finishedAt()));

        doc.heading(2, "Data sets");
        List<List<String>> rows = new ArrayList<>();
        prov.datasets()
                .forEach(
                        (name, d) ->
                                rows.add(
                                        List.of(
                                                name,
                                                d.about() != null ? d.about() : d.data().layout(),
                                                d.data().root(),
                                                split(d, "train"),
                                                split(d, "val"),
                                                split(d, "test"),
                                                d.data()
                                                        .fingerprint()
                                                        .substring(
                                                                0,
                                                                Math.min(
                                                                        12,
                                                                        d.data()
                                                                                .fingerprint()
                                                                                .length())))));
        doc.table(List.of("name", "what", "folder", "train", "val", "test", "fingerprint"), rows);

        doc.heading(2, "Teachers");
        List<List<String>> trows = new ArrayList<>();
        r.teachers().forEach((name, t) -> trows.add(teacherRow(name, t)));
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

        List<String> levels = new ArrayList<>();
        spec.levels().forEach(l -> levels.add(Math.round(l * 100) + "%"));
        for (ExperimentSummary e : r.experiments()) {
            experiment(e, r.cells(), levels, doc);
        }

        List<List<String>> failed = new ArrayList<>();
        for (CellResult c : r.cells()) {
            if (!c.cell().ok()) {
                failed.add(List.of(c.cell().id(), Objects.toString(c.cell().error(), "")));
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
        return doc;
    }

    private static List<String> teacherRow(String name, Teacher t) {
        if (t.error() != null) {
            return List.of(name, "failed: " + t.error(), "", "", "", "", "");
        }
        ModelMetrics m = t.metrics();
        return List.of(
                name,
                Objects.toString(t.artifact(), ""),
                Format.count(m == null ? -1 : m.params()),
                Format.bytes(m == null ? -1 : m.modelBytes()),
                num(m, Evaluation::accuracy),
                num(m, Evaluation::rocAuc),
                Format.seconds(m == null ? null : m.trainSeconds()));
    }

    private static void experiment(
            ExperimentSummary e, List<CellResult> all, List<String> levels, Document doc) {
        boolean transfer = Method.Kind.parse(e.kind()) == Method.Kind.TRANSFER;
        List<CellResult> cells =
                all.stream().filter(c -> c.cell().experiment().equals(e.id())).toList();
        CellResult baseline =
                cells.stream()
                        .filter(c -> c.cell().method().equals(Method.BASELINE))
                        .findFirst()
                        .orElse(null);
        doc.heading(2, e.title());
        String from = Objects.toString(e.from(), "");
        doc.paragraph(
                transfer
                        ? "The teacher trained on '"
                                + from
                                + "' moves to '"
                                + e.data()
                                + "'; every number is on the test split of '"
                                + e.data()
                                + "'. Full model = the "
                                + "teacher of '"
                                + from
                                + "' before any transfer."
                        : "Compression of the teacher trained on '"
                                + e.data()
                                + "'; numbers on its test split. "
                                + "Full model = the teacher.");

        List<String> leveled = new ArrayList<>();
        List<String> once = new ArrayList<>();
        for (String m : e.methods()) {
            MethodChain method = MethodChain.find(m);
            (method != null && method.leveled() ? leveled : once).add(m);
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
        for (CellResult c : cells) {
            if (!c.cell().ok()) {
                continue;
            }
            ModelMetrics m = c.result();
            CellRecord.Bench b = c.cell().bench();
            rows.add(
                    List.of(
                            label(c),
                            Format.count(m.params()),
                            Format.count(m.nonzeroParams()),
                            Format.bytes(m.modelBytes()),
                            Format.ms(b == null ? null : b.fp32P50Ms()),
                            Format.ms(b == null ? null : b.int8P50Ms()),
                            Format.bytes(b == null || b.int8Bytes() == null ? -1 : b.int8Bytes()),
                            num(m, Evaluation::accuracy),
                            num(m, Evaluation::rocAuc),
                            Format.seconds(c.trainSeconds())));
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
        RobustnessSection.write(e.id(), e.title(), cells, doc);
        figures(e.id(), e.title(), cells, levels, doc);
    }

    /**
     * Per-generator accuracy: from the main test split and each extra test set that has generators.
     */
    private static void perGenerator(ExperimentSummary e, List<CellResult> cells, Document doc) {
        List<String> sources = new ArrayList<>();
        sources.add(null); // the experiment's own test split
        sources.addAll(e.extraTests());
        for (String src : sources) {
            TreeSet<String> gens = new TreeSet<>();
            for (CellResult c : cells) {
                Evaluation m = evaluation(c, src);
                if (m != null) {
                    gens.addAll(m.perGenerator().keySet());
                }
            }
            if (gens.size() < 2) {
                continue; // one generator: the table would repeat the accuracy column
            }
            String data = src == null ? e.data() : src;
            doc.heading(3, "Per generator: the test split of '" + data + "'");
            doc.paragraph(
                    "Each generator's column scores its fakes together with all real test images (as the "
                            + "paper's Table 5): accuracy, recall = share of that generator's fakes detected, ROC-AUC.");
            List<String> header = new ArrayList<>(List.of("cell", "all"));
            header.addAll(gens);
            List<List<String>> rows = new ArrayList<>();
            for (CellResult c : cells) {
                Evaluation m = evaluation(c, src);
                if (m == null) {
                    continue;
                }
                List<String> row =
                        new ArrayList<>(
                                List.of(
                                        label(c),
                                        "Acc "
                                                + Format.num(m.accuracy())
                                                + "\nAUC "
                                                + Format.num(m.rocAuc())));
                for (String g : gens) {
                    GeneratorMetrics gm = m.perGenerator().get(g);
                    row.add(
                            gm == null
                                    ? "Acc –\nR –\nAUC –"
                                    : "Acc "
                                            + Format.num(gm.accuracy())
                                            + "\nR "
                                            + Format.num(gm.recall())
                                            + "\nAUC "
                                            + Format.num(gm.rocAuc()));
                }
                rows.add(row);
            }
            doc.table(header, rows);
        }
    }

    /** A cell's evaluation on its own test split ({@code extra} null) or an extra test set. */
    private static Evaluation evaluation(CellResult c, String extra) {
        ModelMetrics m =
                extra == null
                        ? c.result()
                        : c.extraResults() == null ? null : c.extraResults().get(extra);
        return m == null ? null : m.evaluation();
    }

    private static void figures(
            String id, String title, List<CellResult> cells, List<String> levels, Document doc) {
        doc.heading(3, "Figures");
        List<String> groups = new ArrayList<>(List.of("full"));
        groups.addAll(levels);
        for (String g : groups) {
            SvgChart roc =
                    SvgChart.roc(
                            "ROC — "
                                    + title
                                    + (g.equals("full") ? " (full size)" : " (" + g + ")"));
            for (CellResult c : cells) {
                boolean inGroup =
                        c.cell().method().equals(Method.BASELINE) || levelLabel(c).equals(g);
                EvaluationReport test = c.result() == null ? null : c.result().test();
                if (!inGroup || test == null || test.rocPoints().isEmpty()) {
                    continue;
                }
                roc.add(
                        new SvgChart.Series(
                                SvgChart.rocLegend(label(c), test.evaluation().rocAuc()),
                                test.rocPoints(),
                                true));
            }
            if (roc.series() > 1 || (g.equals("full") && roc.series() > 0)) {
                doc.figure("figures/" + id + "-roc-" + g.replace("%", "") + ".svg", roc);
            }
        }
        Map<String, List<double[]>> bySize = new LinkedHashMap<>();
        Map<String, List<double[]>> byFp32 = new LinkedHashMap<>();
        Map<String, List<double[]>> byInt8 = new LinkedHashMap<>();
        for (CellResult c : cells) {
            Evaluation m = evaluation(c, null);
            if (m == null) {
                continue;
            }
            String series =
                    c.cell().method().equals(Method.BASELINE) ? "full model" : c.cell().method();
            double acc = m.accuracy();
            bySize.computeIfAbsent(series, k -> new ArrayList<>())
                    .add(new double[] {c.result().modelBytes() / 1024.0, acc});
            CellRecord.Bench b = c.cell().bench();
            byFp32.computeIfAbsent(series, k -> new ArrayList<>());
            byInt8.computeIfAbsent(series, k -> new ArrayList<>());
            if (b != null && b.fp32P50Ms() != null) {
                byFp32.get(series).add(new double[] {b.fp32P50Ms(), acc});
            }
            if (b != null && b.int8P50Ms() != null) {
                byInt8.get(series).add(new double[] {b.int8P50Ms(), acc});
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

    private static CellResult find(List<CellResult> cells, String method, String level) {
        return cells.stream()
                .filter(c -> c.cell().method().equals(method) && levelLabel(c).equals(level))
                .findFirst()
                .orElse(null);
    }

    private static String levelLabel(CellResult c) {
        Double level = c.cell().level();
        return level != null ? Math.round(level * 100) + "%" : "full";
    }

    /** The cell's row label: {@code full model}, {@code distill 40%}, {@code lowrank}. */
    static String label(CellResult c) {
        String m = c.cell().method();
        return m.equals(Method.BASELINE)
                ? "full model"
                : levelLabel(c).equals("full") ? m : m + " " + levelLabel(c);
    }

    /** The paper's cell: precision, recall, F1, accuracy and training time, one per line. */
    static String quality(CellResult c) {
        if (c == null) {
            return Format.MISSING;
        }
        if (!c.cell().ok()) {
            String err = Objects.toString(c.cell().error(), "");
            return "failed: " + (err.length() > 80 ? err.substring(0, 77) + "..." : err);
        }
        Evaluation m = c.result().evaluation();
        return "P "
                + Format.num(m.precision())
                + "\nR "
                + Format.num(m.recall())
                + "\nF1 "
                + Format.num(m.f1())
                + "\nAcc "
                + Format.num(m.accuracy())
                + "\n"
                + (c.trainSeconds() != null
                        ? "train " + Format.seconds(c.trainSeconds())
                        : "no training");
    }

    private static String num(ModelMetrics m, java.util.function.ToDoubleFunction<Evaluation> f) {
        return m == null || m.evaluation() == null
                ? Format.MISSING
                : Format.num(f.applyAsDouble(m.evaluation()));
    }

    private static String split(DatasetInfo d, String split) {
        Map<String, Integer> counts = d.data().counts().get(split);
        if (counts == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((k, n) -> parts.add(n + " " + k));
        return String.join(" / ", parts);
    }
}
