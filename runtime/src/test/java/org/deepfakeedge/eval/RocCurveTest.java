package org.deepfakeedge.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class RocCurveTest {
    private static final Offset<Double> EPS = within(1e-12);

    @Test
    void perfect_separation_has_auc_1_ap_1_and_eer_0() {
        RocCurve roc =
                RocCurve.compute(new float[] {0.1f, 0.2f, 0.8f, 0.9f}, new int[] {0, 0, 1, 1});
        assertThat(roc.auc()).as("AUC").isEqualTo(1.0);
        assertThat(roc.averagePrecision()).as("AP").isEqualTo(1.0);
        assertThat(roc.eer()).as("EER").isEqualTo(0.0);
    }

    @Test
    void inverted_scores_have_auc_0_and_eer_1() {
        // Points (0,0) (.5,0) (1,0) (1,.5) (1,1): FPR reaches 1 while FNR is still 1.
        RocCurve roc =
                RocCurve.compute(new float[] {0.9f, 0.8f, 0.2f, 0.1f}, new int[] {0, 0, 1, 1});
        assertThat(roc.auc()).as("AUC").isEqualTo(0.0);
        assertThat(roc.eer()).as("EER").isEqualTo(1.0);
    }

    @Test
    void all_scores_tied_give_one_diagonal_step() {
        // One group: (0,0) -> (1,1). AUC 1/2; EER at the diagonal's midpoint 1/2; AP = 1 * 2/4.
        RocCurve roc =
                RocCurve.compute(new float[] {0.5f, 0.5f, 0.5f, 0.5f}, new int[] {0, 1, 0, 1});
        assertThat(roc.fpr()).containsExactly(0.0, 1.0);
        assertThat(roc.tpr()).containsExactly(0.0, 1.0);
        assertThat(roc.auc()).as("AUC").isCloseTo(0.5, EPS);
        assertThat(roc.eer()).as("EER").isCloseTo(0.5, EPS);
        assertThat(roc.averagePrecision()).as("AP").isCloseTo(0.5, EPS);
    }

    @Test
    void six_samples_with_ties_match_mann_whitney_by_hand() {
        // fakes 0.9 0.6 0.4, reals 0.6 0.4 0.1; 3 x 3 = 9 pairs (fake, real), tie = 1/2:
        //   0.9 beats 0.6, 0.4, 0.1           -> 3
        //   0.6 ties 0.6, beats 0.4, 0.1      -> 2.5
        //   0.4 loses 0.6, ties 0.4, beats 0.1 -> 1.5
        // AUC = 7/9.
        // Points by distinct score: inf (0,0); 0.9 +1 fake (0,1/3); 0.6 +1/+1 (1/3,2/3);
        // 0.4 +1/+1 (2/3,1); 0.1 +1 real (1,1).
        // AP = sum dR * P: 0.9: 1/3 * 1/1; 0.6: 1/3 * 2/3; 0.4: 1/3 * 3/5; 0.1: 0
        //    = 15/45 + 10/45 + 9/45 = 34/45.
        // EER: FPR + TPR - 1 = 0 exactly at (1/3, 2/3), so EER = 1/3.
        float[] scores = {0.9f, 0.6f, 0.4f, 0.6f, 0.4f, 0.1f};
        int[] labels = {1, 1, 1, 0, 0, 0};

        RocCurve roc = RocCurve.compute(scores, labels);

        assertThat(roc.thresholds())
                .containsExactly(Double.POSITIVE_INFINITY, 0.9f, 0.6f, 0.4f, 0.1f);
        assertThat(roc.fpr()).containsExactly(new double[] {0, 0, 1 / 3.0, 2 / 3.0, 1}, EPS);
        assertThat(roc.tpr()).containsExactly(new double[] {0, 1 / 3.0, 2 / 3.0, 1, 1}, EPS);
        assertThat(roc.auc()).as("AUC").isCloseTo(7.0 / 9, EPS);
        assertThat(roc.averagePrecision()).as("AP").isCloseTo(34.0 / 45, EPS);
        assertThat(roc.eer()).as("EER").isCloseTo(1.0 / 3, EPS);
        assertThat(roc.positives()).isEqualTo(3);
        assertThat(roc.negatives()).isEqualTo(3);
    }

    @Test
    void classic_scikit_learn_example() {
        // sklearn docs: roc_auc_score([0,0,1,1], [0.1,0.4,0.35,0.8]) = 0.75,
        // average_precision_score(...) = 0.8333...
        // By hand: 0.8 fake P=1 R=1/2; 0.4 real (dR=0); 0.35 fake P=2/3 R=1 -> 1/2 + 1/3 = 5/6.
        // EER: points (0,1/2) (1/2,1/2): FPR = FNR = 1/2 at the second point.
        RocCurve roc =
                RocCurve.compute(new float[] {0.1f, 0.4f, 0.35f, 0.8f}, new int[] {0, 0, 1, 1});
        assertThat(roc.auc()).as("AUC").isCloseTo(0.75, EPS);
        assertThat(roc.averagePrecision()).as("AP").isCloseTo(5.0 / 6, EPS);
        assertThat(roc.eer()).as("EER").isCloseTo(0.5, EPS);
    }

    @Test
    void eer_is_interpolated_on_the_crossing_segment() {
        // fakes 0.6 0.6, reals 0.6 0.2. Points (0,0) -> (1/2,1) -> (1,1).
        // On the first segment FPR = t/2, FNR = 1 - t; equal at t = 2/3, so EER = 1/3.
        RocCurve roc =
                RocCurve.compute(new float[] {0.6f, 0.6f, 0.6f, 0.2f}, new int[] {1, 1, 0, 0});
        assertThat(roc.fpr()).containsExactly(0.0, 0.5, 1.0);
        assertThat(roc.eer()).as("EER").isCloseTo(1.0 / 3, EPS);
    }

    @Test
    void logits_and_signed_zero_are_ordered_numerically() {
        // fakes 3, -1; reals 1, -2: 3 beats both (2), -1 beats -2 (1) -> AUC 3/4.
        RocCurve logits = RocCurve.compute(new float[] {-2f, -1f, 1f, 3f}, new int[] {0, 1, 0, 1});
        assertThat(logits.auc()).as("AUC").isCloseTo(0.75, EPS);
        assertThat(logits.thresholds())
                .containsExactly(Double.POSITIVE_INFINITY, 3.0, 1.0, -1.0, -2.0);

        // -0.0 >= 0.0 holds, so both must share one point: a tie, AUC 1/2.
        RocCurve zeros = RocCurve.compute(new float[] {-0f, 0f}, new int[] {0, 1});
        assertThat(zeros.thresholds()).hasSize(2);
        assertThat(zeros.auc()).as("AUC").isCloseTo(0.5, EPS);
    }

    @Test
    void missing_class_makes_ranking_metrics_nan() {
        RocCurve onlyFakes = RocCurve.compute(new float[] {0.2f, 0.7f}, new int[] {1, 1});
        assertThat(onlyFakes.auc()).isNaN();
        assertThat(onlyFakes.eer()).isNaN();
        assertThat(onlyFakes.fpr()).containsOnly(Double.NaN);
        // Every predicted fake is a fake: precision 1 at every recall step.
        assertThat(onlyFakes.averagePrecision()).isEqualTo(1.0);

        RocCurve onlyReals = RocCurve.compute(new float[] {0.2f, 0.7f}, new int[] {0, 0});
        assertThat(onlyReals.auc()).isNaN();
        assertThat(onlyReals.eer()).isNaN();
        assertThat(onlyReals.averagePrecision()).isNaN();

        RocCurve empty = RocCurve.compute(new float[0], new int[0]);
        assertThat(empty.auc()).isNaN();
        assertThat(empty.thresholds()).containsExactly(Double.POSITIVE_INFINITY);
    }

    @Test
    void auc_equals_the_pairwise_mann_whitney_count_on_random_tied_scores() {
        Random random = new Random(20240501L);
        int n = 300;
        float[] scores = new float[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(3) == 0 ? 1 : 0;
            // 20 levels: many ties; fakes shifted up so the AUC is well inside (0, 1).
            scores[i] = (random.nextInt(20) + 4 * labels[i]) / 24f;
        }
        double wins = 0;
        long pairs = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (labels[i] == 1 && labels[j] == 0) {
                    pairs++;
                    wins += scores[i] > scores[j] ? 1.0 : scores[i] == scores[j] ? 0.5 : 0.0;
                }
            }
        }
        assertThat(RocCurve.compute(scores, labels).auc())
                .as("AUC vs brute-force Mann-Whitney over %d pairs", pairs)
                .isCloseTo(wins / pairs, EPS);
    }

    @Test
    void downsampling_keeps_both_ends_and_caps_the_count() {
        // 6 distinct scores -> 7 points.
        RocCurve roc =
                RocCurve.compute(
                        new float[] {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f},
                        new int[] {0, 1, 0, 1, 0, 1});
        double[] fpr = roc.fpr();
        double[] tpr = roc.tpr();

        List<double[]> all = roc.downsampled(100);
        assertThat(all).hasSize(7);

        // 7 points to 4: indices round(k * 6/3) = 0, 2, 4, 6.
        List<double[]> four = roc.downsampled(4);
        assertThat(four).hasSize(4);
        int[] expectedIndices = {0, 2, 4, 6};
        for (int k = 0; k < 4; k++) {
            int i = expectedIndices[k];
            assertThat(four.get(k)).as("point %d", k).containsExactly(fpr[i], tpr[i]);
        }
        assertThat(four.get(0)).containsExactly(0.0, 0.0);
        assertThat(four.get(3)).containsExactly(1.0, 1.0);

        assertThatThrownBy(() -> roc.downsampled(1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("found 1");
    }

    @Test
    void accessors_return_copies() {
        RocCurve roc = RocCurve.compute(new float[] {0.1f, 0.9f}, new int[] {0, 1});
        roc.fpr()[1] = 42;
        roc.tpr()[1] = 42;
        roc.thresholds()[1] = 42;
        assertThat(roc.fpr()).doesNotContain(42.0);
        assertThat(roc.tpr()).doesNotContain(42.0);
        assertThat(roc.thresholds()).doesNotContain(42.0);
    }

    @Test
    void average_precision_of_a_perfect_ranking_is_exactly_one_for_any_class_size() {
        for (int n = 1; n <= 200; n++) {
            float[] s = new float[2 * n];
            int[] y = new int[2 * n];
            for (int i = 0; i < 2 * n; i++) {
                s[i] = i;
                y[i] = i >= n ? 1 : 0;
            }
            // summing n terms of 1/n rounds past 1.0 for some n (seen: 1.0000000000000013)
            org.assertj.core.api.Assertions.assertThat(RocCurve.compute(s, y).averagePrecision())
                    .as("n=%d", n)
                    .isEqualTo(1.0);
        }
    }
}
