package org.deepfakeedge.bench;

import java.util.List;
import org.deepfakeedge.provenance.EnvironmentInfo;

/**
 * The result of a {@link LatencyBenchmark} run: the machine and one row per model × runtime × batch
 * size, the first row being the reference for ratios. Immutable and thread-safe.
 *
 * @param environment the machine (CPU model and SIMD flags, cores)
 * @param results rows in the order models × runtimes × batch sizes
 */
public record BenchReport(EnvironmentInfo environment, List<BenchResult> results) {
    public BenchReport {
        results = List.copyOf(results);
    }
}
