package org.deepfakeedge.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deepfakeedge.eval.BinaryMetrics;
import org.deepfakeedge.eval.Evaluation;
import org.deepfakeedge.eval.RobustnessMetrics;
import org.deepfakeedge.eval.ScoreCalibration;
import org.deepfakeedge.provenance.Json;
import org.junit.jupiter.api.Test;

/** The calibration and robustness keys of {@code evaluate --json} and {@code metrics.json}. */
class EvaluationReportTest {
    private static final float[] SCORES = {0.1f, 0.3f, 0.7f, 0.9f};
    private static final int[] LABELS = {0, 1, 1, 1};

    private static EvaluationReport report(List<RobustnessMetrics> robustness) {
        Evaluation e = BinaryMetrics.evaluate(SCORES, LABELS, null, 0.5);
        return new EvaluationReport(
                e,
                "m.onnx",
                "onnx",
                1,
                "data",
                "abc",
                "test",
                10,
                10,
                100,
                List.of(),
                "roc-test.svg",
                0.5,
                List.of(),
                null,
                ScoreCalibration.of(SCORES, LABELS),
                "reliability-test.svg",
                robustness);
    }

    @Test
    void calibration_and_robustness_are_the_last_keys_and_read_back_strictly() throws Exception {
        RobustnessMetrics jpeg =
                RobustnessMetrics.of(
                        "jpeg:50", SCORES, new float[] {0.6f, 0.3f, 0.7f, 0.2f}, LABELS, 0.5);
        EvaluationReport r = report(List.of(jpeg));
        ObjectNode o = r.toJson();
        List<String> keys = new ArrayList<>();
        o.fieldNames().forEachRemaining(keys::add);
        assertThat(keys.subList(keys.size() - 3, keys.size()))
                .containsExactly("reliability_svg", "calibration", "robustness");
        assertThat(o.get("calibration").get("ece").asDouble()).isEqualTo(r.calibration().ece());
        assertThat(o.get("calibration").get("reliability")).hasSize(15);
        assertThat(o.get("robustness").get(0).get("perturbation").asText()).isEqualTo("jpeg:50");
        assertThat(o.get("robustness").get(0).get("flipped").asDouble()).isEqualTo(0.5);

        EvaluationReport back = Json.readStrict(o, EvaluationReport.class, Path.of("metrics.json"));
        assertThat(back.calibration()).isEqualTo(r.calibration());
        assertThat(back.robustness()).containsExactly(jpeg);
        assertThat(back.reliabilitySvg()).isEqualTo("reliability-test.svg");
        assertThat(back.toJson()).isEqualTo(o);
    }

    @Test
    void without_perturbations_there_is_no_robustness_key_and_old_files_still_read() {
        ObjectNode o = report(List.of()).toJson();
        assertThat(o.has("robustness")).isFalse();
        ObjectNode old = o.deepCopy();
        old.remove(List.of("calibration", "reliability_svg"));
        EvaluationReport back =
                Json.readStrict((JsonNode) old, EvaluationReport.class, Path.of("metrics.json"));
        assertThat(back.calibration()).isNull();
        assertThat(back.robustness()).isEmpty();
        assertThat(back.toJson()).isEqualTo(old);
    }

    @Test
    void the_reliability_diagram_is_named_after_the_roc_file() {
        Path dir = Path.of("/models/m");
        assertThat(Evaluator.reliabilitySvg(dir.resolve("roc-test.svg")))
                .isEqualTo(dir.resolve("reliability-test.svg"));
        assertThat(Evaluator.reliabilitySvg(dir.resolve("roc.svg")))
                .isEqualTo(dir.resolve("reliability.svg"));
        assertThat(Evaluator.reliabilitySvg(dir.resolve("student-roc-val.svg")))
                .isEqualTo(dir.resolve("student-reliability-val.svg"));
        assertThat(Evaluator.reliabilitySvg(dir.resolve("rocket.svg")))
                .isEqualTo(dir.resolve("rocket-reliability.svg"));
        assertThat(Evaluator.reliabilitySvg(dir.resolve("curve.SVG")))
                .isEqualTo(dir.resolve("curve-reliability.SVG"));
    }
}
