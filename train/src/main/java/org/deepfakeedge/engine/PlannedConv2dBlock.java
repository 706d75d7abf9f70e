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
 * A 2-D convolution run the way its {@link ConvPlan} says: its input converted to the plan's memory
 * layout, and, with an alignment, its channel counts zero-padded to a multiple of it (input,
 * weights and bias padded, the padded outputs sliced off again).
 *
 * <p>Why: libtorch 2.7.1 runs convolutions of batches larger than one on its bundled oneDNN 3.7.1
 * (whatever DJL's {@code use_mkldnn} says), and on an AMD EPYC (Zen 5, AVX-512 with BF16 and VNNI,
 * under a hypervisor that reports no cache topology) some shapes come out wrong. In NCHW layout:
 * 3×3 convolutions with 17–79 input channels that are not a multiple of 16 are off by up to 0.4
 * (forward, values changing between runs: oneDNN's own channel padding is read uninitialised);
 * input gradients are wrong or NaN when the output channels are not a multiple of 16, and for
 * stride 2 with 48 or 80 input channels. In channels-last layout those are all right, but grouped
 * convolutions with two outputs per group (student-10's 32→64 and 64→128) are wrong. PyTorch's own
 * kernel (oneDNN off) is right in every case; {@link ConvKernelCheck} measures which plan agrees
 * with it for each shape. Padded channels are zeros, so the result is the same convolution: forward
 * and all gradients equal the unpadded ones, and the weights stay stored and trained at their real
 * shape ({@code out, in/groups, k, k}) under DJL's names {@code weight} and {@code bias}.
 *
 * <p>Cost: converting the layout copies the input when the previous layer left it in the other one;
 * padding concatenates the input and the weights and computes the padded channels' FLOPs. Inputs
 * below 16 channels (the RGB first layer) take oneDNN's plain first-layer path and are never
 * padded. Only dense (groups 1) convolutions are padded.
 *
 * <p>A depthwise plan runs a convolution with one input channel per group and {@code m > 1} outputs
 * per group (group {@code g} makes outputs {@code g·m … g·m+m−1} from input {@code g}) as a
 * depthwise convolution over the input with each channel repeated {@code m} times: the same sums,
 * and autograd adds the repeated channels' gradients back together. oneDNN's depthwise kernel is
 * right where its multiplier-2 grouped one is wrong, and 2–4× faster than the NCHW grouped kernel
 * (student-10's 32→64 and 64→128, batch 32, forward and backward: 28 → 8 ms and 14 → 4 ms); the
 * cost is one copy of the input. Not thread-safe, like every DJL block.
 */
final class PlannedConv2dBlock extends AbstractBlock {
    private final Layer.Conv conv;
    private final ConvPlan plan;
    private final int paddedIn;
    private final int paddedOut;
    private final Parameter weight;
    private final Parameter bias;

    PlannedConv2dBlock(Layer.Conv conv, ConvPlan plan) {
        if (plan.alignment() != 0 && !pads(conv, plan.alignment())) {
            throw new IllegalArgumentException(
                    conv.name() + " needs no padding to " + plan.alignment() + " channels");
        }
        if (plan.depthwise() && !expandsToDepthwise(conv)) {
            throw new IllegalArgumentException(
                    conv.name()
                            + " is not a grouped convolution with one input channel"
                            + " and several outputs per group");
        }
        this.conv = conv;
        this.plan = plan;
        this.paddedIn = plan.alignment() == 0 ? conv.in() : alignIn(conv.in(), plan.alignment());
        this.paddedOut = plan.alignment() == 0 ? conv.out() : align(conv.out(), plan.alignment());
        int k = conv.kernel();
        weight =
                addParameter(
                        Parameter.builder()
                                .setName("weight")
                                .setType(Parameter.Type.WEIGHT)
                                .optShape(new Shape(conv.out(), conv.in() / conv.groups(), k, k))
                                .build());
        bias =
                conv.bias()
                        ? addParameter(
                                Parameter.builder()
                                        .setName("bias")
                                        .setType(Parameter.Type.BIAS)
                                        .optShape(new Shape(conv.out()))
                                        .build())
                        : null;
    }

    /** Returns the plan this block runs. */
    ConvPlan plan() {
        return plan;
    }

    /**
     * Returns true if aligning {@code conv} to {@code alignment} channels changes it: a dense
     * convolution whose input channels (when at least 16) or output channels are not multiples of
     * {@code alignment}.
     */
    static boolean pads(Layer.Conv conv, int alignment) {
        return conv.groups() == 1
                && (alignIn(conv.in(), alignment) != conv.in()
                        || align(conv.out(), alignment) != conv.out());
    }

    /**
     * Returns true if {@code conv} has one input channel and several output channels per group, so
     * that a depthwise plan can run it.
     */
    static boolean expandsToDepthwise(Layer.Conv conv) {
        return conv.groups() > 1
                && conv.groups() == conv.in()
                && conv.out() > conv.in()
                && conv.out() % conv.in() == 0;
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
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray x = MemoryFormat.toLayout(inputs.singletonOrThrow(), plan.layout());
        NDManager m = x.getManager();
        NDArray w = store.getValue(weight, x.getDevice(), training);
        NDArray b = bias == null ? null : store.getValue(bias, x.getDevice(), training);
        int k = conv.kernel();
        int groups = conv.groups();
        if (plan.depthwise()) {
            x = repeatChannels(x, conv.out() / conv.in(), plan.layout());
            groups = conv.out();
        }
        if (paddedIn != conv.in()) {
            Shape s = x.getShape();
            NDArray zeros =
                    MemoryFormat.toLayout(
                            m.zeros(
                                    new Shape(s.get(0), paddedIn - conv.in(), s.get(2), s.get(3)),
                                    x.getDataType()),
                            plan.layout());
            x = x.concat(zeros, 1);
            w =
                    w.concat(
                            m.zeros(
                                    new Shape(conv.out(), paddedIn - conv.in(), k, k),
                                    w.getDataType()),
                            1);
        }
        if (paddedOut != conv.out()) {
            w =
                    w.concat(
                            m.zeros(
                                    new Shape(paddedOut - conv.out(), paddedIn, k, k),
                                    w.getDataType()),
                            0);
            if (b != null) {
                b = b.concat(m.zeros(new Shape(paddedOut - conv.out()), b.getDataType()), 0);
            }
        }
        NDArray y =
                Conv2d.conv2d(
                                x,
                                w,
                                b,
                                new Shape(conv.stride(), conv.stride()),
                                new Shape(conv.padding(), conv.padding()),
                                new Shape(1, 1),
                                groups)
                        .singletonOrThrow();
        if (paddedOut != conv.out()) {
            y = y.get(new NDIndex(":, 0:" + conv.out()));
        }
        return new NDList(y);
    }

    /**
     * Returns {@code x} (N, C, H, W) with each channel repeated {@code times} times in place
     * (channel {@code c} becomes {@code c·times … c·times+times−1}), stored in {@code layout}: one
     * copy, made by broadcasting a trailing axis of the layout's innermost dimension order.
     */
    private static NDArray repeatChannels(NDArray x, int times, String layout) {
        Shape s = x.getShape();
        long n = s.get(0);
        long c = s.get(1);
        long h = s.get(2);
        long w = s.get(3);
        if (layout.equals(MemoryFormat.NCHW)) {
            return x.reshape(n, c, 1, h, w)
                    .broadcast(new Shape(n, c, times, h, w))
                    .reshape(n, c * times, h, w);
        }
        // x is a channels-last view: its NHWC transpose is contiguous, and so is the copy made here
        return x.transpose(0, 2, 3, 1)
                .reshape(n, h, w, c, 1)
                .broadcast(new Shape(n, h, w, c, times))
                .reshape(n, h, w, c * times)
                .transpose(0, 3, 1, 2);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        long oh = (in.get(2) + 2L * conv.padding() - conv.kernel()) / conv.stride() + 1;
        long ow = (in.get(3) + 2L * conv.padding() - conv.kernel()) / conv.stride() + 1;
        return new Shape[] {new Shape(in.get(0), conv.out(), oh, ow)};
    }
}
