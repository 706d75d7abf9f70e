package org.deepfakeedge.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One layer of a model spec: the unit that both runtimes (DJL for training, ONNX for deployment)
 * are built from.
 *
 * <p>Layers are immutable records serialised to JSON with a {@code "type"} field. Every layer has a
 * name that is unique inside its spec; weights are stored under {@code name + "." + param}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Layer.Conv.class, name = "conv"),
    @JsonSubTypes.Type(value = Layer.BatchNorm.class, name = "batchnorm"),
    @JsonSubTypes.Type(value = Layer.Relu.class, name = "relu"),
    @JsonSubTypes.Type(value = Layer.MaxPool.class, name = "maxpool"),
    @JsonSubTypes.Type(value = Layer.Flatten.class, name = "flatten"),
    @JsonSubTypes.Type(value = Layer.Dropout.class, name = "dropout"),
    @JsonSubTypes.Type(value = Layer.Linear.class, name = "linear"),
    @JsonSubTypes.Type(value = Layer.DynamicQuantLinear.class, name = "dynamic_quant_linear"),
    @JsonSubTypes.Type(value = Layer.Adapter.class, name = "adapter"),
})
public sealed interface Layer {

    /** Returns the layer's unique name inside its spec. */
    String name();

    /**
     * A 2-D convolution, NCHW, square kernel.
     *
     * @param in input channels
     * @param out output channels (filters)
     * @param kernel kernel height = width
     * @param groups channel groups; in and out must both be divisible by it
     */
    record Conv(
            String name,
            int in,
            int out,
            int kernel,
            int stride,
            int padding,
            int groups,
            boolean bias)
            implements Layer {
        public Conv {
            requireName(name);
            positive(name, "in", in);
            positive(name, "out", out);
            positive(name, "kernel", kernel);
            positive(name, "stride", stride);
            positive(name, "groups", groups);
            if (padding < 0) {
                throw new InvalidSpecException(name + ": padding must be >= 0, found " + padding);
            }
            if (in % groups != 0 || out % groups != 0) {
                throw new InvalidSpecException(
                        name
                                + ": in ("
                                + in
                                + ") and out ("
                                + out
                                + ") channels must be divisible by groups ("
                                + groups
                                + ")");
            }
        }

        /** A 3×3, stride 1, padding 1 convolution with bias: the paper's {@code C(i,o)}. */
        public static Conv c3(String name, int in, int out) {
            return new Conv(name, in, out, 3, 1, 1, 1, true);
        }

        /** Number of weights: out · in/groups · k². */
        public long weightCount() {
            return (long) out * (in / groups) * kernel * kernel;
        }
    }

    /**
     * Batch normalisation over channels (PyTorch semantics: eps 1e-5, running-average momentum
     * 0.1).
     */
    record BatchNorm(String name, int channels) implements Layer {
        public BatchNorm {
            requireName(name);
            positive(name, "channels", channels);
        }
    }

    /** Rectified linear unit. */
    record Relu(String name) implements Layer {
        public Relu {
            requireName(name);
        }
    }

    /** Max pooling with a square window and no padding. */
    record MaxPool(String name, int kernel, int stride) implements Layer {
        public MaxPool {
            requireName(name);
            positive(name, "kernel", kernel);
            positive(name, "stride", stride);
        }
    }

    /** Flattens C,H,W into one feature axis (C-major, as PyTorch's {@code flatten(1)}). */
    record Flatten(String name) implements Layer {
        public Flatten {
            requireName(name);
        }
    }

    /** Dropout with drop probability {@code rate} in [0, 1); identity at inference. */
    record Dropout(String name, double rate) implements Layer {
        public Dropout {
            requireName(name);
            if (!(rate >= 0 && rate < 1)) {
                throw new InvalidSpecException(name + ": rate must be in [0,1), found " + rate);
            }
        }
    }

    /** A fully connected layer y = x·Wᵀ + b with W of shape (out, in). */
    record Linear(String name, int in, int out, boolean bias) implements Layer {
        public Linear {
            requireName(name);
            positive(name, "in", in);
            positive(name, "out", out);
        }
    }

    /**
     * A linear layer with int8 weights and dynamically quantized int8 activations (PyTorch's
     * post-training dynamic quantization, the paper's §3 quantization).
     *
     * <p>Weights are stored as integers q ∈ [−128, 127] with one per-tensor scale s_w ({@code
     * weight_scale}); at run time each input row x gets s_x = max|x|/127 and x_q = round(x/s_x) ∈
     * [−127, 127], and y = (x_q · qᵀ) · s_x · s_w + b. Per-row activation scales keep an image's
     * result independent of the batch it is in.
     */
    record DynamicQuantLinear(String name, int in, int out, boolean bias) implements Layer {
        public DynamicQuantLinear {
            requireName(name);
            positive(name, "in", in);
            positive(name, "out", out);
        }
    }

    /**
     * The paper's adapter (§4): depthwise 3×3 conv (groups = C, bias, padding 1) → pointwise 1×1
     * conv (C→C, bias) → BatchNorm → ReLU, no residual, shape preserving.
     *
     * <p>Inserted into a frozen network and trained alone, it adapts the features to a new task
     * with C·9 + C + C·C + C + 2C trainable parameters. Weights: {@code dw.weight} (C,1,3,3),
     * {@code dw.bias}, {@code pw.weight} (C,C,1,1), {@code pw.bias}, {@code bn.gamma}, {@code
     * bn.beta}, {@code bn.running_mean}, {@code bn.running_var}.
     */
    record Adapter(String name, int channels) implements Layer {
        public Adapter {
            requireName(name);
            positive(name, "channels", channels);
        }
    }

    private static void requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidSpecException("every layer needs a non-empty name");
        }
    }

    private static void positive(String layer, String field, int value) {
        if (value <= 0) {
            throw new InvalidSpecException(layer + ": " + field + " must be > 0, found " + value);
        }
    }
}
