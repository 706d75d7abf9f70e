package org.deepfakeedge.compress.prune;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.deepfakeedge.model.Tensor;

/** A plain re-statement of the L1 filter criterion, independent of {@link StructuredPruner}. */
final class L1Reference {
    private L1Reference() {}

    /** The rows of {@code w} (axis 0) with the {@code count} largest Σ|w|, ties by lower index. */
    static int[] keptRows(Tensor w, int count) {
        int rows = w.shape()[0];
        int len = w.size() / rows;
        double[] norm = new double[rows];
        for (int i = 0; i < w.size(); i++) {
            norm[i / len] += Math.abs(w.data()[i]);
        }
        int[] kept = new int[count];
        boolean[] taken = new boolean[rows];
        for (int k = 0; k < count; k++) {
            int best = -1;
            for (int r = 0; r < rows; r++) {
                if (!taken[r] && (best < 0 || norm[r] > norm[best])) {
                    best = r;
                }
            }
            taken[best] = true;
            kept[k] = best;
        }
        Arrays.sort(kept);
        return kept;
    }

    /** The rows not in {@code kept}. */
    static int[] removedRows(int rows, int[] kept) {
        return IntStream.range(0, rows).filter(r -> Arrays.binarySearch(kept, r) < 0).toArray();
    }

    /** {@code max(1, round(keep·out))}. */
    static int keptCount(double keep, int out) {
        return Math.max(1, (int) Math.round(keep * out));
    }
}
