package org.deepfakeedge.eval;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A detector's results on perturbed images (JPEG, resize, blur, ...) next to its results on the
 * same images unperturbed, at the clean evaluation's threshold.
 *
 * <p>The threshold stays the clean one on purpose: a deployed detector does not re-tune its
 * threshold per upload channel, so {@code recallAtThreshold} and {@code flipped} show what a user
 * would see. JSON keys: {@code perturbation, n, accuracy, roc_auc, recall_at_threshold, flipped}; a
 * NaN {@code roc_auc} is written as {@code null}. Immutable and thread-safe.
 *
 * @param perturbation the perturbation's name, e.g. {@code jpeg:75}
 * @param n images scored both clean and perturbed
 * @param accuracy accuracy on the perturbed images at the clean threshold, in [0, 1]
 * @param rocAuc ROC-AUC on the perturbed images; NaN without both classes
 * @param recallAtThreshold share of fakes still detected at the clean threshold, 0 without fakes
 * @param flipped share of images whose verdict (fake when score &ge; threshold) differs from the
 *     clean image's, in [0, 1]
 */
@JsonPropertyOrder({"perturbation", "n", "accuracy", "roc_auc", "recall_at_threshold", "flipped"})
public record RobustnessMetrics(
        @JsonProperty("perturbation") String perturbation,
        @JsonProperty("n") long n,
        @JsonProperty("accuracy") double accuracy,
        @JsonProperty("roc_auc") @NanAsNull double rocAuc,
        @JsonProperty("recall_at_threshold") double recallAtThreshold,
        @JsonProperty("flipped") double flipped) {

    /** Checks ranges. */
    public RobustnessMetrics {
        if (perturbation == null || perturbation.isBlank()) {
            throw new IllegalArgumentException("perturbation must be named");
        }
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, found " + n);
        }
        Evaluation.checkUnit("accuracy", accuracy);
        Evaluation.checkUnitOrNaN("rocAuc", rocAuc);
        Evaluation.checkUnit("recallAtThreshold", recallAtThreshold);
        Evaluation.checkUnit("flipped", flipped);
    }

    /**
     * Compares the scores of perturbed images with those of the same images clean.
     *
     * @param perturbation the perturbation's name
     * @param clean scores of the clean images
     * @param perturbed scores of the same images perturbed, in the same order
     * @param labels 0 (real) or 1 (fake), same order
     * @param threshold the clean evaluation's threshold; fake when {@code score >= threshold}
     * @return the metrics
     * @throws org.deepfakeedge.InvalidInputException if the arrays differ in length, a score is not
     *     finite, a label is not 0/1 or the threshold is NaN
     */
    public static RobustnessMetrics of(
            String perturbation, float[] clean, float[] perturbed, int[] labels, double threshold) {
        Inputs.check(perturbed, labels);
        Inputs.check(clean, labels);
        Inputs.checkThreshold(threshold);
        ConfusionMatrix confusion = ConfusionMatrix.at(perturbed, labels, threshold);
        long flips = 0;
        for (int i = 0; i < clean.length; i++) {
            if ((clean[i] >= threshold) != (perturbed[i] >= threshold)) {
                flips++;
            }
        }
        return new RobustnessMetrics(
                perturbation,
                labels.length,
                confusion.accuracy(),
                RocCurve.compute(perturbed, labels).auc(),
                confusion.recall(),
                labels.length == 0 ? 0 : (double) flips / labels.length);
    }
}
