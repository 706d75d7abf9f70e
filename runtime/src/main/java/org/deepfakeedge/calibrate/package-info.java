/**
 * Calibrating a model artifact: fit a logit temperature on held-out data ({@link
 * org.deepfakeedge.eval.TemperatureScaling}) and store it in the artifact, so that every runtime's
 * p_fake is a probability ({@link org.deepfakeedge.calibrate.Calibrator}, {@code deepfake-edge
 * calibrate}).
 */
package org.deepfakeedge.calibrate;
