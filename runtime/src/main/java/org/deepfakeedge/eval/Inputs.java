package org.deepfakeedge.eval;

import org.deepfakeedge.InvalidInputException;

/** Checks shared by every entry point that takes parallel score and label arrays. */
final class Inputs {
    private Inputs() {}

    /**
     * Checks that scores and labels are non-null, of equal length, scores finite and labels 0/1.
     *
     * @throws InvalidInputException naming the first offending index and value
     */
    static void check(float[] scores, int[] labels) {
        if (scores == null || labels == null) {
            throw new InvalidInputException(
                    "scores and labels must not be null, found scores="
                            + (scores == null ? "null" : "float[" + scores.length + "]")
                            + ", labels="
                            + (labels == null ? "null" : "int[" + labels.length + "]"));
        }
        if (scores.length != labels.length) {
            throw new InvalidInputException(
                    "scores and labels must have the same length, found "
                            + scores.length
                            + " scores and "
                            + labels.length
                            + " labels");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 0 && labels[i] != 1) {
                throw new InvalidInputException(
                        "labels[" + i + "] must be 0 (real) or 1 (fake), found " + labels[i]);
            }
            // NaN would make the ordering of scores undefined and a threshold meaningless.
            if (!Float.isFinite(scores[i])) {
                throw new InvalidInputException(
                        "scores["
                                + i
                                + "] must be finite, found "
                                + scores[i]
                                + "; check the model output for divergence");
            }
        }
    }

    /** Rejects a NaN threshold, which would silently predict every sample real. */
    static void checkThreshold(double threshold) {
        if (Double.isNaN(threshold)) {
            throw new InvalidInputException("threshold must be a number, found NaN");
        }
    }
}
