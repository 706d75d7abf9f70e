package org.deepfakeedge.runtime;

import java.util.List;
import org.deepfakeedge.data.Sample;
import org.deepfakeedge.data.SkippedFile;

/**
 * Scores of a model on a list of samples, in sample order, bad files left out.
 *
 * @param scores p(class 1) per scored sample
 * @param labels true labels
 * @param generators generator tag per sample ("" when none)
 * @param samples the scored samples
 * @param skipped unreadable files that were skipped
 */
public record DatasetScores(
        float[] scores,
        int[] labels,
        String[] generators,
        List<Sample> samples,
        List<SkippedFile> skipped) {

    /** Mean cross-entropy of the scores, with p clamped to [1e-7, 1−1e-7]. */
    public double crossEntropy() {
        double s = 0;
        for (int i = 0; i < scores.length; i++) {
            double p = Math.min(1 - 1e-7, Math.max(1e-7, scores[i]));
            s -= labels[i] == 1 ? Math.log(p) : Math.log(1 - p);
        }
        return scores.length == 0 ? Double.NaN : s / scores.length;
    }
}
