package org.deepfakeedge.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deepfakeedge.artifact.HistoryEntry;
import org.deepfakeedge.artifact.ModelArtifact;
import org.deepfakeedge.provenance.Json;
import org.deepfakeedge.report.ExperimentReport;
import org.deepfakeedge.runtime.Detector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chain cells end to end on a tiny grid: a chain whose first step is a finished cell reuses it, a
 * chain whose pruning step keeps another fraction runs every step, each chain's lineage lists all
 * its steps, and the report shows the chains beside their single methods; with the spec's
 * perturbations every cell's robustness and calibration are in the results and the report.
 */
class ChainIT {
    static final String SPEC =
            """
            name: chains
            seed: 5
            image_size: 32
            levels: [0.3]
            datasets:
              a: {synth: {generator: checkerboard, count: 40, seed: 1}}
            teacher: {arch: student-30, epochs: 1}
            training: {distill_epochs: 1, finetune_epochs: 1}
            experiments:
              - id: comp
                kind: compression
                data: a
                methods: [distill, distill+quantize-static-int8, prune-finetune+lowrank, teacher-augmented, quantize-aware-int8]
                options:
                  prune-finetune+lowrank:
                    prune-finetune: {keep: 0.5}
                  quantize-aware-int8: {epochs: 1, layer_timing: false}
            bench: {warmup: 0, iterations: 2, calibration_count: 4, int8_layer_timing: false}
            robustness: {perturb: ["jpeg:90,50", "resize:0.5"]}
            """;

    @TempDir static Path tmp;
    static Path out;
    static JsonNode results;
    static ExperimentReport.Files report;

