package org.deepfakeedge.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluationTest {
    private final ObjectMapper mapper = new ObjectMapper();

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void json_has_snake_case_keys_in_the_documented_order() throws Exception {
        Evaluation e =
                BinaryMetrics.evaluate(
                        BinaryMetricsTest.SCORES,
                        BinaryMetricsTest.LABELS,
                        BinaryMetricsTest.GENERATORS,
                        0.5);

        JsonNode json = mapper.readTree(mapper.writeValueAsString(e));

        assertThat(fieldNames(json))
                .containsExactly(
                        "n",
                        "threshold",
                        "accuracy",
                        "precision",
                        "recall",
                        "f1",
                        "roc_auc",
                        "average_precision",
                        "eer",
                        "confusion",
                        "per_class_accuracy",
                        "at_0_5",
                        "per_generator");
        assertThat(fieldNames(json.get("confusion"))).containsExactly("tp", "fp", "tn", "fn");
        assertThat(fieldNames(json.get("per_class_accuracy"))).containsExactly("real", "fake");
        assertThat(fieldNames(json.get("at_0_5")))
                .containsExactly("accuracy", "precision", "recall", "f1");
        assertThat(fieldNames(json.get("per_generator"))).containsExactly("diff", "gan", "mixed");
        assertThat(fieldNames(json.get("per_generator").get("gan")))
                .containsExactly(
                        "n",
                        "n_fake",
                        "n_real",
                        "accuracy",
                        "precision",
                        "recall",
                        "f1",
                        "roc_auc");
        // confusion at 0.5 is tp4 fp1 tn2 fn1 (see BinaryMetricsTest)
        assertThat(json.get("confusion").get("fp").asLong()).isEqualTo(1);
        assertThat(json.get("per_class_accuracy").get("real").asDouble())
                .isEqualTo(e.realAccuracy());

        assertThat(mapper.readValue(mapper.writeValueAsString(e), Evaluation.class)).isEqualTo(e);
    }

    @Test
    void nan_is_written_as_null_and_read_back_as_nan() throws Exception {
        // Only fakes: ROC-AUC and EER undefined (NaN); the "gan" row's AUC too.
        Evaluation e =
                BinaryMetrics.evaluate(
                        new float[] {0.9f, 0.3f},
                        new int[] {1, 1},
                        new String[] {"gan", "gan"},
                        0.5);
        assertThat(e.rocAuc()).isNaN();
        assertThat(e.eer()).isNaN();

        String text = mapper.writeValueAsString(e);

        assertThat(text)
                .doesNotContain("NaN")
                .contains("\"roc_auc\":null")
                .contains("\"eer\":null")
                .contains("\"average_precision\":1.0");
        JsonNode json = mapper.readTree(text);
        assertThat(json.get("per_generator").get("gan").get("roc_auc").isNull()).isTrue();

        Evaluation back = mapper.readValue(text, Evaluation.class);
        assertThat(back.rocAuc()).isNaN();
        assertThat(back.eer()).isNaN();
        assertThat(back.perGenerator().get("gan").rocAuc()).isNaN();
        // Records compare doubles with Double.compare, so NaN equals NaN here.
        assertThat(back).isEqualTo(e);
    }

    @Test
    void a_quoted_nan_from_another_writer_also_reads_as_nan() throws Exception {
        Evaluation e = BinaryMetrics.evaluate(new float[] {0.9f}, new int[] {1}, null, 0.5);
        String quoted =
                mapper.writeValueAsString(e).replace("\"roc_auc\":null", "\"roc_auc\":\"NaN\"");
        assertThat(quoted).contains("\"NaN\"");
        assertThat(mapper.readValue(quoted, Evaluation.class).rocAuc()).isNaN();
    }

    @Test
    void threshold_metrics_must_agree_with_the_confusion_counts() {
        ConfusionMatrix cm = new ConfusionMatrix(2, 2, 1, 1); // accuracy 1/2, recall 2/3
        Evaluation.AtHalf half = Evaluation.AtHalf.of(cm);
        // precision and recall swapped, as a positional mix-up would do
        assertThatThrownBy(
                        () ->
                                new Evaluation(
                                        6, 0.5, cm, 0.5, 2.0 / 3, 0.5, 4.0 / 7, 0.5, 0.5, 0.5,
                                        1.0 / 3, 2.0 / 3, half, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("precision must equal 0.5")
                .hasMessageContaining("found 0.666");
        assertThatThrownBy(
                        () ->
                                new Evaluation(
                                        7, 0.5, cm, 0.5, 0.5, 2.0 / 3, 4.0 / 7, 0.5, 0.5, 0.5,
                                        1.0 / 3, 2.0 / 3, half, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("confusion total 6, found 7");
        assertThatThrownBy(
                        () ->
                                new Evaluation(
                                        6, 0.5, cm, 0.5, 0.5, 2.0 / 3, 4.0 / 7, 1.5, 0.5, 0.5,
                                        1.0 / 3, 2.0 / 3, half, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rocAuc must be in [0, 1], found 1.5");
    }

    @Test
    void per_generator_map_is_an_unmodifiable_sorted_copy() {
        Evaluation e =
                BinaryMetrics.evaluate(
                        BinaryMetricsTest.SCORES,
                        BinaryMetricsTest.LABELS,
                        BinaryMetricsTest.GENERATORS,
                        0.5);
        assertThatThrownBy(() -> e.perGenerator().clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
