package org.deepfakeedge.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.provenance.Json;
import org.junit.jupiter.api.Test;

/** ECE, Brier score and reliability bins on cases worked out by hand. */
class ScoreCalibrationTest {

    // float scores such as 0.1f differ from 0.1 by up to 1.5e-9: the slack of a float, no more
    private static final double FLOAT = 1e-7;

    @Test
    void one_sample_per_bin() {
        // bins 1, 4, 10, 13; ECE = (|0 - 0.1| + |1 - 0.3| + |1 - 0.7| + |1 - 0.9|) / 4 = 1.2 / 4
        // Brier = (0.01 + 0.49 + 0.09 + 0.01) / 4 = 0.15
        ScoreCalibration c =
                ScoreCalibration.of(new float[] {0.1f, 0.3f, 0.7f, 0.9f}, new int[] {0, 1, 1, 1});
        assertThat(c.ece()).isCloseTo(0.3, within(FLOAT));
        assertThat(c.brier()).isCloseTo(0.15, within(FLOAT));
        assertThat(c.bins()).isEqualTo(15);
        assertThat(c.reliability()).hasSize(15);
        for (int b = 0; b < 15; b++) {
            long expected = b == 1 || b == 4 || b == 10 || b == 13 ? 1 : 0;
            assertThat(c.reliability().get(b).n()).as("bin " + b).isEqualTo(expected);
        }
        assertThat(c.reliability().get(4).meanP()).isCloseTo(0.3, within(FLOAT));
        assertThat(c.reliability().get(4).fractionFake()).isEqualTo(1.0);
        assertThat(c.reliability().get(0).meanP()).isNaN();
        assertThat(c.reliability().get(0).fractionFake()).isNaN();
    }

    @Test
    void samples_sharing_a_bin_are_averaged_before_the_difference() {
        // 0.2, 0.2, 0.25 share bin 3 [0.2, 0.2667): mean p 0.65/3, fake share 2/3, weight 3/4;
        // 1.0 is in the last bin [14/15, 1] with p = label = 1.
        // ECE = 3/4 * |2/3 - 0.65/3| = 3/4 * 0.45 = 0.3375
        // Brier = (0.04 + 0.64 + 0.5625 + 0) / 4 = 0.310625
        ScoreCalibration c =
                ScoreCalibration.of(new float[] {0.2f, 0.2f, 0.25f, 1f}, new int[] {0, 1, 1, 1});
        assertThat(c.ece()).isCloseTo(0.3375, within(FLOAT));
        assertThat(c.brier()).isCloseTo(0.310625, within(FLOAT));
        ScoreCalibration.Bin b3 = c.reliability().get(3);
        assertThat(b3.n()).isEqualTo(3);
        assertThat(b3.meanP()).isCloseTo(0.65 / 3, within(FLOAT));
        assertThat(b3.fractionFake()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(c.reliability().get(14).n()).isEqualTo(1);
    }

    @Test
    void scores_that_match_the_observed_share_have_no_calibration_error() {
        ScoreCalibration c =
                ScoreCalibration.of(new float[] {0.5f, 0.5f, 0.5f, 0.5f}, new int[] {0, 1, 0, 1});
        assertThat(c.ece()).isZero();
        assertThat(c.brier()).isEqualTo(0.25);
    }

    @Test
    void bins_are_decided_against_the_exact_edges() {
        assertThat(ScoreCalibration.bin(0)).isZero();
        assertThat(ScoreCalibration.bin(Math.nextDown(1.0 / 15))).isZero();
        assertThat(ScoreCalibration.bin(1.0 / 15)).isEqualTo(1);
        assertThat(ScoreCalibration.bin(7.0 / 15)).isEqualTo(7);
        assertThat(ScoreCalibration.bin(Math.nextDown(7.0 / 15))).isEqualTo(6);
        assertThat(ScoreCalibration.bin(14.0 / 15)).isEqualTo(14);
        assertThat(ScoreCalibration.bin(1.0)).isEqualTo(14);
        ScoreCalibration c = ScoreCalibration.of(new float[] {0.5f}, new int[] {1});
        for (int b = 0; b < 15; b++) {
            assertThat(c.reliability().get(b).lo()).isEqualTo(b / 15.0);
            assertThat(c.reliability().get(b).hi()).isEqualTo((b + 1) / 15.0);
        }
    }

    @Test
    void a_score_that_is_not_a_probability_is_refused() {
        assertThatThrownBy(() -> ScoreCalibration.of(new float[] {0.2f, 2.5f}, new int[] {0, 1}))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("scores[1]")
                .hasMessageContaining("2.5");
    }

    @Test
    void json_has_snake_case_keys_and_null_for_empty_bins_and_reads_back() throws Exception {
        ScoreCalibration c =
                ScoreCalibration.of(new float[] {0.1f, 0.3f, 0.7f, 0.9f}, new int[] {0, 1, 1, 1});
        JsonNode o = Json.MAPPER.valueToTree(c);
        assertThat(o.fieldNames())
                .toIterable()
                .containsExactly("ece", "brier", "bins", "reliability");
        JsonNode empty = o.get("reliability").get(0);
        assertThat(empty.fieldNames())
                .toIterable()
                .containsExactly("lo", "hi", "n", "mean_p", "fraction_fake");
        assertThat(empty.get("mean_p").isNull()).isTrue();
        ScoreCalibration back = Json.MAPPER.treeToValue(o, ScoreCalibration.class);
        assertThat(back.ece()).isEqualTo(c.ece());
        assertThat(back.reliability().get(0).meanP()).isNaN();
        assertThat(back.reliability().get(4)).isEqualTo(c.reliability().get(4));
    }
}
