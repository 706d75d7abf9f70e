package org.deepfakeedge.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ThresholdPolicyTest {

    /** The midpoint the policy places between two adjacent scores, computed as it does. */
    private static double midpoint(float a, float b) {
        return ((double) a + (double) b) / 2;
    }

    @Test
    void separable_data_gets_the_midpoint_of_the_gap() {
        // reals 0.05 0.1, fakes 0.3 0.9: every split inside (0.1, 0.3] is perfect (BA 1);
        // the only such midpoint is (0.1 + 0.3) / 2 = 0.2.
        float[] scores = {0.05f, 0.1f, 0.3f, 0.9f};
        int[] labels = {0, 0, 1, 1};

        double threshold = ThresholdPolicy.chooseThreshold(scores, labels);

        assertThat(threshold).isEqualTo(midpoint(0.1f, 0.3f));
        assertThat(threshold).isGreaterThan(0.1f).isLessThan(0.3f);
        assertThat(ConfusionMatrix.at(scores, labels, threshold))
                .isEqualTo(new ConfusionMatrix(2, 0, 2, 0));
    }

    @Test
    void imbalanced_data_maximises_balanced_not_plain_accuracy() {
        // 2 fakes (0.9, 0.2), 8 reals (0.3 x2, 0.1 x6). Descending: 0.9F | 0.3RR | 0.2F | 0.1R*6
        //   t=0.6  (top 1): tp1 fp0 -> accuracy 9/10,  BA (1/2 + 8/8)/2 = 0.75
        //   t=0.25 (top 3): tp1 fp2 -> accuracy 7/10,  BA (1/2 + 6/8)/2 = 0.625
        //   t=0.15 (top 4): tp2 fp2 -> accuracy 8/10,  BA (2/2 + 6/8)/2 = 0.875
        // Plain accuracy would pick 0.6; balanced accuracy picks 0.15.
        float[] scores = {0.9f, 0.2f, 0.3f, 0.3f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f};
        int[] labels = {1, 1, 0, 0, 0, 0, 0, 0, 0, 0};

        double threshold = ThresholdPolicy.chooseThreshold(scores, labels);

        assertThat(threshold).isEqualTo(midpoint(0.2f, 0.1f));
        ConfusionMatrix cm = ConfusionMatrix.at(scores, labels, threshold);
        assertThat(cm).isEqualTo(new ConfusionMatrix(2, 2, 6, 0));
        assertThat((cm.recall() + cm.specificity()) / 2).isCloseTo(0.875, within(1e-12));
    }

    @Test
    void among_equal_balanced_accuracies_the_threshold_nearest_half_wins() {
        // fakes 0.9 0.4, reals 0.7 0.2. Descending 0.9F | 0.7R | 0.4F | 0.2R:
        //   t=0.8  tp1 fp0 BA 0.75;  t=0.55 tp1 fp1 BA 0.5;  t=0.3 tp2 fp1 BA 0.75
        // Tie at 0.75: |0.8 - 0.5| = 0.3 > |0.3 - 0.5| = 0.2, so 0.3.
        float[] scores = {0.9f, 0.7f, 0.4f, 0.2f};
        int[] labels = {1, 0, 1, 0};

        assertThat(ThresholdPolicy.chooseThreshold(scores, labels)).isEqualTo(midpoint(0.4f, 0.2f));
    }

    @Test
    void half_is_used_when_the_data_cannot_inform_the_choice() {
        assertThat(ThresholdPolicy.chooseThreshold(new float[] {0.1f, 0.8f}, new int[] {1, 1}))
                .as("no reals")
                .isEqualTo(0.5);
        assertThat(ThresholdPolicy.chooseThreshold(new float[] {0.1f, 0.8f}, new int[] {0, 0}))
                .as("no fakes")
                .isEqualTo(0.5);
        assertThat(ThresholdPolicy.chooseThreshold(new float[0], new int[0]))
                .as("no samples")
                .isEqualTo(0.5);
        // All tied: only "everything real" / "everything fake" (both BA 0.5), and 0.5 gives one.
        assertThat(
                        ThresholdPolicy.chooseThreshold(
                                new float[] {0.7f, 0.7f, 0.7f}, new int[] {0, 1, 1}))
                .as("all scores tied")
                .isEqualTo(0.5);
    }

    @Test
    void inverted_scores_fall_back_to_a_single_class_decision() {
        // fake 0.2, real 0.9: the only split (t=0.55) has BA 0; predicting one class has BA 0.5.
        // "All fake" via t = min(0.5, 0.2) = 0.2 (0.3 from 0.5) beats "all real" via t just
        // above 0.9 (0.4 from 0.5).
        double threshold =
                ThresholdPolicy.chooseThreshold(new float[] {0.2f, 0.9f}, new int[] {1, 0});
        assertThat(threshold).isEqualTo((double) 0.2f);
    }
}
