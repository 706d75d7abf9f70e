package org.deepfakeedge.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deepfakeedge.ArtifactException;
import org.deepfakeedge.provenance.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code metrics.json} files of 2026-12-02 (a trained teacher, a pruned and fine-tuned model) read
 * into {@link ModelMetrics} and write back key for key; a renamed field fails the read.
 */
class ModelMetricsTest {
    private static String text(String resource) throws Exception {
        try (InputStream in = ModelMetricsTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static Path copy(Path dir, String resource, String from, String to) throws Exception {
        String s = text(resource);
        if (from != null) {
            assertThat(s).contains(from);
            s = s.replaceFirst(from, to);
        }
        Path f = dir.resolve("metrics.json");
        Files.writeString(f, s);
        return f;
    }

    @Test
    void a_trained_models_file_reads_into_the_records(@TempDir Path dir) throws Exception {
        ModelMetrics m = ModelMetrics.read(copy(dir, "/compat/metrics-trained.json", null, null));
        assertThat(m.params()).isEqualTo(3_116_226);
        assertThat(m.modelBytes()).isEqualTo(12_484_928);
        assertThat(m.evaluation().accuracy()).isEqualTo(0.9);
        assertThat(m.evaluation().confusion().fn()).isEqualTo(9);
        assertThat(m.evaluation().perGenerator().get("checkerboard").nFake()).isEqualTo(45);
        assertThat(m.test().threads()).isEqualTo(2);
        assertThat(m.test().split()).isEqualTo("test");
        assertThat(m.test().rocPoints())
                .hasSize(91); // as many as the curve has, at most ROC_POINTS
        assertThat(m.test().rocPoints().get(90)).containsExactly(1.0, 1.0);
        assertThat(m.test().rocSvg()).isNull(); // the file says roc_png: that PNG is gone
        assertThat(m.step()).isNull();
        assertThat(m.trainSeconds()).isEqualTo(53.471062598);
        assertThat(m.training().bestEpoch()).isEqualTo(6);
        assertThat(m.training().epochs()).hasSize(6);
        assertThat(m.training().epochs().get(0).phaseSeconds()).containsKey("forward");
    }

    @Test
    void written_back_every_key_and_value_is_kept_but_the_png(@TempDir Path dir) throws Exception {
        for (String f : List.of("/compat/metrics-trained.json", "/compat/metrics-pruned.json")) {
            ObjectNode file = (ObjectNode) Json.MAPPER.readTree(text(f));
            ModelMetrics m = Json.MAPPER.treeToValue(file, ModelMetrics.class);
            JsonNode back = Json.MAPPER.readTree(Json.pretty(m));
            file.remove("roc_png");
            assertThat(back).as(f).isEqualTo(file);
            // and key order: evaluation, cost, context, step, training
            assertThat(Json.pretty(m))
                    .as(f)
                    .isEqualTo(Json.pretty(Json.MAPPER.readTree(Json.pretty(file))));
        }
    }

    @Test
    void a_compression_step_and_a_model_without_test_data_round_trip() throws Exception {
        ModelMetrics pruned =
                Json.MAPPER.readValue(text("/compat/metrics-pruned.json"), ModelMetrics.class);
        assertThat(pruned.step().method()).isEqualTo("prune"); // prune-finetune prunes, then trains
        assertThat(pruned.step().details()).containsKey("sparsity");
        assertThat(pruned.training()).isNotNull();
        ModelMetrics costOnly =
                new ModelMetrics(null, 10, 5, 1234, pruned.step(), pruned.training());
        String json = Json.pretty(costOnly);
        assertThat(Json.MAPPER.readTree(json).has("n")).isFalse();
        ModelMetrics back = Json.MAPPER.readValue(json, ModelMetrics.class);
        assertThat(back.test()).isNull();
        assertThat(back.params()).isEqualTo(10);
        assertThat(back.nonzeroParams()).isEqualTo(5);
        assertThat(back.modelBytes()).isEqualTo(1234);
        assertThat(back.step()).isEqualTo(pruned.step());
        assertThat(back.training()).isEqualTo(pruned.training());
    }

    @Test
    void a_renamed_field_fails_naming_the_file_and_the_field(@TempDir Path dir) throws Exception {
        Path f = copy(dir, "/compat/metrics-trained.json", "\"recall\"", "\"rcl\"");
        assertThatThrownBy(() -> ModelMetrics.read(f))
                .isInstanceOf(ArtifactException.class)
                .hasMessageContaining(f.toString())
                .hasMessageContaining("recall is missing");
        Path g = copy(dir, "/compat/metrics-trained.json", "\"best_epoch\"", "\"best\"");
        assertThatThrownBy(() -> ModelMetrics.read(g))
                .hasMessageContaining("training.best_epoch is missing");
        Path h = copy(dir, "/compat/metrics-pruned.json", "\"command_seconds\"", "\"secs\"");
        assertThatThrownBy(() -> ModelMetrics.read(h))
                .hasMessageContaining("command_seconds is missing");
    }
}
