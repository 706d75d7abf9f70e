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

    /**
     * The logit difference l_1 − l_0 per image from (N, 2) logits laid out row by row: p(class 1)
     * is sigmoid of it.
     *
     * @throws IllegalArgumentException if the logits are not two per image
     */
    static float[] logitDifference(float[] logits, int n) {
        if (n <= 0 || logits.length != 2 * n) {
            throw new IllegalArgumentException(
                    "a logit difference needs 2 logits per image, found "
                            + logits.length
                            + " for "
                            + n
                            + " images");
        }
        float[] z = new float[n];
        for (int i = 0; i < n; i++) {
            z[i] = logits[2 * i + 1] - logits[2 * i];
        }
        return z;
    }

    /**
     * Returns the logits divided by a model's temperature, each as {@code logit / (float) t} in
     * float arithmetic: what the {@code Div} node of an exported calibrated graph computes, so the
     * runtimes agree bit for bit on this step. The same array when {@code t} is 1.
     */
    static float[] temperatureScaled(float[] logits, double t) {
        if (t == 1.0) {
            return logits;
        }
        float ft = (float) t;
        float[] out = new float[logits.length];
        for (int i = 0; i < logits.length; i++) {
            out[i] = logits[i] / ft;
        }
        return out;
    }
}
