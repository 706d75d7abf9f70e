package org.deepfakeedge.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The exact ROC curve of a set of scores, with the ranking summaries derived from it.
 *
 * <p>There is one point per distinct score, in descending score order: point {@code i} is the (FPR,
 * TPR) of the decision "fake when {@code score >= thresholds()[i]}". Tied scores form one point, as
 * in scikit-learn's {@code roc_curve} without {@code drop_intermediate}: a threshold cannot
 * separate samples with equal scores, so no point should pretend to. The curve starts at (0, 0)
 * with threshold {@code +Infinity} (nothing predicted fake, as scikit-learn &ge; 1.3) and ends at
 * (1, 1) with the lowest score as threshold.
 *
 * <ul>
 *   <li>{@link #auc()} is the trapezoidal area, which with grouped ties equals the
 *       Mann&ndash;Whitney probability that a random fake scores above a random real, ties counting
 *       1/2.
 *   <li>{@link #averagePrecision()} is scikit-learn's {@code average_precision_score}: &Sigma;
 *       (R<sub>n</sub> &minus; R<sub>n&minus;1</sub>) P<sub>n</sub> over the distinct thresholds, a
 *       step sum without interpolation.
 *   <li>{@link #eer()} is the equal error rate, where FPR = FNR = 1 &minus; TPR, linearly
 *       interpolated on the ROC segment that crosses it.
 * </ul>
 *
 * <p>Without fakes TPR is undefined, without reals FPR is; the undefined rate is {@code NaN} at
 * every point (as scikit-learn) and so are AUC and EER. Average precision needs only fakes.
 *
 * <p>Immutable and thread-safe; accessors return copies.
 */
public final class RocCurve {
    private final long positives;
    private final long negatives;
    // Cumulative counts at each point; point 0 is (0, 0). Kept as integers so AUC and the
    // threshold choice compare exact values rather than rounded rates.
    private final long[] tps;
    private final long[] fps;
    private final double[] thresholds;
    private final double[] fpr;
    private final double[] tpr;
    private final double auc;
    private final double averagePrecision;
    private final double eer;

    private RocCurve(long[] tps, long[] fps, double[] thresholds) {
        this.tps = tps;
        this.fps = fps;
        this.thresholds = thresholds;
        int last = tps.length - 1;
        this.positives = tps[last];
        this.negatives = fps[last];
        this.fpr = new double[tps.length];
        this.tpr = new double[tps.length];
        for (int i = 0; i < tps.length; i++) {
            fpr[i] = negatives == 0 ? Double.NaN : (double) fps[i] / negatives;
            tpr[i] = positives == 0 ? Double.NaN : (double) tps[i] / positives;
        }
        // The summaries come from the streaming accumulator, so that a curve summarised on a
        // cluster point by point gets the same doubles as this one.
        RocAccumulator acc = new RocAccumulator(positives, negatives, tps.length - 1, 2);
        for (int i = 1; i < tps.length; i++) {
            acc.add(tps[i] - tps[i - 1], fps[i] - fps[i - 1]);
        }
        RocAccumulator.Ranking ranking = acc.finish();
        this.auc = ranking.auc();
        this.averagePrecision = ranking.averagePrecision();
        this.eer = ranking.eer();
    }

    /**
     * Computes the ROC curve of the given scores.
     *
     * <p>Runs in O(n log n) time and O(n) memory.
     *
     * @param scores detector scores, higher means more likely fake; finite
     * @param labels 0 (real) or 1 (fake), same length as {@code scores}
     * @return the curve; with no samples it is the single point (NaN, NaN)
     * @throws org.deepfakeedge.InvalidInputException if the arrays differ in length, a label is not
     *     0/1 or a score is not finite
     */
    public static RocCurve compute(float[] scores, int[] labels) {
        Inputs.check(scores, labels);
        int n = scores.length;
        // Sort (score, label) pairs as primitive longs: the high half is the score mapped to an
        // int with the same order, the low bit the label. Avoids boxing an index array.
        long[] packed = new long[n];
        for (int i = 0; i < n; i++) {
            packed[i] = ((long) orderedBits(scores[i]) << 32) | labels[i];
        }
        Arrays.sort(packed);

        long[] tps = new long[n + 1];
        long[] fps = new long[n + 1];
        double[] thresholds = new double[n + 1];
        thresholds[0] = Double.POSITIVE_INFINITY;
        int points = 1;
        long tp = 0;
        long fp = 0;
        for (int i = n - 1; i >= 0; i--) {
            if ((packed[i] & 1L) == 1L) {
                tp++;
            } else {
                fp++;
            }
            int key = (int) (packed[i] >> 32);
            // Close a point only after the last sample of a run of equal scores.
            if (i == 0 || (int) (packed[i - 1] >> 32) != key) {
                tps[points] = tp;
                fps[points] = fp;
                thresholds[points] = fromOrderedBits(key);
                points++;
            }
        }
        return new RocCurve(
                Arrays.copyOf(tps, points),
                Arrays.copyOf(fps, points),
                Arrays.copyOf(thresholds, points));
    }

    /**
     * Maps a float to an int whose signed order is the float's numeric order.
     *
     * <p>-0.0 is folded into 0.0 first, because {@code >=} treats them as equal and they must
     * therefore share one ROC point.
     */
    private static int orderedBits(float score) {
        int bits = Float.floatToIntBits(score == 0f ? 0f : score);
        // Negative floats order backwards by magnitude: flip their magnitude bits.
        return bits ^ ((bits >> 31) & 0x7fffffff);
    }

    private static float fromOrderedBits(int key) {
        return Float.intBitsToFloat(key ^ ((key >> 31) & 0x7fffffff));
    }

    /**
     * Returns the ROC AUC.
     *
     * @return the area in [0, 1]; NaN when there are no fakes or no reals
     */
    public double auc() {
        return auc;
    }

    /**
     * Returns the average precision (area under the precision&ndash;recall step curve).
     *
     * @return AP in [0, 1]; NaN when there are no fakes
     */
    public double averagePrecision() {
        return averagePrecision;
    }

    /**
     * Returns the equal error rate, where the false positive rate equals the false negative rate.
     *
     * @return the EER in [0, 1] (0 for perfect separation); NaN when there are no fakes or no reals
     */
    public double eer() {
        return eer;
    }

    /**
     * Returns the false positive rate at each point.
     *
     * @return a copy, non-decreasing from 0 to 1 (all NaN without reals)
     */
    public double[] fpr() {
        return fpr.clone();
    }

    /**
     * Returns the true positive rate (recall) at each point.
     *
     * @return a copy, non-decreasing from 0 to 1 (all NaN without fakes)
     */
    public double[] tpr() {
        return tpr.clone();
    }

    /**
     * Returns the threshold of each point: the point counts samples with {@code score >= threshold}
     * as fake.
     *
     * @return a copy, strictly decreasing, starting at {@code +Infinity}
     */
    public double[] thresholds() {
        return thresholds.clone();
    }

    /**
     * Returns the number of fake samples.
     *
     * @return the number of samples labelled 1
     */
    public long positives() {
        return positives;
    }

    /**
     * Returns the number of real samples.
     *
     * @return the number of samples labelled 0
     */
    public long negatives() {
        return negatives;
    }

    /** Cumulative true positives at each point; shared, callers in this package must not write. */
    long[] tpCounts() {
        return tps;
    }

    /** Cumulative false positives at each point; shared, callers in this package must not write. */
    long[] fpCounts() {
        return fps;
    }

    /**
     * Returns at most {@code maxPoints} (FPR, TPR) points for JSON or plots.
     *
     * <p>When the curve has more points, they are picked evenly by index, always keeping the first
     * (0, 0) and the last (1, 1); otherwise every point is returned. Use {@link #auc()} for the
     * area, not the downsampled points.
     *
     * @param maxPoints the maximum number of points, {@code >= 2}
     * @return an unmodifiable list of fresh {@code {fpr, tpr}} arrays, in curve order
     * @throws IllegalArgumentException if {@code maxPoints < 2}
     */
    public List<double[]> downsampled(int maxPoints) {
        if (maxPoints < 2) {
            throw new IllegalArgumentException(
                    "maxPoints must be >= 2 to keep both ends of the curve, found " + maxPoints);
        }
        int size = fpr.length;
        int count = Math.min(size, maxPoints);
        List<double[]> points = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            // With count <= size the step is >= 1, so the rounded indices strictly increase.
            int i = count == 1 ? 0 : (int) Math.round((double) k * (size - 1) / (count - 1));
            points.add(new double[] {fpr[i], tpr[i]});
        }
        return List.copyOf(points);
    }

    @Override
    public String toString() {
        return "RocCurve[points="
                + fpr.length
                + ", positives="
                + positives
                + ", negatives="
                + negatives
                + ", auc="
                + auc
                + "]";
    }
}
