package org.deepfakeedge.faces;

import java.util.Objects;

/**
 * How a {@link FaceDetector} runs. Immutable.
 *
 * @param model which bundled network
 * @param scoreThreshold lowest score a raw detection needs, in [0, 1]; default {@value
 *     #DEFAULT_SCORE_THRESHOLD} (MediaPipe's for its short-range model)
 * @param iouThreshold IoU above which weighted NMS merges two detections, in [0, 1]; default
 *     {@value #DEFAULT_IOU_THRESHOLD} (MediaPipe's)
 * @param threads ONNX Runtime intra-op threads; 0 means all available cores
 */
public record FaceDetectorOptions(
        BlazeFaceModel model, double scoreThreshold, double iouThreshold, int threads) {

    /** The default score threshold. */
    public static final double DEFAULT_SCORE_THRESHOLD = 0.5;

    /** The default weighted-NMS IoU threshold. */
    public static final double DEFAULT_IOU_THRESHOLD = 0.3;

    /** Checks the options. */
    public FaceDetectorOptions {
        Objects.requireNonNull(model, "model");
        if (!(scoreThreshold >= 0 && scoreThreshold <= 1)) {
            throw new IllegalArgumentException(
                    "scoreThreshold must be in [0, 1], found " + scoreThreshold);
        }
        if (!(iouThreshold >= 0 && iouThreshold <= 1)) {
            throw new IllegalArgumentException(
                    "iouThreshold must be in [0, 1], found " + iouThreshold);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0, found " + threads);
        }
    }

    /**
     * The defaults: {@link BlazeFaceModel#FRONT_128}, score {@value #DEFAULT_SCORE_THRESHOLD}, IoU
     * {@value #DEFAULT_IOU_THRESHOLD}, all cores.
     *
     * @return the defaults
     */
    public static FaceDetectorOptions defaults() {
        return new FaceDetectorOptions(
                BlazeFaceModel.FRONT_128, DEFAULT_SCORE_THRESHOLD, DEFAULT_IOU_THRESHOLD, 0);
    }

    /**
     * Returns these options with another model.
     *
     * @param newModel the model
     * @return the options
     */
    public FaceDetectorOptions withModel(BlazeFaceModel newModel) {
        return new FaceDetectorOptions(newModel, scoreThreshold, iouThreshold, threads);
    }

    /**
     * Returns these options with another score threshold.
     *
     * @param newThreshold the threshold
     * @return the options
     */
    public FaceDetectorOptions withScoreThreshold(double newThreshold) {
        return new FaceDetectorOptions(model, newThreshold, iouThreshold, threads);
    }

    /**
     * Returns these options with another NMS IoU threshold.
     *
     * @param newThreshold the threshold
     * @return the options
     */
    public FaceDetectorOptions withIouThreshold(double newThreshold) {
        return new FaceDetectorOptions(model, scoreThreshold, newThreshold, threads);
    }

    /**
     * Returns these options with another thread count.
     *
     * @param newThreads intra-op threads, 0 for all cores
     * @return the options
     */
    public FaceDetectorOptions withThreads(int newThreads) {
        return new FaceDetectorOptions(model, scoreThreshold, iouThreshold, newThreads);
    }
}
