package org.deepfakeedge.compress.quantize;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.deepfakeedge.InvalidInputException;

/**
 * The quantizations the tool makes, under one name each. The name is the {@code quantize --mode}
 * value and the {@code mode} recorded in a model's lineage; the experiment method is {@code
 * quantize-} plus the name. Two other words are not other names for a quantization but name
 * different things: {@code quantized} is the artifact kind (a family, like {@code pruned}), and
 * {@code dynamic_quant_linear} is the layer type that {@link #DYNAMIC_LINEAR} writes into the model
 * spec (one linear layer with int8 weights; kept so existing artifacts load).
 */
public enum QuantizationMode {
    /**
     * The paper's: linear-layer weights to int8 (per-tensor symmetric), activations quantized per
     * row at run time, convolutions in fp32. Produces a model folder.
     */
    DYNAMIC_LINEAR("dynamic-linear"),
    /** Every layer's weights and calibrated activations in int8. Produces an ONNX file. */
    STATIC_INT8("static-int8");

    private final String id;

    QuantizationMode(String id) {
        this.id = id;
    }

    /** The name: {@code dynamic-linear} or {@code static-int8}. */
    public String id() {
        return id;
    }

    /** The experiment method that applies this quantization to a teacher. */
    public String methodName() {
        return "quantize-" + id;
    }

    /** Parses a {@code --mode} value, case-insensitively. */
    public static QuantizationMode parse(String s) {
        for (QuantizationMode m : values()) {
            if (m.id.equals(s == null ? "" : s.strip().toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new InvalidInputException("--mode must be one of " + ids() + ", found " + s);
    }

    /** All names. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(QuantizationMode::id).toList();
    }

    @Override
    public String toString() {
        return id;
    }
}
