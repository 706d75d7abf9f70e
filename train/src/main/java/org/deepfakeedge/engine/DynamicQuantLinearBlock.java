package org.deepfakeedge.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * DJL block for {@link org.deepfakeedge.model.Layer.DynamicQuantLinear}: int8 weights, int8
 * activations quantized per input row at run time, y = (x_q · qᵀ) · s_x · s_w + b.
 *
 * <p>The integer products are summed in float32; with |x_q|, |q| ≤ 128 and up to 6272 inputs the
 * sums stay below 1.1e8, where float32 rounds by at most a few units in the last place: the same
 * arithmetic as an int32 accumulator up to that rounding. Used for inference only (and for
 * Grad-CAM's input gradients, with the straight-through gradient of {@link #apply}).
 */
final class DynamicQuantLinearBlock extends AbstractBlock {
    private final int out;
    private final Parameter weight;
    private final Parameter scale;
    private final Parameter bias;

    DynamicQuantLinearBlock(int in, int out, boolean hasBias) {
        this.out = out;
        weight =
                addParameter(
                        Parameter.builder()
                                .setName("weight")
                                .setType(Parameter.Type.WEIGHT)
                                .optShape(new Shape(out, in))
                                .optInitializer(Initializer.ZEROS)
                                .build());
        scale =
                addParameter(
                        Parameter.builder()
                                .setName("weight_scale")
                                .setType(Parameter.Type.OTHER)
                                .optShape(new Shape(1))
                                .optInitializer(Initializer.ONES)
                                .optRequiresGrad(false)
                                .build());
        bias =
                hasBias
                        ? addParameter(
                                Parameter.builder()
                                        .setName("bias")
                                        .setType(Parameter.Type.BIAS)
                                        .optShape(new Shape(out))
                                        .optInitializer(Initializer.ZEROS)
                                        .build())
                        : null;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        return new NDList(apply(store, inputs.singletonOrThrow(), training, false));
    }

    /**
     * Runs the layer on {@code x} (N, in).
     *
     * @param straightThrough false for the layer as it is; true for the same values with the
     *     straight-through gradient: rounding and the activation scale s_x pass no gradient of
     *     their own, so the input gradient is that of the dequantized layer, x·(q·s_w)ᵀ + b
     *     (rounding's true gradient is zero almost everywhere, which would leave Grad-CAM nothing
     *     to weigh). The values are bit for bit those of the plain layer: x_s + (r − x_s), with r =
     *     clip(round(x_s)) and |r − x_s| ≤ 0.5, is exact in float arithmetic (Sterbenz).
     */
    NDArray apply(ParameterStore store, NDArray x, boolean training, boolean straightThrough) {
        NDArray q = store.getValue(weight, x.getDevice(), training);
        NDArray sw = store.getValue(scale, x.getDevice(), training);
        NDArray sx = x.abs().max(new int[] {1}, true).div(127f).maximum(1e-12f);
        NDArray xq;
        if (straightThrough) {
            sx = sx.stopGradient();
            NDArray xs = x.div(sx);
            xq = xs.add(xs.round().clip(-127, 127).sub(xs).stopGradient());
        } else {
            xq = x.div(sx).round().clip(-127, 127);
        }
        NDArray y = xq.matMul(q.transpose()).mul(sx).mul(sw);
        if (bias != null) {
            y = y.add(store.getValue(bias, x.getDevice(), training));
        }
        return y;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), out)};
    }
}
