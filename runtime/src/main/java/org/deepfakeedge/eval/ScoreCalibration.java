package org.deepfakeedge.eval;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;
import org.deepfakeedge.InvalidInputException;

/**
 * How well a detector's p_fake matches the observed share of fakes: expected calibration error,
 * Brier score and the reliability diagram, over {@value #BINS} equal-width bins.
 *
 * <p>Definitions (binary reliability of P(fake); the confidence is p_fake, the score of the
 * positive class, not the larger of p and 1 − p). Bin {@code b} ({@code b = 0..14}) holds the
 * scores in {@code [b/15, (b+1)/15)}, the last bin {@code [14/15, 1]} including 1. With {@code n_b}
 * samples in bin {@code b}, {@code mean(p)_b} their mean score and {@code mean(label)_b} their
 * share of fakes:
 *
 * <pre>
 * ECE   = Σ_b (n_b / n) · |mean(label)_b − mean(p)_b|     (empty bins contribute 0)
 * Brier = (1/n) · Σ_i (p_i − y_i)²                          (y = 1 for fake, 0 for real)
 * </pre>
 *
 * <p>Both are in [0, 1], 0 being perfect. A model can rank perfectly (ROC-AUC 1) and still be badly
 * calibrated, e.g. if every fake scores 0.6 and every real 0.4; what a user reads as "80% fake" is
 * only meaningful when the ECE is small.
 *
 * <p>JSON: {@code {ece, brier, bins, reliability: [{lo, hi, n, mean_p, fraction_fake}, ...]}}, one
 * entry per bin, empty bins included with {@code mean_p} and {@code fraction_fake} {@code null}.
 * Immutable and thread-safe.
 *
 * @param ece expected calibration error in [0, 1]; NaN without samples
 * @param brier Brier score in [0, 1]; NaN without samples
 * @param bins number of bins, {@value #BINS}
 * @param reliability one entry per bin, in order of {@code lo}
 */
@JsonPropertyOrder({"ece", "brier", "bins", "reliability"})
public record ScoreCalibration(
        @JsonProperty("ece") @NanAsNull double ece,
        @JsonProperty("brier") @NanAsNull double brier,
        @JsonProperty("bins") int bins,
        @JsonProperty("reliability") List<Bin> reliability) {

    /** Number of equal-width bins over [0, 1] (the usual choice since Guo et al., 2017). */
    public static final int BINS = 15;

    /** Copies the bins and checks that there are {@code bins} of them. */
    public ScoreCalibration {
        reliability = List.copyOf(reliability);
        if (reliability.size() != bins) {
            throw new IllegalArgumentException(
                    "reliability must have one entry per bin: "
                            + bins
                            + " bins, found "
                            + reliability.size());
        }
    }

    /**
     * One bin of the reliability diagram.
     *
     * @param lo lower edge (included)
     * @param hi upper edge (excluded, except 1 for the last bin)
     * @param n samples whose score falls in the bin
     * @param meanP mean score of those samples; NaN when {@code n = 0}
     * @param fractionFake share of fakes among them; NaN when {@code n = 0}
     */
    @JsonPropertyOrder({"lo", "hi", "n", "mean_p", "fraction_fake"})
    public record Bin(
            @JsonProperty("lo") double lo,
            @JsonProperty("hi") double hi,
            @JsonProperty("n") long n,
            @JsonProperty("mean_p") @NanAsNull double meanP,
            @JsonProperty("fraction_fake") @NanAsNull double fractionFake) {}

    /**
     * Computes the calibration of scores against labels.
     *
     * @param scores p_fake per sample, in [0, 1]
     * @param labels 0 (real) or 1 (fake), same length
     * @return the calibration; ECE and Brier are NaN when there are no samples
     * @throws InvalidInputException if the arrays differ in length, a label is not 0/1, or a score
     *     is not a probability
     */
    public static ScoreCalibration of(float[] scores, int[] labels) {
        Inputs.check(scores, labels);
        long[] count = new long[BINS];
        double[] sumP = new double[BINS];
        long[] fakes = new long[BINS];
        double squares = 0;
        for (int i = 0; i < scores.length; i++) {
            double p = scores[i];
            if (p < 0 || p > 1) {
                throw new InvalidInputException(
                        "scores["
                                + i
                                + "] must be a probability in [0, 1] for calibration, found "
                                + p
                                + "; calibration needs p_fake, not a logit");
            }
            int b = bin(p);
            count[b]++;
            sumP[b] += p;
            fakes[b] += labels[i];
            squares += (p - labels[i]) * (p - labels[i]);
        }
        int n = scores.length;
        double ece = 0;
        List<Bin> reliability = new ArrayList<>(BINS);
        for (int b = 0; b < BINS; b++) {
            double meanP = count[b] == 0 ? Double.NaN : sumP[b] / count[b];
            double fraction = count[b] == 0 ? Double.NaN : (double) fakes[b] / count[b];
            if (count[b] > 0) {
                ece += (double) count[b] / n * Math.abs(fraction - meanP);
            }
            reliability.add(new Bin(edge(b), edge(b + 1), count[b], meanP, fraction));
        }
        return new ScoreCalibration(
                n == 0 ? Double.NaN : ece, n == 0 ? Double.NaN : squares / n, BINS, reliability);
    }

    /** The bin of {@code p}, decided against the exact edges b/15 rather than p·15's rounding. */
    static int bin(double p) {
        int b = Math.min((int) Math.floor(p * BINS), BINS - 1);
        if (b > 0 && p < edge(b)) {
            b--;
        } else if (b < BINS - 1 && p >= edge(b + 1)) {
            b++;
        }
        return b;
    }

    private static double edge(int b) {
        return (double) b / BINS;
    }
}
