package org.deepfakeedge.export;

import java.util.Map;

/**
 * The whole-model check of an INT8 export with measured layer fallback: batch-1 medians of the fp32
 * model and of each INT8 candidate, timed interleaved in one run. Immutable and thread-safe.
 *
 * @param threads intra-op threads of the timings (those the model is exported for)
 * @param fp32Ms median ms of the fp32 model
 * @param int8Ms median ms of the chosen INT8 model
 * @param chosen the candidate written: {@value MeasuredFallback#MEASURED} (or it with one flagged
 *     layer back to INT8, {@code "measured per layer, conv1 int8"}), {@value
 *     MeasuredFallback#RULE_ONLY} or {@value MeasuredFallback#ALL_FP32}
 * @param candidatesMs median ms of every candidate timed, by name
 */
public record Int8Timing(
        int threads,
        double fp32Ms,
        double int8Ms,
        String chosen,
        Map<String, Double> candidatesMs) {
    /** Copies. */
    public Int8Timing {
        candidatesMs = Map.copyOf(candidatesMs);
    }
}
