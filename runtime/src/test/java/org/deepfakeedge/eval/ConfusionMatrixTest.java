package org.deepfakeedge.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.assertj.core.data.Offset;
import org.deepfakeedge.InvalidInputException;
import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {
    private static final Offset<Double> EPS = within(1e-12);

    @Test
    void counts_and_ratios_match_a_hand_worked_case() {
        // threshold 0.5, fake when score >= 0.5:
        //   fakes 0.9 -> tp, 0.8 -> tp, 0.3 -> fn
        //   reals 0.6 -> fp, 0.2 -> tn, 0.5 -> fp (inclusive)
        // tp=2 fp=2 tn=1 fn=1, n=6
        float[] scores = {0.9f, 0.8f, 0.3f, 0.6f, 0.2f, 0.5f};
        int[] labels = {1, 1, 1, 0, 0, 0};

        ConfusionMatrix cm = ConfusionMatrix.at(scores, labels, 0.5);

        assertThat(cm).isEqualTo(new ConfusionMatrix(2, 2, 1, 1));
        assertThat(cm.n()).isEqualTo(6);
        assertThat(cm.positives()).isEqualTo(3);
        assertThat(cm.negatives()).isEqualTo(3);
        assertThat(cm.accuracy()).as("accuracy (2+1)/6").isCloseTo(0.5, EPS);
        assertThat(cm.precision()).as("precision 2/(2+2)").isCloseTo(0.5, EPS);
        assertThat(cm.recall()).as("recall 2/(2+1)").isCloseTo(2.0 / 3, EPS);
        // 2PR/(P+R) = 2*(1/2)*(2/3)/(1/2+2/3) = (2/3)/(7/6) = 4/7 = 2tp/(2tp+fp+fn) = 4/7
        assertThat(cm.f1()).as("F1").isCloseTo(4.0 / 7, EPS);
        assertThat(cm.specificity()).as("specificity 1/(1+2)").isCloseTo(1.0 / 3, EPS);
        assertThat(cm.fpr()).as("FPR 2/(1+2)").isCloseTo(2.0 / 3, EPS);
    }

    @Test
    void a_score_equal_to_the_threshold_is_predicted_fake() {
        // 0.25 and 0.5 are exact in float and double, so the comparison is a true tie.
        ConfusionMatrix cm = ConfusionMatrix.at(new float[] {0.25f, 0.5f}, new int[] {1, 0}, 0.25);
        assertThat(cm).as("both scores >= 0.25").isEqualTo(new ConfusionMatrix(1, 1, 0, 0));

        ConfusionMatrix atHalf = ConfusionMatrix.at(new float[] {0.5f}, new int[] {1}, 0.5);
        assertThat(atHalf).isEqualTo(new ConfusionMatrix(1, 0, 0, 0));
    }

    @Test
    void no_fakes_gives_zero_precision_recall_and_f1() {
        // tp=0 fp=0 tn=2 fn=0: precision 0/0 -> 0, recall 0/0 -> 0, F1 0/0 -> 0
        ConfusionMatrix cm = ConfusionMatrix.at(new float[] {0.1f, 0.2f}, new int[] {0, 0}, 0.5);
        assertThat(cm).isEqualTo(new ConfusionMatrix(0, 0, 2, 0));
        assertThat(cm.precision()).isZero();
        assertThat(cm.recall()).isZero();
        assertThat(cm.f1()).isZero();
        assertThat(cm.accuracy()).isEqualTo(1.0);
        assertThat(cm.specificity()).isEqualTo(1.0);
    }

    @Test
    void nothing_predicted_fake_gives_zero_precision_and_f1() {
        // tp=0 fp=0 tn=1 fn=1: precision 0/0 -> 0, recall 0/1 = 0, P+R = 0 -> F1 0
        ConfusionMatrix cm = ConfusionMatrix.at(new float[] {0.1f, 0.2f}, new int[] {1, 0}, 0.5);
        assertThat(cm).isEqualTo(new ConfusionMatrix(0, 0, 1, 1));
        assertThat(cm.precision()).isZero();
        assertThat(cm.recall()).isZero();
        assertThat(cm.f1()).isZero();
        assertThat(cm.accuracy()).isCloseTo(0.5, EPS);
    }

    @Test
    void no_reals_gives_zero_specificity_and_fpr() {
        ConfusionMatrix cm = ConfusionMatrix.at(new float[] {0.9f}, new int[] {1}, 0.5);
        assertThat(cm.specificity()).isZero();
        assertThat(cm.fpr()).isZero();
        assertThat(cm.precision()).isEqualTo(1.0);
    }

    @Test
    void no_samples_gives_all_zero() {
        ConfusionMatrix cm = ConfusionMatrix.at(new float[0], new int[0], 0.5);
        assertThat(cm).isEqualTo(new ConfusionMatrix(0, 0, 0, 0));
        assertThat(cm.accuracy()).isZero();
        assertThat(cm.f1()).isZero();
    }

    @Test
    void bad_input_is_rejected_with_the_offending_value() {
        assertThatThrownBy(() -> new ConfusionMatrix(1, -1, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fp=-1");
        assertThatThrownBy(() -> ConfusionMatrix.at(new float[2], new int[3], 0.5))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("2 scores and 3 labels");
        assertThatThrownBy(() -> ConfusionMatrix.at(new float[2], new int[] {0, 2}, 0.5))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("labels[1]")
                .hasMessageContaining("found 2");
        assertThatThrownBy(() -> ConfusionMatrix.at(new float[] {Float.NaN}, new int[] {0}, 0.5))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("scores[0] must be finite, found NaN");
        assertThatThrownBy(() -> ConfusionMatrix.at(new float[1], new int[1], Double.NaN))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("threshold");
    }
}
