package org.deepfakeedge.export;

/**
 * How closely an exported ONNX model reproduces the DJL model on one sample batch.
 *
 * <p>Immutable and thread-safe.
 *
 * @param images number of images compared
 * @param maxAbsLogitDiff max |logit_DJL − logit_ORT| over all images and classes
 * @param agreement fraction of images with the same predicted class (argmax), in [0, 1]
 * @param maxAbsLogit max |logit_DJL|: the scale against which the difference is small
 */
public record ExportCheck(
        int images, double maxAbsLogitDiff, double agreement, double maxAbsLogit) {
    /** Returns true if the logits agree within {@code tolerance} and every prediction agrees. */
    public boolean passes(double tolerance) {
        return maxAbsLogitDiff <= tolerance && agreement == 1.0;
    }
}
