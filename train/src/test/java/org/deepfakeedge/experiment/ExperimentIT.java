package org.deepfakeedge.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.provenance.Json;
import org.deepfakeedge.report.ExperimentReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny grid end to end (2 methods × 2 levels at 32 px, plus a cell that must fail): the report's
 * numbers are the artifacts' own, a failing cell does not stop the others, and resume skips
 * finished cells.
 */
class ExperimentIT {
    static final String SPEC =
            """
            name: tiny
            seed: 7
            image_size: 32
            levels: [0.3, 0.1]
            datasets:
              a: {synth: {generator: checkerboard, count: 40, seed: 1}}
              mixed: {synth: {generator: mixed, count: 30, seed: 3, test_fraction: 0.6}}
            teacher: {arch: student-30, epochs: 1}
            training: {distill_epochs: 1}
            experiments:
              - id: comp
                kind: compression
                data: a
                extra_tests: [mixed]
                methods: [prune, distill, lowrank]
                options:
                  lowrank: {layer: no-such-layer}
            bench: {warmup: 0, iterations: 2, calibration_count: 4}
            """;

    @TempDir static Path tmp;
    static Path out;
    static ExperimentRunner.Outcome first;
    static ExperimentReport.Files report;
    static JsonNode results;

    @BeforeAll
    static void runTheGrid() throws Exception {
        out = tmp.resolve("exp");
        first =
                ExperimentRunner.run(
                        ExperimentSpec.parse(SPEC, Map.of(), "tiny"),
                        List.of(),
                        out,
                        false,
                        ExperimentListener.NONE);
        results = Json.MAPPER.readTree(first.results().toFile());
        report = ExperimentReport.write(out);
    }

