package org.deepfakeedge.eval;

import java.util.Arrays;

/** Percentiles of latency samples, one definition for every benchmark and load test. */
public final class Percentiles {
    private Percentiles() {}

    /**
     * Returns the {@code q}-quantile of {@code values} by nearest rank: the smallest sample with at
     * least {@code q} of the samples at or below it (no interpolation, so the figure is a latency
     * that was measured). NaN for no samples; {@code values} is not modified.
     *
     * @param q the quantile, in (0, 1]
     */
    public static double nearestRank(long[] values, double q) {
        if (!(q > 0 && q <= 1)) {
            throw new IllegalArgumentException("q must be in (0, 1], found " + q);
        }
        if (values.length == 0) {
            return Double.NaN;
        }
        long[] s = values.clone();
        Arrays.sort(s);
        int rank = (int) Math.ceil(q * s.length);
        return s[Math.max(1, Math.min(s.length, rank)) - 1];
    }
}
