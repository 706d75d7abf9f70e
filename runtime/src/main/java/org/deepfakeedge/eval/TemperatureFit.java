package org.deepfakeedge.eval;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A fitted temperature ({@link TemperatureScaling#fit}) and how calibrated the scores are before (T
 * = 1) and after it, on the samples it was fitted on.
 *
 * <p>JSON: {@code {temperature, iterations, at_bound, before: {temperature, nll, ece, brier},
 * after: {...}}}. Immutable and thread-safe.
 *
 * @param temperature the fitted T, in [{@value TemperatureScaling#MIN_TEMPERATURE}, {@value
 *     TemperatureScaling#MAX_TEMPERATURE}]
 * @param iterations Newton/bisection steps taken (0 when the optimum lies at a bound)
 * @param atBound true if the NLL's optimum lies at or beyond a bound of the range, so T is that
 *     bound (separable data, or scores that carry no information)
 * @param before the scores at T = 1
 * @param after the scores at the fitted T
 */
@JsonPropertyOrder({"temperature", "iterations", "at_bound", "before", "after"})
public record TemperatureFit(
        @JsonProperty("temperature") double temperature,
        @JsonProperty("iterations") int iterations,
        @JsonProperty("at_bound") boolean atBound,
        @JsonProperty("before") Quality before,
        @JsonProperty("after") Quality after) {

    /**
     * How well p = sigmoid(z / T) fits the labels.
     *
     * @param temperature the T the scores were computed with
     * @param nll mean negative log-likelihood (natural log); NaN without samples
     * @param ece expected calibration error over {@value ScoreCalibration#BINS} bins ({@link
     *     ScoreCalibration})
     * @param brier Brier score
     */
    @JsonPropertyOrder({"temperature", "nll", "ece", "brier"})
    public record Quality(
            @JsonProperty("temperature") double temperature,
            @JsonProperty("nll") @NanAsNull double nll,
            @JsonProperty("ece") @NanAsNull double ece,
            @JsonProperty("brier") @NanAsNull double brier) {

        /** Scores logit differences {@code z} at temperature {@code t} against the labels. */
        public static Quality of(float[] z, int[] labels, double t) {
            ScoreCalibration c = ScoreCalibration.of(TemperatureScaling.pFake(z, t), labels);
            return new Quality(t, TemperatureScaling.nll(z, labels, t), c.ece(), c.brier());
        }
    }
}
