package org.deepfakeedge.compress.quantize;

import java.util.Map;
import org.deepfakeedge.model.ModelSpec;
import org.deepfakeedge.model.Weights;

/**
 * A quantized model.
 *
 * @param spec the spec with quantized layers
 * @param weights weights (integer-valued tensors for quantized weights, plus their scales)
 * @param scales per quantized layer, its weight scale
 */
public record QuantizeResult(ModelSpec spec, Weights weights, Map<String, Double> scales) {}
