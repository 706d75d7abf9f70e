package org.deepfakeedge.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.provenance.Json;
import org.junit.jupiter.api.Test;

/** Perturbed scores against the clean ones, at the clean threshold. */
class RobustnessMetricsTest {

    @Test
    void metrics_on_a_hand_worked_case() {
        // threshold 0.5; clean verdicts real, fake, fake, real; perturbed real, real, fake, fake:
        // samples 1 and 3 flip (2/4). Perturbed against labels 0, 1, 1, 0: 2 of 4 right, 1 of 2
        // fakes found. ROC-AUC: fakes 0.4, 0.7 against reals 0.2, 0.6 win 3 of 4 pairs.
        RobustnessMetrics m =
                RobustnessMetrics.of(
                        "jpeg:50",
                        new float[] {0.2f, 0.8f, 0.6f, 0.4f},
                        new float[] {0.2f, 0.4f, 0.7f, 0.6f},
                        new int[] {0, 1, 1, 0},
                        0.5);
        assertThat(m.perturbation()).isEqualTo("jpeg:50");
        assertThat(m.n()).isEqualTo(4);
        assertThat(m.accuracy()).isEqualTo(0.5);
        assertThat(m.recallAtThreshold()).isEqualTo(0.5);
        assertThat(m.flipped()).isEqualTo(0.5);
        assertThat(m.rocAuc()).isEqualTo(0.75);
    }

    @Test
    void unchanged_scores_flip_nothing_and_keep_the_clean_metrics() {
        float[] s = {0.1f, 0.9f, 0.55f, 0.45f, 0.5f};
        int[] y = {0, 1, 0, 1, 1};
        RobustnessMetrics m = RobustnessMetrics.of("crop:1", s, s.clone(), y, 0.5);
        Evaluation clean = BinaryMetrics.evaluate(s, y, null, 0.5);
        assertThat(m.flipped()).isZero();
        assertThat(m.accuracy()).isEqualTo(clean.accuracy());
        assertThat(m.recallAtThreshold()).isEqualTo(clean.recall());
        assertThat(m.rocAuc()).isEqualTo(clean.rocAuc());
    }

    @Test
    void json_keys_and_an_undefined_auc_as_null() throws Exception {
        RobustnessMetrics m =
                RobustnessMetrics.of(
                        "social", new float[] {0.7f}, new float[] {0.3f}, new int[] {1}, 0.5);
        JsonNode o = Json.MAPPER.valueToTree(m);
        assertThat(o.fieldNames())
                .toIterable()
                .containsExactly(
                        "perturbation",
                        "n",
                        "accuracy",
                        "roc_auc",
                        "recall_at_threshold",
                        "flipped");
        assertThat(o.get("roc_auc").isNull()).isTrue();
        assertThat(o.get("flipped").asDouble()).isEqualTo(1.0);
        assertThat(Json.MAPPER.treeToValue(o, RobustnessMetrics.class).perturbation())
                .isEqualTo("social");
    }

    @Test
    void arrays_of_different_lengths_are_refused() {
        assertThatThrownBy(
                        () ->
                                RobustnessMetrics.of(
                                        "jpeg:75",
                                        new float[] {0.1f, 0.2f},
                                        new float[] {0.1f},
                                        new int[] {0},
                                        0.5))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("same length");
    }
}
