package org.deepfakeedge.compress.quantize;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.model.Layer;
import org.deepfakeedge.model.ModelSpec;
import org.deepfakeedge.model.Tensor;
import org.deepfakeedge.model.Weights;

/**
 * The paper's quantization: post-training dynamic INT8 of the linear layers only.
 *
 * <p>Each linear weight W gets one symmetric scale s = max|W| / 127.5 and integer weights q =
 * clamp(round(W/s), −128, 127); biases stay float32, convolutions stay float32, and activations are
 * quantized at run time ({@link Layer.DynamicQuantLinear}). The weights file stores q as one byte
 * each. Dequantized, every weight is within one step s of the original (half a step except where
 * clamping at +127 costs up to one). Use it to shrink the head of a VGG-style model; it does not
 * touch the convolutions, which dominate compute — full INT8 comes with the ONNX export. Stateless
 * and thread-safe.
 */
public final class DynamicLinearQuantizer {
    private DynamicLinearQuantizer() {}

    /** The paper's divisor: s = max|W| / 127.5. */
    public static final double DIVISOR = 127.5;

    /** Quantizes every linear layer of the model. */
    public static QuantizeResult quantize(ModelSpec spec, Weights weights) {
        List<Layer> layers = new ArrayList<>();
        Weights out = new Weights();
        Map<String, Double> scales = new LinkedHashMap<>();
        for (Layer l : spec.layers()) {
            if (l instanceof Layer.Linear f) {
                layers.add(new Layer.DynamicQuantLinear(f.name(), f.in(), f.out(), f.bias()));
            } else {
                layers.add(l);
            }
        }
        if (layers.stream().noneMatch(l -> l instanceof Layer.DynamicQuantLinear)) {
            throw new InvalidInputException(
                    "model "
                            + spec.arch()
                            + " has no float linear layer to quantize (already quantized?)");
        }
        for (String key : weights.keys()) {
            String layer = key.substring(0, key.lastIndexOf('.'));
            boolean linearWeight =
                    key.endsWith(".weight") && spec.layer(layer) instanceof Layer.Linear;
            if (linearWeight) {
                Tensor w = weights.get(key);
                float max = 0;
                for (float v : w.data()) {
                    max = Math.max(max, Math.abs(v));
                }
                double s = max == 0 ? 1.0 : max / DIVISOR;
                Tensor q = Tensor.zeros(w.shape());
                for (int i = 0; i < w.size(); i++) {
                    q.data()[i] =
                            (float) Math.max(-128, Math.min(127, Math.round(w.data()[i] / s)));
                }
                out.put(key, q);
                out.put(
                        layer + ".weight_scale",
                        new Tensor(new int[] {1}, new float[] {(float) s}));
                scales.put(layer, s);
            } else {
                out.put(key, weights.get(key).copy());
            }
        }
        ModelSpec q =
                new ModelSpec(
                        spec.arch(),
                        spec.imageSize(),
                        spec.inChannels(),
                        spec.numClasses(),
                        layers);
        Weights ordered = new Weights();
        for (String k : Weights.expectedShapes(q).keySet()) {
            ordered.put(k, out.get(k));
        }
        return new QuantizeResult(q, ordered, scales);
    }

    /** Returns the dequantized weights q·s of a quantized layer. */
    public static Tensor dequantize(Weights weights, String layer) {
        Tensor q = weights.get(layer + ".weight");
        float s = weights.get(layer + ".weight_scale").data()[0];
        Tensor w = Tensor.zeros(q.shape());
        for (int i = 0; i < q.size(); i++) {
            w.data()[i] = q.data()[i] * s;
        }
        return w;
    }
}
