package org.deepfakeedge.bench;

/**
 * The measured speed of one model on one runtime at one batch size. Immutable and thread-safe.
 *
 * <p>Latencies are per image: the time of one batch divided by the batch size.
 *
 * @param model the model as given (path or zoo name)
 * @param runtime {@code djl} or {@code onnx}
 * @param precision {@code fp32}, or {@code int8} if the model has quantized layers
 * @param imageSize input size in pixels
 * @param batch images per inference call
 * @param threads intra-op threads the runtime used
 * @param p50Millis median latency per image, ms
 * @param p95Millis 95th-percentile latency per image (nearest rank), ms
 * @param imagesPerSecond throughput at the median: 1000 / p50
 * @param gflops achieved GFLOP/s at the median: 2 × multiply-adds per image / p50
 * @param modelBytes bytes on disk (artifact, .onnx file) or fp32 parameter bytes for zoo names
 * @param multiplyAdds multiply-adds of one forward pass of one image
 */
public record BenchResult(
        String model,
        String runtime,
        String precision,
        int imageSize,
        int batch,
        int threads,
        double p50Millis,
        double p95Millis,
        double imagesPerSecond,
        double gflops,
        long modelBytes,
        long multiplyAdds) {

    /** Returns {@code model/runtime}, the row's label. */
    public String label() {
        return model + "/" + runtime;
    }
}