    static JsonNode cell(String id) {
        for (JsonNode c : results.path("cells")) {
            if (c.path("id").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no cell " + id);
    }

    @Test
    void every_cell_ran_and_the_failing_one_was_recorded_without_stopping_the_rest() {
        assertThat(first.cells()).isEqualTo(6); // baseline, prune ×2, distill ×2, lowrank
        assertThat(first.ran()).isEqualTo(6);
        assertThat(first.failed()).isEqualTo(1);
        JsonNode bad = cell("comp/lowrank/full");
        assertThat(bad.path("status").asText()).isEqualTo("failed");
        assertThat(bad.path("error").asText()).contains("no-such-layer");
        assertThat(out.resolve("cells/comp/lowrank/error.txt")).exists();
        // cells after the failing one in other experiments / before it all finished
        for (String id :
                List.of(
                        "comp/baseline/full",
                        "comp/prune/30",
                        "comp/prune/10",
                        "comp/distill/30",
                        "comp/distill/10")) {
            assertThat(cell(id).path("status").asText()).as(id).isEqualTo("ok");
        }
    }

    @Test
    void the_report_numbers_equal_the_artifacts_own_metrics_files() throws Exception {
        String md = Files.readString(report.markdown());
        for (String id :
                List.of("comp/prune/30", "comp/prune/10", "comp/distill/30", "comp/distill/10")) {
            JsonNode c = cell(id);
            Path metricsFile = out.resolve(c.path("artifact").asText()).resolve("metrics.json");
            JsonNode own = Json.MAPPER.readTree(metricsFile.toFile());
            for (String k : List.of("accuracy", "precision", "recall", "f1", "roc_auc")) {
                assertThat(c.path("result").path(k).asDouble())
                        .as(id + " " + k)
                        .isEqualTo(own.path(k).asDouble());
            }
            assertThat(c.path("train_seconds").asDouble())
                    .as(id)
                    .isEqualTo(own.path("training").path("train_seconds").asDouble(0));
            String quality =
                    String.format(
                            Locale.ROOT,
                            "P %.4f<br>R %.4f<br>F1 %.4f<br>Acc %.4f",
                            own.path("precision").asDouble(),
                            own.path("recall").asDouble(),
                            own.path("f1").asDouble(),
                            own.path("accuracy").asDouble());
            String method = id.split("/")[1];
            String row =
                    md.lines()
                            .filter(l -> l.startsWith("| " + method + " |"))
                            .findFirst()
                            .orElseThrow();
            assertThat(row).as(id).contains(quality);
            // the extra test set's numbers are that evaluation's own file
            JsonNode extra =
                    Json.MAPPER.readTree(
                            out.resolve(c.path("extra_tests").path("mixed").asText()).toFile());
            assertThat(c.path("extra_results").path("mixed").path("accuracy").asDouble())
                    .isEqualTo(extra.path("accuracy").asDouble());
        }
        // the full-model column is the teacher's evaluation
        JsonNode teacher = Json.MAPPER.readTree(out.resolve("teachers/a/metrics.json").toFile());
        assertThat(cell("comp/baseline/full").path("result").path("accuracy").asDouble())
                .isEqualTo(teacher.path("accuracy").asDouble());
        assertThat(md).contains("## Failed cells").contains("comp/lowrank/full");
    }

    @Test
    void results_carry_provenance_and_the_report_is_self_contained() throws Exception {
        JsonNode p = results.path("provenance");
        assertThat(p.path("tool").path("git_commit").asText()).isNotBlank();
        assertThat(results.path("schema").asInt()).isEqualTo(ExperimentResults.SCHEMA);
        assertThat(p.path("environment").path("machine").path("cores").asInt()).isPositive();
        assertThat(p.path("environment").path("engines").path("djl").asText()).isNotBlank();
        assertThat(p.path("seed").asLong()).isEqualTo(7);
        assertThat(p.path("datasets").path("a").path("fingerprint").asText()).hasSize(64);
        assertThat(results.path("spec").path("text").asText()).contains("no-such-layer");
        assertThat(cell("comp/prune/30").path("bench").path("fp32_p50_ms").asDouble()).isPositive();
        assertThat(cell("comp/prune/30").path("bench").path("int8_p50_ms").asDouble()).isPositive();
        String html = Files.readString(report.html());
        assertThat(html).contains("<svg").contains("<table>").doesNotContain("src=\"http");
        assertThat(out.resolve("figures/comp-roc-30.svg")).exists();
        assertThat(out.resolve("figures/comp-accuracy-vs-size.svg")).exists();
        assertThat(Files.readString(report.markdown()))
                .contains("Per generator: the test split of 'mixed'");
    }

    @Test
    void resume_skips_finished_cells_and_reruns_unfinished_ones() throws Exception {
        assertThatThrownBy(
                        () ->
                                ExperimentRunner.run(
                                        ExperimentSpec.parse(SPEC, Map.of(), "tiny"),
                                        List.of(),
                                        out,
                                        false,
                                        ExperimentListener.NONE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--resume");
        Map<String, String> before = new HashMap<>();
        for (String id :
                List.of(
                        "comp/baseline/full",
                        "comp/prune/30",
                        "comp/distill/30",
                        "comp/distill/10")) {
            before.put(
                    id,
                    Files.readString(
                            out.resolve("cells/comp")
                                    .resolve(folder(id))
                                    .resolve(CellRecord.FILE)));
        }
        // a run killed during prune 10%: its record is missing
        Files.delete(out.resolve("cells/comp/prune-10").resolve(CellRecord.FILE));
        ExperimentRunner.Outcome again =
                ExperimentRunner.run(
                        ExperimentSpec.parse(SPEC, Map.of(), "tiny"),
                        List.of(),
                        out,
                        true,
                        ExperimentListener.NONE);
        assertThat(again.skipped()).isEqualTo(4);
        assertThat(again.ran()).isEqualTo(2); // prune 10% and the failed lowrank cell
        assertThat(again.failed()).isEqualTo(1);
        for (var e : before.entrySet()) {
            assertThat(
                            Files.readString(
                                    out.resolve("cells/comp")
                                            .resolve(folder(e.getKey()))
                                            .resolve(CellRecord.FILE)))
                    .as(e.getKey())
                    .isEqualTo(e.getValue());
        }
        assertThat(out.resolve("cells/comp/prune-10").resolve(CellRecord.FILE)).exists();
    }

    @Test
    void a_spec_with_an_unknown_method_or_field_is_refused_with_the_field_named() {
        assertThatThrownBy(
                        () ->
                                ExperimentSpec.parse(
                                        SPEC.replace(
                                                "[prune, distill, lowrank]", "[prune, shrink]"),
                                        Map.of(),
                                        "bad.yaml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("shrink")
                .hasMessageContaining("bad.yaml");
        assertThatThrownBy(
                        () ->
                                ExperimentSpec.parse(
                                        SPEC.replace("seed: 7", "seeds: 7"), Map.of(), "bad.yaml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("seeds");
    }

    private static String folder(String id) {
        String[] p = id.split("/");
        return p[2].equals("full") ? p[1] : p[1] + "-" + p[2];
    }
}
