package org.deepfakeedge.eval;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Metrics on the samples of one generator (one fake source, e.g. a GAN or diffusion model).
 *
 * <p>The subset may include the shared reals (see {@link BinaryMetrics#evaluate}), so {@code nReal}
 * tells whether the row measures both classes. Decisions use the evaluation's threshold. JSON keys:
 * {@code n, n_fake, n_real, accuracy, precision, recall, f1, roc_auc}; a NaN {@code roc_auc} is
 * written as {@code null}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param n samples in the subset, {@code nFake + nReal}
 * @param nFake fake samples in the subset, {@code >= 0}
 * @param nReal real samples in the subset, {@code >= 0}
 * @param accuracy accuracy at the evaluation's threshold, in [0, 1]
 * @param precision precision at the evaluation's threshold, in [0, 1]
 * @param recall recall (detection rate of this generator's fakes), in [0, 1]
 * @param f1 F1 at the evaluation's threshold, in [0, 1]
 * @param rocAuc ROC-AUC of the subset in [0, 1]; NaN without both classes
 */
@JsonPropertyOrder({"n", "n_fake", "n_real", "accuracy", "precision", "recall", "f1", "roc_auc"})
public record GeneratorMetrics(
        @JsonProperty("n") long n,
        @JsonProperty("n_fake") long nFake,
        @JsonProperty("n_real") long nReal,
        @JsonProperty("accuracy") double accuracy,
        @JsonProperty("precision") double precision,
        @JsonProperty("recall") double recall,
        @JsonProperty("f1") double f1,
        @JsonProperty("roc_auc") @NanAsNull double rocAuc) {

    /** Checks counts and ranges. */
    public GeneratorMetrics {
        if (nFake < 0 || nReal < 0 || n != nFake + nReal) {
            throw new IllegalArgumentException(
                    "counts must satisfy n = nFake + nReal >= 0, found n="
                            + n
                            + ", nFake="
                            + nFake
                            + ", nReal="
                            + nReal);
        }
        Evaluation.checkUnit("accuracy", accuracy);
        Evaluation.checkUnit("precision", precision);
        Evaluation.checkUnit("recall", recall);
        Evaluation.checkUnit("f1", f1);
        Evaluation.checkUnitOrNaN("rocAuc", rocAuc);
    }

    /**
     * Builds the row from the subset's confusion counts and ROC-AUC.
     *
     * @param confusion the subset's counts at the evaluation's threshold
     * @param rocAuc the subset's ROC-AUC, NaN without both classes
     * @return the row
     */
    public static GeneratorMetrics of(ConfusionMatrix confusion, double rocAuc) {
        return new GeneratorMetrics(
                confusion.n(),
                confusion.positives(),
                confusion.negatives(),
                confusion.accuracy(),
                confusion.precision(),
                confusion.recall(),
                confusion.f1(),
                rocAuc);
    }
}