    @BeforeAll
    static void runTheGrid() throws Exception {
        out = tmp.resolve("exp");
        ExperimentRunner.Outcome o =
                ExperimentRunner.run(
                        ExperimentSpec.parse(SPEC, Map.of(), "chains"),
                        List.of(),
                        out,
                        false,
                        ExperimentListener.NONE);
        assertThat(o.failed()).as("failed cells").isZero();
        results = Json.MAPPER.readTree(o.results().toFile());
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

    private static List<String> methods(List<HistoryEntry> history) {
        List<String> m = new ArrayList<>();
        history.forEach(h -> m.add(h.method()));
        return m;
    }

    @Test
    void a_chain_starting_with_a_finished_cell_reuses_its_model_and_quantizes_it()
            throws Exception {
        JsonNode c = cell("comp/distill+quantize-static-int8/30");
        assertThat(c.path("status").asText()).isEqualTo("ok");
        JsonNode settings = c.path("options");
        assertThat(settings.path("reused").asText()).isEqualTo("comp/distill/30");
        JsonNode steps = settings.path("steps");
        assertThat(steps).hasSize(2);
        assertThat(steps.get(0).path("method").asText()).isEqualTo("distill");
        assertThat(steps.get(0).path("artifact").asText())
                .isEqualTo(cell("comp/distill/30").path("artifact").asText());
        assertThat(steps.get(1).path("method").asText()).isEqualTo("quantize-static-int8");
        // no layer_timing option: the step follows the spec's int8_layer_timing (false)
        assertThat(steps.get(1).path("settings").path("layer_timing").isBoolean()).isTrue();
        assertThat(steps.get(1).path("settings").path("layer_timing").asBoolean()).isFalse();
        assertThat(c.path("artifact").asText()).endsWith(".onnx");
        // the INT8 file carries the student's lineage: the teacher's training, then distillation
        try (Detector d = Detector.load(out.resolve(c.path("artifact").asText()))) {
            assertThat(methods(d.manifest().history())).containsSubsequence("train", "distill");
            assertThat(d.runtime()).isEqualTo("onnx");
        }
        // its training time is the reused distillation's
        assertThat(c.path("train_seconds").asDouble())
                .isEqualTo(cell("comp/distill/30").path("train_seconds").asDouble())
                .isPositive();
    }

    @Test
    void a_chain_with_its_own_keep_runs_every_step_and_lists_them_in_its_lineage() {
        JsonNode c = cell("comp/prune-finetune+lowrank/30");
        assertThat(c.path("status").asText()).isEqualTo("ok");
        JsonNode settings = c.path("options");
        assertThat(settings.has("reused")).isFalse();
        JsonNode steps = settings.path("steps");
        assertThat(steps).hasSize(2);
        assertThat(steps.get(0).path("level").asDouble()).isEqualTo(0.5);
        assertThat(steps.get(1).has("level")).as("lowrank runs once").isFalse();
        ModelArtifact a = ModelArtifact.load(out.resolve(c.path("artifact").asText()));
        assertThat(methods(a.manifest().history()))
                .containsSubsequence("train", "prune", "factorize");
        // half the teacher's weights pruned, then one linear layer factorized: fewer non-zeros
        ModelArtifact teacher = ModelArtifact.load(out.resolve("teachers/a"));
        assertThat(a.weights().nonZeroParameters())
                .isLessThan(teacher.weights().nonZeroParameters() * 6 / 10);
    }

    @Test
    void the_augmented_teacher_trains_the_teachers_architecture_with_jpeg_and_blur() {
        JsonNode c = cell("comp/teacher-augmented/full");
        assertThat(c.path("status").asText()).isEqualTo("ok");
        assertThat(c.path("options").path("augment").asText()).isEqualTo("flip,jpeg=0.5,blur=0.5");
        ModelArtifact a = ModelArtifact.load(out.resolve(c.path("artifact").asText()));
        ModelArtifact teacher = ModelArtifact.load(out.resolve("teachers/a"));
        assertThat(a.manifest().spec()).isEqualTo(teacher.manifest().spec());
        assertThat(a.manifest().weights().sha256())
                .isNotEqualTo(teacher.manifest().weights().sha256());
        assertThat(c.path("robustness_results")).hasSize(3);
    }

    @Test
    void quantization_aware_int8_fine_tunes_under_fake_quantization_then_exports()
            throws Exception {
        JsonNode c = cell("comp/quantize-aware-int8/full");
        assertThat(c.path("status").asText()).isEqualTo("ok");
        assertThat(c.path("artifact").asText()).endsWith(".onnx");
        assertThat(c.path("train_seconds").asDouble()).isPositive();
        assertThat(c.path("options").path("fp32_accuracy_after_qat").isNumber()).isTrue();
        ModelArtifact tuned =
                ModelArtifact.load(out.resolve("cells/comp/quantize-aware-int8/qat-fp32"));
        assertThat(methods(tuned.manifest().history()))
                .containsSubsequence("train", "qat-finetune");
        assertThat(tuned.manifest().history().get(tuned.manifest().history().size() - 1).options())
                .containsEntry("gradient", "straight-through");
        try (Detector d = Detector.load(out.resolve(c.path("artifact").asText()))) {
            assertThat(methods(d.manifest().history())).contains("qat-finetune");
        }
    }

    @Test
    void the_report_shows_the_chains_beside_their_single_methods() throws Exception {
        String md = Files.readString(report.markdown());
        assertThat(md).contains("| distill |").contains("| distill+quantize-static-int8 |");
        assertThat(md).contains("| prune-finetune+lowrank |");
    }

    @Test
    void every_cell_is_scored_under_the_perturbations_and_the_report_compares_them()
            throws Exception {
        for (JsonNode c : results.path("cells")) {
            String id = c.path("id").asText();
            JsonNode r = c.path("robustness_results");
            assertThat(r).as(id).hasSize(3);
            assertThat(r.get(0).path("perturbation").asText()).isEqualTo("jpeg:90");
            // the numbers are those of the cell's own robustness.json
            JsonNode own =
                    Json.MAPPER.readTree(out.resolve(c.path("robustness").asText()).toFile());
            assertThat(r).as(id).isEqualTo(own.path("robustness"));
            assertThat(own.path("accuracy").asDouble())
                    .as(id + ": the clean scores are the cell's test evaluation")
                    .isEqualTo(c.path("result").path("accuracy").asDouble());
            assertThat(c.path("result").path("calibration").path("ece").isNumber()).as(id).isTrue();
        }
        String md = Files.readString(report.markdown());
        assertThat(md)
                .contains("### Robustness and calibration")
                .contains("#### Robustness cost of compression")
                .contains("| jpeg:90 | jpeg:50 | resize:0.5 |");
        assertThat(out.resolve("figures/comp-auc-vs-jpeg.svg")).exists();
        // Δ AUC of the chain against the full model under JPEG 50, as the table prints it
        double chain =
                cell("comp/distill+quantize-static-int8/30")
                        .path("robustness_results")
                        .get(1)
                        .path("roc_auc")
                        .asDouble();
        double full =
                cell("comp/baseline/full")
                        .path("robustness_results")
                        .get(1)
                        .path("roc_auc")
                        .asDouble();
        assertThat(
                        md.lines()
                                .filter(l -> l.startsWith("| distill+quantize-static-int8 30% |"))
                                .toList())
                .anySatisfy(
                        l ->
                                assertThat(l)
                                        .contains(
                                                String.format(
                                                        java.util.Locale.ROOT,
                                                        "%+.4f",
                                                        chain - full)));
    }
}
