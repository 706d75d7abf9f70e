package org.deepfakeedge.export;

import org.deepfakeedge.artifact.ModelArtifact;
import org.deepfakeedge.engine.DjlNetwork;
import org.deepfakeedge.model.ModelSpec;
import org.deepfakeedge.model.Weights;
import org.deepfakeedge.runtime.OrtDetector;

import java.nio.file.Path;

/**
 * Compares an exported ONNX model with the DJL network it came from on a sample batch.
 *
 * <p>Stateless and thread-safe (each call builds its own DJL network and ORT session).
 */
public final class ExportVerifier {
    private ExportVerifier() {}

    /**
     * Runs {@code sampleBatch} through the artifact on DJL and through {@code onnx} on ONNX
     * Runtime.
     *
     * @param a the source artifact
     * @param onnx the exported file
     * @param sampleBatch {@code n} images packed as N·C·H·W normalised floats
     * @param n number of images
     */
    public static ExportCheck verify(ModelArtifact a, Path onnx, float[] sampleBatch, int n) {
        return verify(a.manifest().spec(), a.weights(), onnx, sampleBatch, n);
    }

    /**
     * Like {@link #verify(ModelArtifact, Path, float[], int)} with a spec and weights in memory.
     */
    public static ExportCheck verify(
            ModelSpec spec, Weights weights, Path onnx, float[] sampleBatch, int n) {
        float[] ref;
        try (DjlNetwork net = DjlNetwork.create(spec, weights)) {
            ref = net.logits(sampleBatch, n);
        }
        float[] got;
        try (OrtDetector d = OrtDetector.load(onnx, 1)) {
            got = d.logits(sampleBatch, n);
        }
        return compare(ref, got, n);
    }

    /** Compares two (n, classes) logit arrays. */
    static ExportCheck compare(float[] ref, float[] got, int n) {
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
