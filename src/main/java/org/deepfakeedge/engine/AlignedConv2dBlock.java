package org.deepfakeedge.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.deepfakeedge.model.Layer;

/**
 * A 2-D convolution that hands libtorch's oneDNN kernels channel counts rounded up to a multiple
 * of an alignment, zero-padding the input, the weights and the bias, and slicing the padded
 * outputs off again.
 *
 * <p>Why: libtorch 2.7.1 runs convolutions of batches larger than one on its bundled oneDNN 3.7.1
 * (whatever DJL's {@code use_mkldnn} says), in blocked layouts of 16 channels (8 with AVX2). On an
 * AMD EPYC (Zen 5, AVX-512 with BF16 and VNNI, under a hypervisor that reports no cache topology)
 * some channel counts come out wrong: 3×3 convolutions with 19, 38 or 77 input channels by up to
 * 0.4 (forward, values changing between runs: oneDNN's own channel padding is read uninitialised),
 * input gradients for output channels that are not a multiple of 16 (wrong or NaN), and stride-2
 * input gradients for 48 or 80 input channels. PyTorch's own kernel (oneDNN off) is right there,
 * and so is the same convolution with the channels padded explicitly, as here. {@link
 * ConvKernelCheck} measures which shapes need it. The padded channels are zeros, so the result is
 * the same convolution: forward and all gradients equal the unpadded ones, and the weights stay
 * stored and trained at their real shape ({@code out, in, k, k}).
 *
 * <p>Cost: one concatenation of the input and the weights per call, and the padded channels'
 * FLOPs (which oneDNN's blocked layout computes anyway up to the next 16). Input channel counts
 * below 16 (the RGB first layer) take oneDNN's plain-layout first-layer path and are never padded.
 * Dense (groups 1) convolutions only. Not thread-safe, like every DJL block.
 */
final class AlignedConv2dBlock extends AbstractBlock {
    private final Layer.Conv conv;
    private final int paddedIn;
    private final int paddedOut;
    private final Parameter weight;
    private final Parameter bias;

    /**
     * Creates the block; {@code alignment} must change at least one channel count of {@code conv}
     * (see {@link #pads(Layer.Conv, int)}).
     */
    AlignedConv2dBlock(Layer.Conv conv, int alignment) {
        if (!pads(conv, alignment)) {
            throw new IllegalArgumentException(conv.name() + " needs no padding to " + alignment + " channels");
        }
        this.conv = conv;
        this.paddedIn = alignIn(conv.in(), alignment);
        this.paddedOut = align(conv.out(), alignment);
        int k = conv.kernel();
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(conv.out(), conv.in(), k, k)).build());
        bias = conv.bias()
                ? addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                        .optShape(new Shape(conv.out())).build())
                : null;
    }

    /**
     * Returns true if aligning {@code conv} to {@code alignment} channels changes it: a dense
     * convolution whose input channels (when at least 16) or output channels are not multiples of
     * {@code alignment}.
     */
    static boolean pads(Layer.Conv conv, int alignment) {
        return conv.groups() == 1
                && (alignIn(conv.in(), alignment) != conv.in() || align(conv.out(), alignment) != conv.out());
    }

    private static int align(int channels, int alignment) {
        return (channels + alignment - 1) / alignment * alignment;
    }

    /** Inputs below 16 channels take oneDNN's plain-layout first-layer path: left as they are. */
    private static int alignIn(int channels, int alignment) {
        return channels < 16 ? channels : align(channels, alignment);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDManager m = x.getManager();
        NDArray w = store.getValue(weight, x.getDevice(), training);
        NDArray b = bias == null ? null : store.getValue(bias, x.getDevice(), training);
        long n = x.getShape().get(0);
        long h = x.getShape().get(2);
        long wd = x.getShape().get(3);
        int k = conv.kernel();
        if (paddedIn != conv.in()) {
            x = x.concat(m.zeros(new Shape(n, paddedIn - conv.in(), h, wd), x.getDataType()), 1);
            w = w.concat(m.zeros(new Shape(conv.out(), paddedIn - conv.in(), k, k), w.getDataType()), 1);
        }
        if (paddedOut != conv.out()) {
            w = w.concat(m.zeros(new Shape(paddedOut - conv.out(), paddedIn, k, k), w.getDataType()), 0);
            if (b != null) {
                b = b.concat(m.zeros(new Shape(paddedOut - conv.out()), b.getDataType()), 0);
            }
        }
        NDArray y = Conv2d.conv2d(x, w, b,
                        new Shape(conv.stride(), conv.stride()),
                        new Shape(conv.padding(), conv.padding()),
                        new Shape(1, 1),
                        1)
                .singletonOrThrow();
        if (paddedOut != conv.out()) {
            y = y.get(new NDIndex(":, 0:" + conv.out()));
        }
        return new NDList(y);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        long oh = (in.get(2) + 2L * conv.padding() - conv.kernel()) / conv.stride() + 1;
        long ow = (in.get(3) + 2L * conv.padding() - conv.kernel()) / conv.stride() + 1;
        return new Shape[] {new Shape(in.get(0), conv.out(), oh, ow)};
    }
}
