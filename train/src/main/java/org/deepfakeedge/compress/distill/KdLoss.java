package org.deepfakeedge.compress.distill;

import ai.djl.ndarray.NDArray;
import org.deepfakeedge.train.Losses;

/**
 * The response-based knowledge-distillation loss (Hinton et al., <a
 * href="https://arxiv.org/abs/1503.02531">arXiv:1503.02531</a>), as paper-facts §2.
 *
 * <p>L = w · T² · KL(softmax(z_t/T) ‖ softmax(z_s/T)) + (1 − w) · CE(z_s, y), the KL divergence
 * averaged over the batch and computed with log-softmax on both sides for stability. T² keeps the
 * soft term's gradients on the same scale as the hard term's when T changes (the paper's Eq. 4
 * prints 1/T² over the whole sum; the usual and coded form is used). Use a smaller w when the
 * teacher is weak on the data, e.g. when it was trained on another task.
 */
public final class KdLoss {
    private KdLoss() {}

    /** The loss on DJL arrays: student logits (N,C), teacher logits (N,C), int labels (N). */
    public static NDArray loss(
            NDArray student, NDArray teacher, NDArray labels, double temperature, double weight) {
        float t = (float) temperature;
        NDArray logPs = student.div(t).logSoftmax(1);
        NDArray logPt = teacher.div(t).logSoftmax(1);
        NDArray kl = logPt.exp().mul(logPt.sub(logPs)).sum(new int[] {1}).mean();
        NDArray ce = Losses.crossEntropy(student, labels);
        return kl.mul((float) (weight * temperature * temperature))
                .add(ce.mul((float) (1 - weight)));
    }

    /** The same loss in plain Java, for checking by hand; logits are row-major (N, classes). */
    public static double loss(
            float[] student,
            float[] teacher,
            int[] labels,
            int classes,
            double temperature,
            double weight) {
        int n = labels.length;
        double kl = 0;
        double ce = 0;
        for (int i = 0; i < n; i++) {
            double[] ls = logSoftmax(student, i, classes, temperature);
            double[] lt = logSoftmax(teacher, i, classes, temperature);
            for (int c = 0; c < classes; c++) {
                kl += Math.exp(lt[c]) * (lt[c] - ls[c]);
            }
            ce -= logSoftmax(student, i, classes, 1)[labels[i]];
        }
        return weight * temperature * temperature * kl / n + (1 - weight) * ce / n;
    }

    private static double[] logSoftmax(float[] z, int row, int classes, double t) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            max = Math.max(max, z[row * classes + c] / t);
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            sum += Math.exp(z[row * classes + c] / t - max);
        }
        double[] out = new double[classes];
        for (int c = 0; c < classes; c++) {
            out[c] = z[row * classes + c] / t - max - Math.log(sum);
        }
        return out;
    }
}
