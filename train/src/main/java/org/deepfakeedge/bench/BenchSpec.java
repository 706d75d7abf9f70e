package org.deepfakeedge.bench;

import java.util.List;
import java.util.Locale;
import org.deepfakeedge.InvalidInputException;

/**
 * What {@link LatencyBenchmark} measures: models × runtimes × batch sizes.
 *
 * <p>Immutable and thread-safe. The compact constructor validates every value and names the
 * command-line option in its message.
 *
 * @param models model artifact folders, exported {@code .onnx} files or zoo names; the first is the
 *     reference for ratios
 * @param runtime {@code djl}, {@code onnx} or {@code both}; {@code both} runs an {@code .onnx} file
 *     on onnx only
 * @param imageSize input size for zoo names (artifacts and .onnx files keep their own)
 * @param batches batch sizes, each ≥ 1
 * @param threads intra-op threads per runtime, 0 = all cores
 * @param warmup untimed iterations per configuration, ≥ 0
 * @param iterations timed iterations per configuration, ≥ 1
 * @param seed seed of the random input batches and zoo weights
 */
public record BenchSpec(
        List<String> models,
        String runtime,
        int imageSize,
        List<Integer> batches,
        int threads,
        int warmup,
        int iterations,
        long seed) {

    /** Runtimes accepted by {@link #runtime}. */
    public static final List<String> RUNTIMES = List.of("djl", "onnx", "both");

    public BenchSpec {
        models = List.copyOf(models);
        batches = List.copyOf(batches);
        runtime = runtime == null ? "" : runtime.toLowerCase(Locale.ROOT);
        if (models.isEmpty()) {
            throw new InvalidInputException("--model is required");
        }
        if (!RUNTIMES.contains(runtime)) {
            throw new InvalidInputException(
                    "--runtime must be djl, onnx or both, found '" + runtime + "'");
        }
        if (imageSize < 32 || imageSize % 32 != 0) {
            throw new InvalidInputException(
                    "--image-size must be a positive multiple of 32, found " + imageSize);
        }
        if (batches.isEmpty()) {
            throw new InvalidInputException("--batch needs at least one batch size");
        }
        for (int b : batches) {
            if (b < 1) {
                throw new InvalidInputException("--batch sizes must be ≥ 1, found " + b);
            }
        }
        if (threads < 0) {
            throw new InvalidInputException(
                    "--threads must be ≥ 0 (0 = all cores), found " + threads);
        }
        if (warmup < 0) {
            throw new InvalidInputException("--warmup must be ≥ 0, found " + warmup);
        }
        if (iterations < 1) {
            throw new InvalidInputException("--iterations must be ≥ 1, found " + iterations);
        }
    }

    /** Returns the runtimes to try, in order: djl then onnx. */
    public List<String> runtimes() {
        return "both".equals(runtime) ? List.of("djl", "onnx") : List.of(runtime);
    }
}
