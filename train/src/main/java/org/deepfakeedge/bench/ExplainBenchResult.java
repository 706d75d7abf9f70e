package org.deepfakeedge.bench;

import org.deepfakeedge.provenance.EnvironmentInfo;

/**
 * What an {@link ExplainBenchmark} run measured for one model: a forward pass at batch 1 and a
 * Grad-CAM map on DJL, a forward pass at batch 1 and an occlusion map on the occlusion's runtime,
 * all interleaved in one run. Immutable and thread-safe.
 *
 * @param environment the machine (CPU model and SIMD flags, cores)
 * @param model the model as given
 * @param precision {@code fp32}, or {@code int8} if the model has quantized layers
 * @param imageSize input size in pixels
 * @param forward a forward pass of one image on DJL, or null when Grad-CAM was not measured
 * @param gradCam a Grad-CAM map of one image on DJL (tensor in, map out), or null when not measured
 *     (an ONNX file, {@code --runtime onnx})
 * @param gradCamLayer the layer whose output Grad-CAM weighs ({@code relu8}), or null
 * @param gradCamFeatures the shape of its feature maps ({@code [128×14×14]}), or null
 * @param occlusionForward a forward pass of one image on the occlusion's runtime (the same
 *     measurement as {@code forward} when both are DJL)
 * @param occlusion an occlusion map of one image (its masks in batches)
 * @param occlusionForwardPasses images the occlusion map runs forward: masks + the clean image
 */
public record ExplainBenchResult(
        EnvironmentInfo environment,
        String model,
        String precision,
        int imageSize,
        Timing forward,
        Timing gradCam,
        String gradCamLayer,
        String gradCamFeatures,
        Timing occlusionForward,
        Timing occlusion,
        int occlusionForwardPasses) {

    /** Forward passes a Grad-CAM map counts (its backward pass through the head is not one). */
    public static final int GRAD_CAM_FORWARD_PASSES = 1;

    /**
     * One measured operation.
     *
     * @param runtime {@code djl} or {@code onnx}
     * @param threads intra-op threads the runtime used
     * @param p50Millis median latency, ms
     * @param p95Millis 95th-percentile latency (nearest rank), ms
     */
    public record Timing(String runtime, int threads, double p50Millis, double p95Millis) {}

    /** Returns Grad-CAM's median latency over a forward pass's, or NaN if not measured. */
    public double gradCamRatio() {
        return gradCam == null ? Double.NaN : gradCam.p50Millis() / forward.p50Millis();
    }

    /**
     * Returns the occlusion map's median latency over a forward pass's on its runtime: the forward
     * passes it costs in time (less than {@link #occlusionForwardPasses} when batching pays).
     */
    public double occlusionRatio() {
        return occlusion.p50Millis() / occlusionForward.p50Millis();
    }
}
