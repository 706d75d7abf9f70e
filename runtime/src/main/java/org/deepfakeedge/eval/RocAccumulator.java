package org.deepfakeedge.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Computes the ranking metrics of an exact ROC curve from its points given one at a time, so that a
 * curve too large to hold (millions of scores on a cluster) is summarised in constant memory.
 *
 * <p>The caller groups the samples by distinct score and calls {@link #add} once per group, in
 * descending score order. That is the same point sequence {@link RocCurve} builds, and {@link
 * RocCurve} computes its own summaries through this class, so both give the same doubles, bit for
 * bit: AUC from integer counts, average precision summed in descending score order, the EER on the
 * first segment that crosses FPR = FNR (see {@link RocCurve} for the definitions).
 *
 * <p>The totals must be known before the first point, because rates (and so the EER and the plotted
 * points) need them; one counting pass over the data gives them. Not thread-safe: one accumulator
 * per curve.
 */
public final class RocAccumulator {
    private final long positives;
    private final long negatives;
    private final int size; // points of the curve, (0, 0) included
    private final int plotted; // points kept for plots
    private final List<double[]> points;
    private int index; // index of the last point added
    private long tp;
    private long fp;
    private double fpr;
    private double tpr;
    private long twiceArea;
    private double precisionSum;
    private double eer = Double.NaN;
    private boolean eerFound;

    /**
     * Starts a curve at (0, 0).
     *
     * @param positives fake samples in total
     * @param negatives real samples in total
     * @param distinctScores distinct score values in total, i.e. the number of {@link #add} calls
     *     that will follow; {@code >= 0}
     * @param maxPoints points to keep for plots, {@code >= 2}: picked evenly by index as {@link
     *     RocCurve#downsampled}
     * @throws IllegalArgumentException if a count is negative, there are more distinct scores than
     *     samples, or {@code maxPoints < 2}
     */
    public RocAccumulator(long positives, long negatives, long distinctScores, int maxPoints) {
        if (positives < 0 || negatives < 0 || distinctScores < 0) {
            throw new IllegalArgumentException(
                    "counts must be >= 0, found positives="
                            + positives
                            + ", negatives="
                            + negatives
                            + ", distinctScores="
                            + distinctScores);
        }
        if (distinctScores > positives + negatives || distinctScores >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "distinctScores must be at most the number of samples and fit an int, found "
                            + distinctScores
                            + " for "
                            + (positives + negatives)
                            + " samples");
        }
        if (maxPoints < 2) {
            throw new IllegalArgumentException(
                    "maxPoints must be >= 2 to keep both ends of the curve, found " + maxPoints);
        }
        this.positives = positives;
        this.negatives = negatives;
        this.size = (int) distinctScores + 1;
        this.plotted = Math.min(size, maxPoints);
        this.points = new ArrayList<>(plotted);
        this.fpr = rate(0, negatives);
        this.tpr = rate(0, positives);
        keepIfPlotted();
    }

    /**
     * Adds the next point: the samples of the next lower distinct score.
     *
     * @param fakes samples labelled 1 with this score
     * @param reals samples labelled 0 with this score
     * @throws IllegalArgumentException if the group is empty or negative
     * @throws IllegalStateException if more points or samples arrive than the totals announced
     */
    public void add(long fakes, long reals) {
        if (fakes < 0 || reals < 0 || fakes + reals == 0) {
            throw new IllegalArgumentException(
                    "a score group needs at least one sample and no negative count, found fakes="
                            + fakes
                            + ", reals="
                            + reals);
        }
        if (index + 1 >= size || tp + fakes > positives || fp + reals > negatives) {
            throw new IllegalStateException(
                    "more points or samples than announced: point "
                            + (index + 1)
                            + " of "
                            + (size - 1)
                            + ", tp "
                            + (tp + fakes)
                            + " of "
                            + positives
                            + ", fp "
                            + (fp + reals)
                            + " of "
                            + negatives);
        }
        long tp0 = tp;
        double fpr0 = fpr;
        double tpr0 = tpr;
        tp += fakes;
        fp += reals;
        index++;
        fpr = rate(fp, negatives);
        tpr = rate(tp, positives);
        // Twice the trapezoid in count units: an integer, so only the final division rounds.
        twiceArea += reals * (tp + tp0);
        if (fakes > 0) {
            precisionSum += fakes * ((double) tp / (tp + fp));
        }
        if (!eerFound && positives > 0 && negatives > 0) {
            // d = FPR - FNR = FPR + TPR - 1 rises strictly from -1 at (0,0) to 1 at (1,1), because
            // every point adds at least one sample. The EER lies on the first segment where d >= 0.
            // Its sign in exact counts: d * P * N = FP*P + TP*N - P*N.
            long scaled = fp * positives + tp * negatives - positives * negatives;
            if (scaled == 0) {
                eer = fpr;
                eerFound = true;
            } else if (scaled > 0) {
                double fnr0 = 1.0 - tpr0;
                double df = fpr - fpr0;
                double dfnr = (1.0 - tpr) - fnr0;
                // Solve fpr0 + t*df = fnr0 + t*dfnr for t in (0, 1].
                double t = (fnr0 - fpr0) / (df - dfnr);
                eer = fpr0 + t * df;
                eerFound = true;
            }
        }
        keepIfPlotted();
    }

    /**
     * Ends the curve.
     *
     * @return the AUC, average precision, EER and plot points
     * @throws IllegalStateException if fewer points or samples arrived than announced
     */
    public Ranking finish() {
        if (index != size - 1 || tp != positives || fp != negatives) {
            throw new IllegalStateException(
                    "the curve is incomplete: "
                            + index
                            + " of "
                            + (size - 1)
                            + " points, tp "
                            + tp
                            + " of "
                            + positives
                            + ", fp "
                            + fp
                            + " of "
                            + negatives);
        }
        boolean both = positives > 0 && negatives > 0;
        double auc = both ? twiceArea / (2.0 * positives * negatives) : Double.NaN;
        // one division at the end, and a clamp: summing P terms of 1/P can round past 1.0
        double ap = positives == 0 ? Double.NaN : Math.min(1.0, precisionSum / positives);
        if (both && !eerFound) {
            throw new AssertionError("ROC curve does not reach (1, 1)");
        }
        return new Ranking(positives, negatives, auc, ap, both ? eer : Double.NaN, points);
    }

    private void keepIfPlotted() {
        int k = points.size();
        // With plotted <= size the step is >= 1, so the rounded indices strictly increase and at
        // most one plotted point falls on each curve point.
        if (k < plotted && index == plotIndex(k)) {
            points.add(new double[] {fpr, tpr});
        }
    }

    private int plotIndex(int k) {
        return plotted == 1 ? 0 : (int) Math.round((double) k * (size - 1) / (plotted - 1));
    }

    private static double rate(long count, long total) {
        return total == 0 ? Double.NaN : (double) count / total;
    }

    /**
     * The ranking metrics of one curve.
     *
     * @param positives fake samples
     * @param negatives real samples
     * @param auc ROC-AUC; NaN without both classes
     * @param averagePrecision average precision; NaN without fakes
     * @param eer equal error rate; NaN without both classes
     * @param points at most the requested number of {fpr, tpr} points, in curve order
     */
    public record Ranking(
            long positives,
            long negatives,
            double auc,
            double averagePrecision,
            double eer,
            List<double[]> points) {

        /** Copies the point list. */
        public Ranking {
            points = List.copyOf(points);
        }
    }
}
