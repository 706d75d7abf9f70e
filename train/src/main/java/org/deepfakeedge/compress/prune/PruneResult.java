package org.deepfakeedge.compress.prune;

import java.util.LinkedHashMap;
import java.util.Map;
import org.deepfakeedge.model.ModelSpec;
import org.deepfakeedge.model.Tensor;
import org.deepfakeedge.model.Weights;

/**
 * A magnitude-pruned model: its spec (unchanged), weights and the masks that keep pruned weights at
 * zero during fine-tuning. Structured pruning returns a {@link StructuredPruneResult} instead.
 *
 * @param spec the model spec
 * @param weights pruned weights
 * @param masks 0/1 masks per pruned tensor
 */
public record PruneResult(ModelSpec spec, Weights weights, Map<String, Tensor> masks) {

    /** Returns the zero fraction of every masked tensor. */
    public Map<String, Double> sparsity() {
        Map<String, Double> s = new LinkedHashMap<>();
        masks.forEach((k, m) -> s.put(k, 1.0 - (double) m.nonZero() / m.size()));
        return s;
    }
}
