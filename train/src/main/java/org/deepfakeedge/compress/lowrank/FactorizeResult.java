package org.deepfakeedge.compress.lowrank;

import org.deepfakeedge.model.ModelSpec;
import org.deepfakeedge.model.Weights;

/**
 * A factorized model.
 *
 * @param spec new spec (the layer replaced by {@code NAME_v} → {@code NAME_u})
 * @param weights new weights
 * @param layer the factorized layer
 * @param rank k
 * @param retainedEnergy Σᵢ≤ₖ sᵢ² / Σ sᵢ²
 * @param paramsBefore the layer's parameters before (m·n + m)
 * @param paramsAfter after (n·k + k·m + m)
 */
public record FactorizeResult(
        ModelSpec spec,
        Weights weights,
        String layer,
        int rank,
        double retainedEnergy,
        long paramsBefore,
        long paramsAfter) {}
