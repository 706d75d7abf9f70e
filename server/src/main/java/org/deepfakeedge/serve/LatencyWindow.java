package org.deepfakeedge.serve;

import java.util.Arrays;

/**
 * The model's inference time per image in this service, over its last {@value #CAPACITY}
 * micro-batches: each batch's time divided by its images. What the web page's model card shows as
 * latency (measured here, on this machine and load, not copied from a benchmark). Thread-safe.
 */
final class LatencyWindow {
    static final int CAPACITY = 256;

    private final double[] millis = new double[CAPACITY];
    private long count;

    /** Records one successful micro-batch of {@code images} images that took {@code nanos}. */
    synchronized void batch(int images, long nanos) {
        if (images > 0) {
            millis[(int) (count++ % CAPACITY)] = nanos / 1e6 / images;
        }
    }

    /**
     * Returns {p50, p95, batches} of the per-image time in milliseconds (nearest rank), or null
     * before the first batch.
     */
    synchronized double[] summary() {
        int n = (int) Math.min(count, CAPACITY);
        if (n == 0) {
            return null;
        }
        double[] sorted = Arrays.copyOf(millis, n);
        Arrays.sort(sorted);
        return new double[] {rank(sorted, 0.50), rank(sorted, 0.95), n};
    }

    private static double rank(double[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
