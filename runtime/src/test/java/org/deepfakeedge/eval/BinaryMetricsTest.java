package org.deepfakeedge.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.assertj.core.data.Offset;
import org.deepfakeedge.InvalidInputException;
import org.junit.jupiter.api.Test;

class BinaryMetricsTest {
    private static final Offset<Double> EPS = within(1e-12);

    // Layout: fakes in per-generator folders, reals shared (untagged); "mixed" has its own real;
    // one untagged fake belongs to no generator row.
    //   idx  tag      label score
    static final float[] SCORES = {0.9f, 0.4f, 0.7f, 0.2f, 0.6f, 0.8f, 0.3f, 0.95f};
    static final int[] LABELS = {1, 1, 1, 0, 0, 1, 0, 1};
    static final String[] GENERATORS = {"gan", "gan", "diff", "", "", "mixed", "mixed", ""};

    @Test
    void overall_metrics_at_the_given_threshold_and_at_half() {
        // threshold 0.75: fakes 0.9 0.8 0.95 -> tp, 0.4 0.7 -> fn; reals 0.2 0.6 0.3 -> tn
        //   tp3 fp0 tn3 fn2: accuracy 6/8, precision 1, recall 3/5, F1 6/(6+0+2) = 3/4
        // threshold 0.5: fakes 0.9 0.7 0.8 0.95 -> tp, 0.4 -> fn; real 0.6 -> fp, 0.2 0.3 -> tn
        //   tp4 fp1 tn2 fn1: accuracy 6/8, precision 4/5, recall 4/5, F1 8/10
        // AUC: 5 fakes x 3 reals = 15 pairs; 0.9 0.7 0.8 0.95 beat all 3 (12), 0.4 beats 0.2 and
        //   0.3 (2) -> 14/15.
        Evaluation e = BinaryMetrics.evaluate(SCORES, LABELS, GENERATORS, 0.75);

        assertThat(e.n()).isEqualTo(8);
        assertThat(e.threshold()).isEqualTo(0.75);
        assertThat(e.confusion()).isEqualTo(new ConfusionMatrix(3, 0, 3, 2));
        assertThat(e.accuracy()).isCloseTo(0.75, EPS);
        assertThat(e.precision()).isCloseTo(1.0, EPS);
        assertThat(e.recall()).isCloseTo(0.6, EPS);
        assertThat(e.f1()).isCloseTo(0.75, EPS);
        assertThat(e.realAccuracy()).as("real accuracy 3/3").isCloseTo(1.0, EPS);
        assertThat(e.fakeAccuracy()).as("fake accuracy 3/5").isCloseTo(0.6, EPS);
        assertThat(e.rocAuc()).as("ROC-AUC").isCloseTo(14.0 / 15, EPS);
        assertThat(e.averagePrecision())
                .isCloseTo(RocCurve.compute(SCORES, LABELS).averagePrecision(), EPS);
        assertThat(e.atHalf()).isEqualTo(new Evaluation.AtHalf(0.75, 0.8, 0.8, 0.8));
    }

    @Test
    void generators_without_reals_borrow_the_shared_reals() {
        // threshold 0.5. Shared reals: idx 3 (0.2) and 4 (0.6).
        // gan = fakes 0.9 0.4 + shared reals 0.2 0.6: tp1 (0.9) fn1 (0.4) fp1 (0.6) tn1 (0.2)
        //   accuracy 1/2, precision 1/2, recall 1/2, F1 1/2;
        //   AUC: 0.9 beats both (2), 0.4 beats 0.2 (1) -> 3/4
        // diff = fake 0.7 + shared reals: tp1 fp1 tn1 -> accuracy 2/3, precision 1/2, recall 1,
        //   F1 2/(2+1) = 2/3; AUC 0.7 beats both -> 1
        // mixed has its own real, so no shared reals: fake 0.8 tp, real 0.3 tn -> all 1, AUC 1
        Evaluation e = BinaryMetrics.evaluate(SCORES, LABELS, GENERATORS, 0.5);

        assertThat(e.perGenerator()).containsOnlyKeys("diff", "gan", "mixed");
        assertThat(e.perGenerator().keySet())
                .as("sorted by name")
                .containsExactly("diff", "gan", "mixed");
        assertThat(e.perGenerator().get("gan"))
                .isEqualTo(new GeneratorMetrics(4, 2, 2, 0.5, 0.5, 0.5, 0.5, 0.75));
        GeneratorMetrics diff = e.perGenerator().get("diff");
        assertThat(diff.n()).isEqualTo(3);
        assertThat(diff.nFake()).isEqualTo(1);
        assertThat(diff.nReal()).isEqualTo(2);
        assertThat(diff.accuracy()).isCloseTo(2.0 / 3, EPS);
        assertThat(diff.precision()).isCloseTo(0.5, EPS);
        assertThat(diff.recall()).isCloseTo(1.0, EPS);
        assertThat(diff.f1()).isCloseTo(2.0 / 3, EPS);
        assertThat(diff.rocAuc()).isCloseTo(1.0, EPS);
        assertThat(e.perGenerator().get("mixed"))
                .isEqualTo(new GeneratorMetrics(2, 1, 1, 1.0, 1.0, 1.0, 1.0, 1.0));
    }

    @Test
    void a_generator_row_without_any_real_has_nan_auc() {
        // No untagged reals to share: the "gan" row has fakes only.
        Evaluation e =
                BinaryMetrics.evaluate(
                        new float[] {0.9f, 0.1f, 0.2f},
                        new int[] {1, 1, 0},
                        new String[] {"gan", "gan", "other"},
                        0.5);
        assertThat(e.perGenerator().get("gan").nReal()).isZero();
        assertThat(e.perGenerator().get("gan").rocAuc()).isNaN();
    }

    @Test
    void no_generator_tags_give_an_empty_breakdown() {
        assertThat(BinaryMetrics.evaluate(SCORES, LABELS, null, 0.5).perGenerator()).isEmpty();
        assertThat(
                        BinaryMetrics.evaluate(SCORES, LABELS, new String[SCORES.length], 0.5)
                                .perGenerator())
                .as("all-null tags")
                .isEmpty();
        String[] blank = {"", "", "", "", "", "", "", ""};
        assertThat(BinaryMetrics.evaluate(SCORES, LABELS, blank, 0.5).perGenerator())
                .as("all-empty tags")
                .isEmpty();
    }

    @Test
    void generator_tags_must_match_the_scores() {
        assertThatThrownBy(() -> BinaryMetrics.evaluate(SCORES, LABELS, new String[2], 0.5))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("found 2 tags and 8 scores");
    }
}
