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

    /** Compares two (n, classes) logit arrays: the reference's and the export's. */
    public static ExportCheck compare(float[] ref, float[] got, int n) {
        if (ref.length != got.length) {
            throw new ExportException(
                    "DJL gave "
                            + ref.length
                            + " logits, ONNX Runtime "
                            + got.length
                            + " for "
                            + n
                            + " images");
        }
        int classes = ref.length / n;
        double max = 0;
        double scale = 0;
        int same = 0;
        for (int i = 0; i < n; i++) {
            int ra = 0;
            int ga = 0;
            for (int c = 0; c < classes; c++) {
                int k = i * classes + c;
                max = Math.max(max, Math.abs((double) ref[k] - got[k]));
                scale = Math.max(scale, Math.abs(ref[k]));
                if (ref[k] > ref[i * classes + ra]) {
                    ra = c;
                }
                if (got[k] > got[i * classes + ga]) {
                    ga = c;
                }
            }
            if (ra == ga) {
                same++;
            }
        }
        return new ExportCheck(n, max, (double) same / n, scale);
    }
}
