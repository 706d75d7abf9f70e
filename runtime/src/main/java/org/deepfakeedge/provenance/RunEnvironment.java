package org.deepfakeedge.provenance;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a step ran: the machine, the engines' versions and settings, and the engine's threads.
 *
 * <p>JSON: {@code {machine, engines, threads}}. The runtime module knows no engine: the training
 * code fills {@code engines} (DJL, PyTorch, native heap, memory format, convolution kernels) and
 * {@code threads} (libtorch's intra-op threads).
 *
 * @param machine Java, OS, CPU and its SIMD flags, cores
 * @param engines engine facts by name, in insertion order
 * @param threads intra-op threads of the training engine, null where not recorded (experiment
 *     results of schema 1)
 */
public record RunEnvironment(
        EnvironmentInfo machine, Map<String, String> engines, @JsonOptional Integer threads) {

    public RunEnvironment {
        engines =
                engines == null
                        ? Map.of()
                        : Collections.unmodifiableMap(new LinkedHashMap<>(engines));
    }

    /** This machine with the given engine facts. */
    public static RunEnvironment current(Map<String, String> engines, int threads) {
        return new RunEnvironment(EnvironmentInfo.current(), engines, threads);
    }
}
