package org.deepfakeedge.runtime;

/** Turns a batch of preprocessed images into p(class 1) scores. */
@FunctionalInterface
public interface Scorer {
    /**
     * Returns one score per image.
     *
     * @param batch {@code n} images packed as N·C·H·W normalised floats
     * @param n number of images
     */
    float[] scores(float[] batch, int n);

    /** Softmax probability of class 1 from (N, 2) logits laid out row by row. */
    static float[] softmaxClass1(float[] logits, int n) {
        int classes = logits.length / n;
        float[] p = new float[n];
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, logits[i * classes + c]);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += Math.exp(logits[i * classes + c] - max);
            }
            p[i] = (float) (Math.exp(logits[i * classes + 1] - max) / sum);
        }
        return p;
    }
}
