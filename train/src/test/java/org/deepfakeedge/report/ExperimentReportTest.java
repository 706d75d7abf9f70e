package org.deepfakeedge.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.deepfakeedge.ArtifactException;
import org.deepfakeedge.experiment.ExperimentResults;
import org.deepfakeedge.workflow.ModelMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The experiment report from typed results: the same text as the untyped renderer wrote for the
 * same file (report-schema1.md/html were rendered from results-schema1.json before the results were
 * typed), and a renamed field fails the report instead of rendering "–".
 */
class ExperimentReportTest {
    static String text(String resource) throws Exception {
        try (InputStream in = ExperimentReportTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static Path experiment(Path dir, String resultsJson) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(ExperimentResults.FILE), resultsJson);
        return dir;
    }

    @Test
    void renders_what_the_untyped_report_rendered(@TempDir Path dir) throws Exception {
        Path out = experiment(dir, text("/compat/results-schema1.json"));
        ExperimentReport.Files f = ExperimentReport.write(out);
        assertThat(Files.readString(f.markdown())).isEqualTo(text("/compat/report-schema1.md"));
        assertThat(Files.readString(f.html())).isEqualTo(text("/compat/report-schema1.html"));
        for (String svg :
                new String[] {
                    "compression-roc-full",
                    "compression-roc-40",
                    "compression-roc-30",
                    "compression-accuracy-vs-size",
                    "compression-accuracy-vs-latency",
                    "transfer-roc-40",
                    "transfer-accuracy-vs-latency"
                }) {
            assertThat(out.resolve("figures/" + svg + ".svg")).as(svg).exists();
        }
    }

    @Test
    void a_schema_2_file_written_from_the_records_renders_the_same(@TempDir Path dir)
            throws Exception {
        Path one = experiment(dir.resolve("one"), text("/compat/results-schema1.json"));
        ExperimentResults r = ExperimentResults.read(one.resolve(ExperimentResults.FILE));
        Path two = dir.resolve("two");
        r.write(two.resolve(ExperimentResults.FILE));
        ExperimentReport.Files f = ExperimentReport.write(two);
        assertThat(Files.readString(f.markdown())).isEqualTo(text("/compat/report-schema1.md"));
    }

    @Test
    void the_quality_cells_are_the_metrics_files_numbers(@TempDir Path dir) throws Exception {
        ExperimentResults r =
                ExperimentResults.read(
                        experiment(dir, text("/compat/results-schema1.json"))
                                .resolve(ExperimentResults.FILE));
        String md = ExperimentReport.document(r).markdown();
        ModelMetrics m =
                r.cells().stream()
                        .filter(c -> c.cell().id().equals("compression/prune/30"))
                        .findFirst()
                        .orElseThrow()
                        .result();
        String quality =
                String.format(
                        Locale.ROOT,
                        "P %.4f<br>R %.4f<br>F1 %.4f<br>Acc %.4f<br>no training",
                        m.evaluation().precision(),
                        m.evaluation().recall(),
                        m.evaluation().f1(),
                        m.evaluation().accuracy());
        assertThat(md.lines().filter(l -> l.startsWith("| prune |")).findFirst().orElseThrow())
                .contains(quality);
        assertThat(md)
                .contains("## Failed cells")
                .contains(
                        "| compression/distill/30 | TrainingDivergedException: loss is NaN at epoch 1"
                                + " \\| try a lower --lr |");
    }

    @Test
    void a_renamed_field_fails_the_report_instead_of_rendering_a_dash(@TempDir Path dir)
            throws Exception {
        // the ROC-AUC of a cell, renamed: the old renderer printed "–" in its place
        String json = text("/compat/results-schema1.json");
        String cell = "\"id\": \"compression/prune/30\"";
        int at = json.indexOf(cell);
        int auc = json.indexOf("\"roc_auc\":", at);
        String broken = json.substring(0, auc) + "\"auc\":" + json.substring(auc + 10);
        Path out = experiment(dir, broken);
        assertThatThrownBy(() -> ExperimentReport.write(out))
                .isInstanceOf(ArtifactException.class)
                .hasMessageContaining(out.resolve(ExperimentResults.FILE).toString())
                .hasMessageContaining("cells[2].result.roc_auc is missing");
        assertThat(out.resolve("report.md")).doesNotExist();
    }
}
