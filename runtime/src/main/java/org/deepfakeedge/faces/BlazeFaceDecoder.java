package org.deepfakeedge.faces;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns BlazeFace's raw outputs into scored boxes with keypoints, in pixels of the square input.
 *
 * <p>For anchor {@code i} centred at {@code (ax, ay)} (in [0, 1]) the 16 regressors are {@code dx,
 * dy, w, h} and six keypoints {@code (kx, ky)}, all in input pixels: the box centre is {@code (ax ·
 * S + dx, ay · S + dy)}, its size {@code w × h}, keypoint {@code k} is at {@code (ax · S + kx, ay ·
 * S + ky)}. The score is the logistic of the logit (clipped to ±100, as MediaPipe does). No
 * vertical flip: the network's y grows downwards like the image's. Stateless and thread-safe.
 */
final class BlazeFaceDecoder {

    /** Values per anchor in the box outputs: 4 box + 6 × 2 keypoint coordinates. */
    static final int VALUES_PER_ANCHOR = 16;

    private static final double LOGIT_CLIP = 100;

    private BlazeFaceDecoder() {}

    /**
     * Decodes every anchor whose score is at least {@code scoreThreshold}.
     *
     * @param logits one raw score per anchor
     * @param regressors {@value #VALUES_PER_ANCHOR} values per anchor
     * @param anchors the anchors, in output order
     * @param inputSize side of the square input in pixels
     * @param scoreThreshold lowest kept score, in [0, 1]
     * @return the raw detections, in anchor order; boxes with a side &le; 0 are dropped
     */
    static List<Face> decode(
            float[] logits,
            float[] regressors,
            Anchors anchors,
            int inputSize,
            double scoreThreshold) {
        int n = anchors.size();
        if (logits.length != n || regressors.length != n * VALUES_PER_ANCHOR) {
            throw new IllegalArgumentException(
                    "expected "
                            + n
                            + " scores and "
                            + n * VALUES_PER_ANCHOR
                            + " regressors, found "
                            + logits.length
                            + " and "
                            + regressors.length);
        }
        List<Face> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double score = sigmoid(logits[i]);
            if (!(score >= scoreThreshold)) { // a NaN logit is no detection
                continue;
            }
            int r = i * VALUES_PER_ANCHOR;
            double w = regressors[r + 2];
            double h = regressors[r + 3];
            if (!(w > 0) || !(h > 0)) {
                continue;
            }
            double ax = anchors.x(i) * (double) inputSize;
            double ay = anchors.y(i) * (double) inputSize;
            Box box = Box.ofCenter(ax + regressors[r], ay + regressors[r + 1], w, h);
            List<Keypoint> keypoints = new ArrayList<>(Landmark.values().length);
            for (int k = 0; k < Landmark.values().length; k++) {
                keypoints.add(
                        new Keypoint(
                                ax + regressors[r + 4 + 2 * k], ay + regressors[r + 5 + 2 * k]));
            }
            out.add(new Face(box, score, keypoints));
        }
        return out;
    }

    static double sigmoid(double logit) {
        double clipped = Math.max(-LOGIT_CLIP, Math.min(LOGIT_CLIP, logit));
        return 1 / (1 + Math.exp(-clipped));
    }
}
