package org.deepfakeedge.eval;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What an {@link UnsureBand} costs and buys on labelled scores: how many images are still decided,
 * and how often those decisions are right.
 *
 * <p>JSON: {@code {low, high, n, decided, coverage, accuracy_decided}}; {@code accuracy_decided} is
 * {@code null} when nothing is decided. Immutable and thread-safe.
 *
 * @param low the band's lower edge (included)
 * @param high the band's upper edge (excluded)
 * @param n images scored
 * @param decided images outside the band (given real or fake)
 * @param coverage decided / n, in [0, 1]; NaN without images
 * @param accuracyDecided share of the decided images whose verdict (fake when score ≥ threshold) is
 *     right; NaN when none is decided
 */
@JsonPropertyOrder({"low", "high", "n", "decided", "coverage", "accuracy_decided"})
public record Abstention(
        @JsonProperty("low") double low,
        @JsonProperty("high") double high,
        @JsonProperty("n") long n,
        @JsonProperty("decided") long decided,
        @JsonProperty("coverage") @NanAsNull double coverage,
        @JsonProperty("accuracy_decided") @NanAsNull double accuracyDecided) {

    /**
     * Measures {@code band} on scores at {@code threshold}.
     *
     * @param scores p_fake per image
     * @param labels 0 (real) or 1 (fake), same length
     * @param threshold the model's threshold, inside the band
     * @throws org.deepfakeedge.InvalidInputException if the arrays do not match or the band does
     *     not contain the threshold
     */
    public static Abstention of(float[] scores, int[] labels, double threshold, UnsureBand band) {
        Inputs.check(scores, labels);
        band.checkContains(threshold);
        long decided = 0;
        long right = 0;
        for (int i = 0; i < scores.length; i++) {
            if (band.contains(scores[i])) {
                continue;
            }
            decided++;
            int predicted = scores[i] >= threshold ? 1 : 0;
            right += predicted == labels[i] ? 1 : 0;
        }
        int n = scores.length;
        return new Abstention(
                band.low(),
                band.high(),
                n,
                decided,
                n == 0 ? Double.NaN : (double) decided / n,
                decided == 0 ? Double.NaN : (double) right / decided);
    }
}
