package org.deepfakeedge.eval;

/**
 * Counts of a binary decision with <em>fake</em> as the positive class.
 *
 * <p>{@code tp}: fakes predicted fake; {@code fp}: reals predicted fake; {@code tn}: reals
 * predicted real; {@code fn}: fakes predicted real.
 *
 * <p>Zero-division convention (scikit-learn's {@code zero_division=0}, applied to every ratio
 * here): a ratio whose denominator is zero is {@code 0}. So with no predicted fakes precision is 0,
 * with no fakes recall is 0, F1 is 0 when precision + recall = 0, with no reals specificity and FPR
 * are 0, and with no samples accuracy is 0. A 0 from this rule is indistinguishable from a measured
 * 0; read the counts to tell them apart.
 *
 * <p>Immutable and thread-safe.
 *
 * @param tp true positives (fakes predicted fake), {@code >= 0}
 * @param fp false positives (reals predicted fake), {@code >= 0}
 * @param tn true negatives (reals predicted real), {@code >= 0}
 * @param fn false negatives (fakes predicted real), {@code >= 0}
 */
public record ConfusionMatrix(long tp, long fp, long tn, long fn) {

    /** Checks that every count is non-negative. */
    public ConfusionMatrix {
        if (tp < 0 || fp < 0 || tn < 0 || fn < 0) {
            throw new IllegalArgumentException(
                    "confusion counts must be >= 0, found tp="
                            + tp
                            + ", fp="
                            + fp
                            + ", tn="
                            + tn
                            + ", fn="
                            + fn);
        }
    }

    /**
     * Counts the decisions "fake when {@code score >= threshold}" against the labels.
     *
     * <p>The comparison is inclusive and done in double after widening each float score, so a
     * threshold equal to a score predicts that sample fake.
     *
     * @param scores detector scores, higher means more likely fake; finite
     * @param labels 0 (real) or 1 (fake), same length as {@code scores}
     * @param threshold decision threshold, not NaN
     * @return the confusion counts
     * @throws org.deepfakeedge.InvalidInputException if the arrays differ in length, a label is not
     *     0/1, a score is not finite or the threshold is NaN
     */
    public static ConfusionMatrix at(float[] scores, int[] labels, double threshold) {
        Inputs.check(scores, labels);
        Inputs.checkThreshold(threshold);
        long tp = 0;
        long fp = 0;
        long tn = 0;
        long fn = 0;
        for (int i = 0; i < scores.length; i++) {
            boolean predictedFake = scores[i] >= threshold;
            if (labels[i] == 1) {
                if (predictedFake) {
                    tp++;
                } else {
                    fn++;
                }
            } else if (predictedFake) {
                fp++;
            } else {
                tn++;
            }
        }
        return new ConfusionMatrix(tp, fp, tn, fn);
    }

    /**
     * Returns the number of samples counted.
     *
     * @return tp + fp + tn + fn
     */
    public long n() {
        return tp + fp + tn + fn;
    }

    /**
     * Returns the number of fake samples.
     *
     * @return tp + fn
     */
    public long positives() {
        return tp + fn;
    }

    /**
     * Returns the number of real samples.
     *
     * @return tn + fp
     */
    public long negatives() {
        return tn + fp;
    }

    /**
     * Returns the fraction of correct decisions.
     *
     * @return (tp + tn) / n, or 0 when there are no samples
     */
    public double accuracy() {
        return ratio(tp + tn, n());
    }

    /**
     * Returns the fraction of predicted fakes that are fake.
     *
     * @return tp / (tp + fp), or 0 when nothing is predicted fake
     */
    public double precision() {
        return ratio(tp, tp + fp);
    }

    /**
     * Returns the fraction of fakes predicted fake (TPR, sensitivity, accuracy on fakes).
     *
     * @return tp / (tp + fn), or 0 when there are no fakes
     */
    public double recall() {
        return ratio(tp, tp + fn);
    }

    /**
     * Returns the harmonic mean of precision and recall.
     *
     * <p>Computed as 2tp / (2tp + fp + fn), which equals 2PR / (P + R) whenever that is defined and
     * avoids rounding twice.
     *
     * @return the F1 score, or 0 when precision + recall = 0
     */
    public double f1() {
        return ratio(2 * tp, 2 * tp + fp + fn);
    }

    /**
     * Returns the fraction of reals predicted real (TNR, accuracy on reals).
     *
     * @return tn / (tn + fp), or 0 when there are no reals
     */
    public double specificity() {
        return ratio(tn, tn + fp);
    }

    /**
     * Returns the fraction of reals predicted fake (false positive rate).
     *
     * @return fp / (tn + fp), or 0 when there are no reals
     */
    public double fpr() {
        return ratio(fp, tn + fp);
    }

    private static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0.0 : (double) numerator / denominator;
    }
}
