package org.deepfakeedge.calibrate;

import org.deepfakeedge.eval.TemperatureFit;

/**
 * What {@link Calibrator#calibrate} did: the fitted temperature and the scores' quality before (the
 * model as it was, with its previous temperature) and after, on the split it was fitted on.
 *
 * <p>JSON ({@code calibrate --json}, snake_case): the components below; {@code before} and {@code
 * after} are {@code {temperature, nll, ece, brier}}. Immutable and thread-safe.
 *
 * @param model the source model folder
 * @param out the folder written (the source folder when in place)
 * @param inPlace true if the source's {@code model.json} was replaced
 * @param data the data set
 * @param split the split fitted on
 * @param n images scored
 * @param skipped unreadable images skipped
 * @param temperature the fitted temperature, now in the artifact
 * @param previousTemperature the temperature the model had (1 if uncalibrated)
 * @param atBound true if the fit stopped at a bound of [0.05, 20] (see {@link TemperatureFit})
 * @param thresholdBefore the decision threshold before
 * @param thresholdAfter the threshold on the calibrated p_fake, giving the same verdicts
 * @param before NLL, ECE and Brier score with the previous temperature
 * @param after the same with the fitted temperature
 * @param artifactId the calibrated artifact's id
 */
public record CalibrationResult(
        String model,
        String out,
        boolean inPlace,
        String data,
        String split,
        int n,
        int skipped,
        double temperature,
        double previousTemperature,
        boolean atBound,
        double thresholdBefore,
        double thresholdAfter,
        TemperatureFit.Quality before,
        TemperatureFit.Quality after,
        String artifactId) {}
