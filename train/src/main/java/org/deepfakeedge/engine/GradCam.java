package org.deepfakeedge.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import org.deepfakeedge.explain.Heatmap;
import org.deepfakeedge.model.Layer;
import org.deepfakeedge.model.ModelSpec;

/**
 * Grad-CAM (Selvaraju et al., ICCV 2017) on the DJL engine: where the network's last convolution
 * block saw evidence for "fake".
 *
 * <p>The network is split after its last convolution block: the last {@code conv} (or {@code
 * adapter}) layer and the BatchNorm and ReLU layers right after it, so the feature maps A are the
 * block's rectified output before the following max-pool (as the reference implementation takes
 * VGG-16's last ReLU before its last pool): 14×14 at 224 px for the teacher and student-10, 7×7 for
 * student-40 and student-30, whose last blocks have no pool after them. The trunk runs up to the
 * split; its output, detached, is the leaf whose gradient a {@link GradientCollector} records while
 * the head (pool, flatten, dropout, fully connected layers) runs on it. With g = ∂l_fake/∂A, the
 * gradient of the fake logit (class 1, before softmax; a model's temperature only scales it), the
 * weight of channel k is the spatial mean α_k = mean_{y,x} g_k(y, x), the map is ReLU(Σ_k α_k ·
 * A_k), upsampled bilinearly to the input square (half-pixel centres, clamped at the border: as
 * PyTorch's {@code interpolate(mode="bilinear", align_corners=False)} and OpenCV's {@code resize})
 * and scaled by its maximum ({@link Heatmap#normalised}).
 *
 * <p>Cost: one forward pass of the network and one backward pass through the head only, for the
 * input gradient only (the head's parameters are excluded from the gradient for the call). {@link
 * Heatmap#forwardPasses()} counts forward passes only, so it is 1; the backward pass, which costs
 * about one forward pass of the head (small next to the convolutions), is not counted.
 *
 * <p>Dynamic-linear INT8 layers in the head run with the straight-through gradient ({@link
 * DynamicQuantLinearBlock#apply}): the same logits, and the gradient of the dequantized layer
 * instead of rounding's zero.
 *
 * <p>State: nothing of the network changes. Every layer runs in inference mode (BatchNorm uses and
 * keeps its running statistics, dropout is the identity), every array lives in a scope closed
 * before returning, no parameter gathers a gradient (the head's parameters stop requiring one for
 * the call and are restored after it), so a forward pass after {@link #explain} gives bit for bit
 * the logits it gave before. Thread-safe: calls are serialised on the network (as {@code
 * DjlDetector} does) and gradient collectors are taken through {@link Gradients}.
 */
public final class GradCam {
    /** {@link Heatmap#method()} of a Grad-CAM map. */
    public static final String METHOD = "grad-cam";

    /** The class whose logit is explained: fake. */
    public static final int FAKE_CLASS = 1;

    private final DjlNetwork network;
    private final int split;
    private final ModelSpec.Shape features;

    /**
     * @param network the network to explain; it stays the caller's to close
     * @throws IllegalArgumentException if its spec has no convolution block
     */
    public GradCam(DjlNetwork network) {
        this.network = network;
        this.split = featureLayer(network.spec());
        this.features = network.spec().shapes().get(split + 1);
    }

    /** Returns true if {@code spec} has a convolution block to split at. */
    public static boolean supports(ModelSpec spec) {
        return lastConv(spec) >= 0;
    }

    /**
     * Returns the index of the layer whose output is the feature map: the last {@code conv} or
     * {@code adapter} layer, followed through the BatchNorm and ReLU layers right after it.
     *
     * @throws IllegalArgumentException if the spec has no convolution block
     */
    public static int featureLayer(ModelSpec spec) {
        int i = lastConv(spec);
        if (i < 0) {
            throw new IllegalArgumentException(
                    "Grad-CAM needs a convolution layer; spec " + spec.arch() + " has none");
        }
        List<Layer> layers = spec.layers();
        while (i + 1 < layers.size()
                && (layers.get(i + 1) instanceof Layer.BatchNorm
                        || layers.get(i + 1) instanceof Layer.Relu)) {
            i++;
        }
        return i;
    }

    private static int lastConv(ModelSpec spec) {
        List<Layer> layers = spec.layers();
        for (int i = layers.size() - 1; i >= 0; i--) {
            if (layers.get(i) instanceof Layer.Conv || layers.get(i) instanceof Layer.Adapter) {
                return i;
            }
        }
        return -1;
    }

    /** Returns the name of the layer whose output is explained (for example {@code relu7}). */
    public String featureLayerName() {
        return network.spec().layers().get(split).name();
    }

    /** Returns the shape of the feature maps (channels × height × width). */
    public ModelSpec.Shape featureShape() {
        return features;
    }

    /**
     * What one Grad-CAM computed.
     *
     * @param heatmap the map over the input square, in [0, 1]
     * @param channelWeights α_k per feature channel: the spatial mean of ∂l_fake/∂A_k
     * @param featureMap ReLU(Σ_k α_k · A_k) at the feature maps' resolution, before upsampling and
     *     scaling, row-major
     * @param logits the model's logits for the image (before any temperature)
     */
    public record Result(
            Heatmap heatmap, float[] channelWeights, float[] featureMap, float[] logits) {}

