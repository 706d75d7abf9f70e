package org.deepfakeedge.engine;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import java.util.List;
import org.deepfakeedge.model.Layer;
import org.deepfakeedge.model.ModelSpec;

/**
 * Builds a DJL {@link SequentialBlock} from a model spec: child {@code i} is spec layer {@code i}.
 *
 * <p>That one-to-one order is what {@link WeightBridge} relies on to move weights between the
 * spec's named tensors and DJL parameters (DJL's lambda blocks do not expose their arguments, so
 * the spec, not the block, is the description of record).
 *
 * <p>Convolutions come from {@link ConvKernelCheck}, which verifies each shape on this CPU
 * (libtorch's oneDNN kernels compute some shapes wrongly on some CPUs).
 */
public final class BlockFactory {
    private BlockFactory() {}

    /** Returns a new, uninitialised block for the spec. */
    public static SequentialBlock build(ModelSpec spec) {
        SequentialBlock seq = new SequentialBlock();
        List<ModelSpec.Shape> shapes = spec.shapes();
        for (int i = 0; i < spec.layers().size(); i++) {
            seq.add(block(spec.layers().get(i), shapes.get(i)));
        }
        return seq;
    }

    /** Returns the input shape for a batch of {@code n} images. */
    public static Shape inputShape(ModelSpec spec, int n) {
        return new Shape(n, spec.inChannels(), spec.imageSize(), spec.imageSize());
    }

    /** Returns the block of layer {@code l}, whose input has shape {@code in}. */
    private static Block block(Layer l, ModelSpec.Shape in) {
        if (l instanceof Layer.Conv c) {
            return ConvKernelCheck.block(c, in.h());
        } else if (l instanceof Layer.BatchNorm) {
            // DJL momentum 0.9 == PyTorch momentum 0.1; eps 1e-5 as PyTorch.
            return BatchNorm.builder().optEpsilon(1e-5f).optMomentum(0.9f).build();
        } else if (l instanceof Layer.Relu) {
            return Activation.reluBlock();
        } else if (l instanceof Layer.MaxPool p) {
            return Pool.maxPool2dBlock(
                    new Shape(p.kernel(), p.kernel()), new Shape(p.stride(), p.stride()));
        } else if (l instanceof Layer.Flatten) {
            return Blocks.batchFlattenBlock();
        } else if (l instanceof Layer.Dropout d) {
            return Dropout.builder().optRate((float) d.rate()).build();
        } else if (l instanceof Layer.Linear f) {
            return Linear.builder().setUnits(f.out()).optBias(f.bias()).build();
        } else if (l instanceof Layer.DynamicQuantLinear q) {
            return new DynamicQuantLinearBlock(q.in(), q.out(), q.bias());
        } else if (l instanceof Layer.Adapter a) {
            int c = a.channels();
            return new SequentialBlock()
                    .add(block(new Layer.Conv(a.name() + ".dw", c, c, 3, 1, 1, c, true), in))
                    .add(block(new Layer.Conv(a.name() + ".pw", c, c, 1, 1, 0, 1, true), in))
                    .add(block(new Layer.BatchNorm(a.name() + ".bn", c), in))
                    .add(Activation.reluBlock());
        }
        throw new IllegalStateException(
                "no DJL block for layer type " + l.getClass().getSimpleName());
    }
}
