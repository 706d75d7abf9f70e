package org.deepfakeedge.eval;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses a detector's decision threshold from validation scores.
 *
 * <p>The threshold maximises balanced accuracy, (TPR + TNR) / 2, which is Youden's J = TPR &minus;
 * FPR shifted and halved. Plain accuracy would reward predicting the majority class: with 90% reals
 * a threshold that calls everything real scores 0.9. Balanced accuracy weighs both classes equally
 * whatever their share, so the chosen threshold does not move with the class ratio of the
 * validation set, which rarely matches deployment.
 *
 * <p>Candidate thresholds are the midpoints between adjacent distinct scores, not the scores
 * themselves: the same validation decisions result, but the margin on both sides lets unseen
 * samples near the boundary fall on the side the validation data supports. The two extreme
 * decisions (everything real, everything fake) are candidates too, with balanced accuracy 0.5; they
 * win only when no split does better, and then the threshold is 0.5 if 0.5 gives that decision,
 * else the nearest threshold that does. Among thresholds with equal balanced accuracy the one
 * closest to 0.5 wins (on an exact tie in distance, the higher one), which keeps the choice stable
 * for calibrated probabilities. Without both classes there is nothing to balance and the threshold
 * is 0.5.
 *
 * <p>Stateless and thread-safe.
 */
public final class ThresholdPolicy {
    private static final Logger logger = LoggerFactory.getLogger(ThresholdPolicy.class);

    /** Threshold used when the data cannot inform the choice. */
    static final double DEFAULT_THRESHOLD = 0.5;

    private ThresholdPolicy() {}

    /**
     * Returns the threshold that maximises balanced accuracy on the given validation scores.
     *
     * @param scores validation scores, higher means more likely fake; finite
     * @param labels 0 (real) or 1 (fake), same length as {@code scores}
     * @return the threshold, for use as "fake when {@code score >= threshold}"; 0.5 when a class is
     *     empty
     * @throws org.deepfakeedge.InvalidInputException if the arrays differ in length, a label is not
     *     0/1 or a score is not finite
     */
    public static double chooseThreshold(float[] scores, int[] labels) {
        RocCurve roc = RocCurve.compute(scores, labels);
        long positives = roc.positives();
        long negatives = roc.negatives();
        if (positives == 0 || negatives == 0) {
            logger.warn(
                    "Validation data has {} fakes and {} reals; using threshold {}",
                    positives,
                    negatives,
                    DEFAULT_THRESHOLD);
            return DEFAULT_THRESHOLD;
        }
        long[] tps = roc.tpCounts();
        long[] fps = roc.fpCounts();
        double[] thresholds = roc.thresholds();
        int last = tps.length - 1;

        // Balanced accuracy * 2PN - PN = TP*N - FP*P: same order, exact integers, so ties are ties.
        long bestScore = Long.MIN_VALUE;
        double best = Double.NaN;
        for (int j = 0; j <= last; j++) {
            long score = tps[j] * negatives - fps[j] * positives;
            double candidate = candidate(thresholds, j);
            if (score > bestScore
                    || (score == bestScore
                            && Math.abs(candidate - DEFAULT_THRESHOLD)
                                    < Math.abs(best - DEFAULT_THRESHOLD))) {
                bestScore = score;
                best = candidate;
            }
        }
        double balancedAccuracy = 0.5 + bestScore / (2.0 * positives * negatives);
        if (bestScore <= 0) {
            logger.warn(
                    "Validation scores do not separate the classes (best balanced accuracy {});"
                            + " threshold {} predicts a single class",
                    balancedAccuracy,
                    best);
        } else {
            logger.debug(
                    "Chose threshold {} with balanced accuracy {} on {} fakes and {} reals",
                    best,
                    balancedAccuracy,
                    positives,
                    negatives);
        }
        return best;
    }

    /**
     * Returns a threshold that predicts fake for exactly the samples of ROC points 1..j.
     *
     * @param thresholds the ROC thresholds: +Infinity, then the distinct scores descending
     */
    private static double candidate(double[] thresholds, int j) {
        int last = thresholds.length - 1;
        if (j == 0) {
            // Everything real: any threshold above the highest score.
            return Math.max(DEFAULT_THRESHOLD, Math.nextUp(thresholds[1]));
        }
        if (j == last) {
            // Everything fake: any threshold up to the lowest score (inclusive).
            return Math.min(DEFAULT_THRESHOLD, thresholds[last]);
        }
        // Both are widened floats, so the sum and the halving are exact in double and the
        // midpoint lies strictly between them.
        return (thresholds[j] + thresholds[j + 1]) / 2.0;
    }
}
