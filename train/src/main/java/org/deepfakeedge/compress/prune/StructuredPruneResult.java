package org.deepfakeedge.compress.prune;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deepfakeedge.model.ModelSpec;
import org.deepfakeedge.model.Weights;

/**
 * A structurally pruned model: a smaller dense spec and its weights. Immutable maps; the weights
 * are a fresh object owned by the caller.
 *
 * @param spec the reduced spec (arch {@code <original>-structured})
 * @param weights weights that fit {@code spec} exactly
 * @param keptPerLayer pruned layer → filters (conv) or neurons (linear) it kept, in spec order
 * @param skipped conv or linear layer left intact → one-line reason, in spec order
 */
public record StructuredPruneResult(
        ModelSpec spec,
        Weights weights,
        Map<String, Integer> keptPerLayer,
        Map<String, String> skipped) {

    public StructuredPruneResult {
        keptPerLayer = Collections.unmodifiableMap(new LinkedHashMap<>(keptPerLayer));
        skipped = Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
    }
}
