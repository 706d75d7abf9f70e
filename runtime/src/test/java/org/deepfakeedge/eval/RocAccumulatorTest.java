package org.deepfakeedge.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RocAccumulatorTest {

    @Test
    void streamed_groups_give_the_same_doubles_as_the_whole_curve() {
        Random random = new Random(11);
        for (int trial = 0; trial < 20; trial++) {
            int n = 50 + random.nextInt(3000);
            float[] scores = new float[n];
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = random.nextInt(3) == 0 ? 1 : 0;
                // coarse scores on some trials, so that ties form multi-sample groups
                float s = (float) (random.nextGaussian() * 0.3 + 0.5 + 0.2 * labels[i]);
                scores[i] = trial % 2 == 0 ? Math.round(s * 40) / 40f : s;
            }
            RocCurve whole = RocCurve.compute(scores, labels);
            RocAccumulator.Ranking streamed = stream(scores, labels, 201);

            assertThat(streamed.auc()).as("AUC, trial %d", trial).isEqualTo(whole.auc());
            assertThat(streamed.averagePrecision())
                    .as("AP, trial %d", trial)
                    .isEqualTo(whole.averagePrecision());
            assertThat(streamed.eer()).as("EER, trial %d", trial).isEqualTo(whole.eer());
            List<double[]> expected = whole.downsampled(201);
            assertThat(streamed.points()).hasSameSizeAs(expected);
            for (int k = 0; k < expected.size(); k++) {
                assertThat(streamed.points().get(k)).containsExactly(expected.get(k));
            }
        }
    }

    @Test
    void auc_is_the_mann_whitney_probability_counted_pair_by_pair() {
        float[] scores = {0.9f, 0.7f, 0.7f, 0.4f, 0.3f, 0.3f, 0.1f};
        int[] labels = {1, 1, 0, 1, 0, 0, 0};
        // pairs (fake, real): 3 fakes x 4 reals = 12; a fake above a real counts 1, a tie 1/2
        double wins = 0;
        for (int f = 0; f < scores.length; f++) {
            for (int r = 0; r < scores.length; r++) {
                if (labels[f] == 1 && labels[r] == 0) {
                    wins += scores[f] > scores[r] ? 1 : scores[f] == scores[r] ? 0.5 : 0;
                }
            }
        }
        assertThat(stream(scores, labels, 2).auc()).isCloseTo(wins / 12, within(1e-15));
    }

    @Test
    void one_class_only_leaves_auc_and_eer_undefined() {
        RocAccumulator.Ranking r = stream(new float[] {0.2f, 0.8f}, new int[] {1, 1}, 10);
        assertThat(r.auc()).isNaN();
        assertThat(r.eer()).isNaN();
        assertThat(r.averagePrecision()).isEqualTo(1.0);
        assertThat(r.points()).hasSize(3);
    }

    @Test
    void refuses_more_or_fewer_points_than_announced() {
        RocAccumulator acc = new RocAccumulator(1, 1, 1, 2);
        acc.add(1, 1);
        assertThatThrownBy(() -> acc.add(0, 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("more points or samples than announced");
        RocAccumulator short_ = new RocAccumulator(2, 1, 2, 2);
        short_.add(1, 0);
        assertThatThrownBy(short_::finish)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("incomplete: 1 of 2 points");
        assertThatThrownBy(() -> new RocAccumulator(1, 1, 1, 2).add(0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Groups by distinct score and feeds the groups in descending order, as a cluster job does. */
    private static RocAccumulator.Ranking stream(float[] scores, int[] labels, int maxPoints) {
        TreeMap<Float, long[]> groups = new TreeMap<>();
        long positives = 0;
        for (int i = 0; i < scores.length; i++) {
            groups.computeIfAbsent(scores[i], k -> new long[2])[labels[i]]++;
            positives += labels[i];
        }
        RocAccumulator acc =
                new RocAccumulator(positives, scores.length - positives, groups.size(), maxPoints);
        for (Map.Entry<Float, long[]> g : groups.descendingMap().entrySet()) {
            acc.add(g.getValue()[1], g.getValue()[0]);
        }
        return acc.finish();
    }
}
