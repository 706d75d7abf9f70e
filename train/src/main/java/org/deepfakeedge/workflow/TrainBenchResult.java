package org.deepfakeedge.workflow;

import java.util.List;
import java.util.Map;
import org.deepfakeedge.provenance.EnvironmentInfo;

/**
 * Training speed measured by {@link TrainBenchmark}.
 *
 * @param spec what was run
 * @param threads engine threads actually used
 * @param imagesPerEpoch training images per epoch
 * @param gflopPerImage floating-point operations of one training image (3 × 2 × the forward
 *     multiply-adds: forward, input gradients and weight gradients)
 * @param epochs per-epoch results, first epoch first
 * @param environment the machine
 * @param engines engine versions and native settings (libtorch, heap, convolution kernels)
 * @param dataSource the folder trained on, or a description of the built-in data
 */
public record TrainBenchResult(
        TrainBenchSpec spec,
        int threads,
        int imagesPerEpoch,
        double gflopPerImage,
        List<Epoch> epochs,
        EnvironmentInfo environment,
        Map<String, String> engines,
        String dataSource) {

    public TrainBenchResult {
        epochs = List.copyOf(epochs);
        engines = Map.copyOf(engines);
    }

    /**
     * One timed epoch.
     *
     * @param epoch 1-based
     * @param seconds training wall time (validation excluded)
     * @param imagesPerSecond training images per second
     * @param gflops achieved GFLOP/s ({@code gflopPerImage × imagesPerSecond})
     * @param phaseSeconds where the time went (see {@code train.PhaseTimer})
     */
    public record Epoch(
            int epoch,
            double seconds,
            double imagesPerSecond,
            double gflops,
            Map<String, Double> phaseSeconds) {
        public Epoch {
            phaseSeconds =
                    java.util.Collections.unmodifiableMap(
                            new java.util.LinkedHashMap<>(phaseSeconds)); // loop order
        }
    }
}