    /** Returns the Grad-CAM map of one preprocessed image. */
    public Heatmap heatmap(float[] tensor) {
        return explain(tensor).heatmap();
    }

    /**
     * Explains one preprocessed image.
     *
     * @param tensor {@code channels · size · size} normalised floats, CHW, as the model's
     *     preprocessor makes them; not modified
     */
    public Result explain(float[] tensor) {
        ModelSpec spec = network.spec();
        int size = spec.imageSize();
        int length = spec.inChannels() * size * size;
        if (tensor.length != length) {
            throw new IllegalArgumentException(
                    "a " + size + "-pixel input has " + length + " floats, found " + tensor.length);
        }
        float[] activations;
        float[] gradient;
        float[] logits;
        synchronized (network) {
            List<Block> children = network.children();
            ParameterStore store = network.store();
            List<NDArray> paused = new ArrayList<>();
            try (NDManager scope = network.newScope()) {
                NDList cur = new NDList(network.input(scope, tensor, 1));
                for (int i = 0; i <= split; i++) {
                    cur = children.get(i).forward(store, cur, false);
                }
                // a leaf: the gradient stops here, nothing flows into the trunk's parameters
                NDArray a = cur.singletonOrThrow().stopGradient();
                a.setRequiresGradient(true);
                pauseHeadGradients(children, paused);
                try (GradientCollector gc = Gradients.collector()) {
                    NDArray out = a;
                    for (int i = split + 1; i < children.size(); i++) {
                        Block b = children.get(i);
                        out =
                                b instanceof DynamicQuantLinearBlock q
                                        ? q.apply(store, out, false, true)
                                        : b.forward(store, new NDList(out), false)
                                                .singletonOrThrow();
                    }
                    logits = out.toFloatArray();
                    gc.backward(out.get(":, " + FAKE_CLASS).sum());
                }
                activations = a.toFloatArray();
                gradient = a.getGradient().toFloatArray();
            } finally {
                for (NDArray p : paused) {
                    p.setRequiresGradient(true);
                }
            }
        }
        return combine(activations, gradient, logits, size);
    }

    /** Stops the head's parameters from requiring a gradient, listing those it changed. */
    private void pauseHeadGradients(List<Block> children, List<NDArray> paused) {
        for (int i = split + 1; i < children.size(); i++) {
            for (Pair<String, Parameter> p : children.get(i).getParameters()) {
                NDArray array = p.getValue().getArray();
                if (array.hasGradient()) {
                    array.setRequiresGradient(false);
                    paused.add(array);
                }
            }
        }
    }

    private Result combine(float[] act, float[] grad, float[] logits, int size) {
        int channels = features.c();
        int h = features.h();
        int w = features.w();
        int plane = h * w;
        float[] alpha = new float[channels];
        for (int k = 0; k < channels; k++) {
            double sum = 0;
            for (int p = 0; p < plane; p++) {
                sum += grad[k * plane + p];
            }
            alpha[k] = (float) (sum / plane);
        }
        float[] cam = new float[plane];
        for (int p = 0; p < plane; p++) {
            double sum = 0;
            for (int k = 0; k < channels; k++) {
                sum += (double) alpha[k] * act[k * plane + p];
            }
            cam[p] = (float) Math.max(0, sum);
        }
        Heatmap map = Heatmap.normalised(size, upsample(cam, h, w, size), METHOD, 1);
        return new Result(map, alpha, cam, logits);
    }

    /**
     * Resizes an {@code h × w} map to {@code size × size} by bilinear interpolation with half-pixel
     * centres: output pixel (x, y) samples the input at ((x + ½)·w/size − ½, (y + ½)·h/size − ½),
     * clamped to the input's border pixels (PyTorch's {@code align_corners=False}). The identity
     * when the sizes agree.
     */
    static float[] upsample(float[] map, int h, int w, int size) {
        int[] x0 = new int[size];
        int[] x1 = new int[size];
        float[] tx = new float[size];
        source(w, size, x0, x1, tx);
        int[] y0 = new int[size];
        int[] y1 = new int[size];
        float[] ty = new float[size];
        source(h, size, y0, y1, ty);
        float[] out = new float[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                float top = map[y0[y] * w + x0[x]] * (1 - tx[x]) + map[y0[y] * w + x1[x]] * tx[x];
                float bottom =
                        map[y1[y] * w + x0[x]] * (1 - tx[x]) + map[y1[y] * w + x1[x]] * tx[x];
                out[y * size + x] = top * (1 - ty[y]) + bottom * ty[y];
            }
        }
        return out;
    }

    private static void source(int in, int out, int[] lo, int[] hi, float[] t) {
        for (int o = 0; o < out; o++) {
            double s = Math.max(0, (o + 0.5) * in / out - 0.5);
            int i = Math.min((int) s, in - 1);
            lo[o] = i;
            hi[o] = Math.min(i + 1, in - 1);
            t[o] = (float) (s - i);
        }
    }
}
