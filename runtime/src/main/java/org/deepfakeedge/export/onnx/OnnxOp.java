package org.deepfakeedge.export.onnx;

/**
 * The ONNX operators the exporter emits, with their ONNX type names and input arity.
 *
 * <p>Modeled on Tribuo's {@code ONNXOperators}: a closed set of operators keeps the graph builder
 * from emitting an op that the opset or the runtime does not know. Immutable and thread-safe.
 */
public enum OnnxOp {
    /** 2-D convolution: X, W, optional B. */
    CONV("Conv", 2, 3),
    /** Inference batch normalisation: X, scale, B, mean, var. */
    BATCH_NORMALIZATION("BatchNormalization", 5, 5),
    /** Rectified linear unit. */
    RELU("Relu", 1, 1),
    /** Max pooling. */
    MAX_POOL("MaxPool", 1, 1),
    /** Flatten to 2-D at an axis. */
    FLATTEN("Flatten", 1, 1),
    /** General matrix multiply: A, B, optional C. */
    GEMM("Gemm", 2, 3),
    /** Element-wise division with broadcasting: A, B (a calibrated model's logits by T). */
    DIV("Div", 2, 2),
    /**
     * Dequantization (per tensor, or per axis with {@code axis}): x, scale, optional zero point.
     */
    DEQUANTIZE_LINEAR("DequantizeLinear", 2, 3),
    /** Quantization (per tensor, or per axis with {@code axis}): x, scale, optional zero point. */
    QUANTIZE_LINEAR("QuantizeLinear", 2, 3),
    /**
     * Quantized convolution (QOperator form, written by {@link QOperatorRewrite}): x, x scale, x
     * zero point, w, w scale, w zero point, y scale, y zero point, optional int32 bias.
     */
    QLINEAR_CONV("QLinearConv", 8, 9);

    private final String opType;
    private final int minInputs;
    private final int maxInputs;

    OnnxOp(String opType, int minInputs, int maxInputs) {
        this.opType = opType;
        this.minInputs = minInputs;
        this.maxInputs = maxInputs;
    }

    /** Returns the ONNX {@code op_type}. */
    public String opType() {
        return opType;
    }

    /** Checks an input count against the operator's arity. */
    void checkArity(int inputs) {
        if (inputs < minInputs || inputs > maxInputs) {
            throw new IllegalArgumentException(
                    opType + " takes " + minInputs + ".." + maxInputs + " inputs, found " + inputs);
        }
    }
}
