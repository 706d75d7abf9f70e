package org.deepfakeedge.compress.prune;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.model.Layer;
import org.deepfakeedge.model.ModelSpec;
import org.deepfakeedge.model.Tensor;
import org.deepfakeedge.model.Weights;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * L1-norm structured pruning: removes whole convolution filters and hidden linear neurons and
 * rewires the layers that read them, giving a smaller <em>dense</em> model.
 *
 * <p>This goes beyond the paper (Karathanasis et al., <a
 * href="https://doi.org/10.3390/math13050887">Mathematics 13(5) 887, 2025</a>), which prunes
 * unstructured: zeroed weights keep every tensor its full size, so a dense runtime is no faster.
 * Here the spec itself shrinks, so the multiply-adds, the parameter count and the weights file all
 * drop on any runtime, without sparse kernels.
 *
 * <p>Criterion: a filter (or neuron) {@code j} of a layer with weight W scores its L1 norm
 * ‖W<sub>j</sub>‖₁ = Σ |W[j, …]| over its whole weight row (conv: in/groups · k · k values; linear:
 * in values); the bias is not scored. Each prunable layer keeps the {@code max(1, round(keep ·
 * out))} highest-scoring rows (ties: lower index first), in their original order. All decisions use
 * the original weights, so they do not depend on the order layers are visited.
 *
 * <p>Which layers are pruned. A conv with {@code groups == 1} is pruned when its output reaches,
 * through BatchNorm, ReLU, max-pool and dropout layers only, either a conv with {@code groups == 1}
 * or a flatten followed (through ReLU/dropout) by a linear layer. Pruning filter c removes the
 * conv's weight row c and bias c, entry c of every BatchNorm on the way (γ, β, running mean and
 * variance), and input channel c of the next conv, or for flatten → linear the linear's input
 * columns c·H·W + i, i &lt; H·W, with H×W the spatial size at the flatten. A linear layer is pruned
 * when its output reaches another linear layer through ReLU/dropout only: its rows and bias entries
 * go, and so do the next linear's input columns. Everything else is kept intact and reported in
 * {@link StructuredPruneResult#skipped()}: grouped or depthwise convs (their filters are tied to
 * channel groups), convs that feed a grouped conv, and the output (logit) layer.
 *
 * <p>Use it when the deployed model must really be faster or smaller on a dense runtime (ONNX,
 * DJL), and fine-tune afterwards: removing filters changes the function and costs accuracy that a
 * few epochs of training on the pruned spec recover. No masks are needed, since nothing pruned is
 * left in the model. Stateless and thread-safe.
 */
public final class StructuredPruner {
    private static final Logger LOG = LoggerFactory.getLogger(StructuredPruner.class);

    /** Suffix appended to the architecture name of the pruned spec. */
    public static final String ARCH_SUFFIX = "-structured";

    private StructuredPruner() {}

    /**
     * Prunes whole filters and hidden neurons; the inputs are not modified.
     *
     * @param spec the model
     * @param weights its weights, matching {@code spec}
     * @param keep fraction of filters / neurons kept in every prunable layer, in (0,1]
     * @return the smaller spec ({@code arch + "-structured"}), its weights, the kept count of every
     *     pruned layer and the reason for every conv or linear layer left intact
     * @throws InvalidInputException if {@code keep} is outside (0,1]
     * @throws org.deepfakeedge.model.InvalidSpecException if the weights do not fit the spec
     */
    public static StructuredPruneResult prune(ModelSpec spec, Weights weights, double keep) {
        if (!(keep > 0 && keep <= 1)) {
            throw new InvalidInputException("--keep must be in (0,1], found " + keep);
        }
        weights.checkAgainst(spec);
        List<Layer> layers = spec.layers();
        List<ModelSpec.Shape> shapes = spec.shapes();
        int n = layers.size();
        int[][] outKeep = new int[n][]; // kept output channels / features per layer, null: all
        int[][] inKeep = new int[n][]; // kept input channels / features per layer, null: all
        Map<String, Integer> kept = new LinkedHashMap<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            Layer l = layers.get(i);
            if (!(l instanceof Layer.Conv || l instanceof Layer.Linear)) {
                continue;
            }
            Route route = route(layers, shapes, i);
            if (route.skipReason() != null) {
                skipped.put(l.name(), route.skipReason());
                continue;
            }
            Tensor w = weights.get(l.name() + ".weight");
            int[] rows = strongestRows(w, Math.max(1, (int) Math.round(keep * w.shape()[0])));
            outKeep[i] = rows;
            for (int b : route.batchNorms()) {
                outKeep[b] = rows;
            }
            inKeep[route.consumer()] = expand(rows, route.featuresPerChannel());
            kept.put(l.name(), rows.length);
        }

        List<Layer> resized = new ArrayList<>(n);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < n; i++) {
            resized.add(resize(layers.get(i), outKeep[i], inKeep[i]));
            index.put(layers.get(i).name(), i);
        }
        ModelSpec pruned =
                new ModelSpec(
                        spec.arch() + ARCH_SUFFIX,
                        spec.imageSize(),
                        spec.inChannels(),
                        spec.numClasses(),
                        resized);
        Weights out = new Weights();
        for (String key : Weights.expectedShapes(spec).keySet()) {
            int dot = key.lastIndexOf('.');
            int i = index.get(key.substring(0, dot));
            boolean weight = key.substring(dot + 1).equals("weight");
            out.put(key, slice(weights.get(key), outKeep[i], weight ? inKeep[i] : null));
        }
        LOG.debug(
                "structured pruning of {} at keep {}: kept {}, skipped {}; {} -> {} parameters",
                spec.arch(),
                keep,
                kept,
                skipped.keySet(),
                spec.parameterCount(),
                pruned.parameterCount());
        return new StructuredPruneResult(pruned, out, kept, skipped);
    }

    /**
     * Where a conv or linear layer's output goes.
     *
     * @param consumer index of the layer that reads the output
     * @param batchNorms indices of the BatchNorm layers on the way
     * @param featuresPerChannel consumer inputs per producer output (H·W after a flatten, else 1)
     * @param skipReason non-null if the producer cannot be pruned
     */
    private record Route(
            int consumer, List<Integer> batchNorms, int featuresPerChannel, String skipReason) {
        static Route skip(String reason) {
            return new Route(-1, List.of(), 1, reason);
        }
    }

    private static Route route(List<Layer> layers, List<ModelSpec.Shape> shapes, int producer) {
        Layer p = layers.get(producer);
        if (p instanceof Layer.Conv c && c.groups() != 1) {
            return Route.skip(
                    "grouped convolution (groups=" + c.groups() + "): filters tied to groups");
        }
        boolean conv = p instanceof Layer.Conv;
        List<Integer> batchNorms = new ArrayList<>();
        int perChannel = 1;
        boolean flattened = false;
        for (int j = producer + 1; j < layers.size(); j++) {
            Layer l = layers.get(j);
            if (l instanceof Layer.Relu
                    || l instanceof Layer.Dropout
                    || (conv && l instanceof Layer.MaxPool)) {
                continue; // acts per channel: nothing to rewire
            } else if (conv && l instanceof Layer.BatchNorm) {
                batchNorms.add(j);
            } else if (conv && l instanceof Layer.Flatten) {
                ModelSpec.Shape s = shapes.get(j); // the flatten's input
                perChannel *= s.h() * s.w(); // 1 on an already flat vector
                flattened = true;
            } else if (l instanceof Layer.Conv next) {
                return next.groups() == 1
                        ? new Route(j, batchNorms, perChannel, null)
                        : Route.skip("feeds grouped convolution " + next.name());
            } else if (l instanceof Layer.Linear && (!conv || flattened)) {
                return new Route(j, batchNorms, perChannel, null);
            } else {
                return Route.skip("feeds " + l.name() + ", which cannot be rewired");
            }
        }
        return Route.skip("output layer: its outputs are the logits");
    }

    /** Returns the indices of the {@code count} rows of largest L1 norm, in ascending order. */
    private static int[] strongestRows(Tensor w, int count) {
        int rows = w.shape()[0];
        int len = w.size() / rows;
        double[] norm = new double[rows];
        float[] d = w.data();
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int k = r * len; k < (r + 1) * len; k++) {
                s += Math.abs(d[k]);
            }
            norm[r] = s;
        }
        return IntStream.range(0, rows)
                .boxed()
                .sorted(
                        Comparator.<Integer>comparingDouble(r -> norm[r])
                                .reversed()
                                .thenComparingInt(r -> r))
                .limit(count)
                .mapToInt(Integer::intValue)
                .sorted()
                .toArray();
    }

    /** Maps kept channels to kept flattened features c·perChannel + i. */
    private static int[] expand(int[] channels, int perChannel) {
        if (perChannel == 1) {
            return channels;
        }
        int[] out = new int[channels.length * perChannel];
        int k = 0;
        for (int c : channels) {
            for (int i = 0; i < perChannel; i++) {
                out[k++] = c * perChannel + i;
            }
        }
        return out;
    }

    /** Returns the layer with {@code out} output and {@code in} input channels (null: as is). */
    private static Layer resize(Layer l, int[] out, int[] in) {
        if (out == null && in == null) {
            return l;
        }
        if (l instanceof Layer.Conv c) {
            return new Layer.Conv(
                    c.name(),
                    in == null ? c.in() : in.length,
                    out == null ? c.out() : out.length,
                    c.kernel(),
                    c.stride(),
                    c.padding(),
                    c.groups(),
                    c.bias());
        } else if (l instanceof Layer.BatchNorm b) {
            return new Layer.BatchNorm(b.name(), out.length);
        } else if (l instanceof Layer.Linear f) {
            return new Layer.Linear(
                    f.name(),
                    in == null ? f.in() : in.length,
                    out == null ? f.out() : out.length,
                    f.bias());
        }
        throw new IllegalStateException("layer " + l.name() + " has no channels to prune");
    }

    /**
     * Selects {@code rows} of axis 0 and {@code cols} of axis 1 (null: all) of a tensor viewed as
     * (d0, d1, rest).
     */
    private static Tensor slice(Tensor t, int[] rows, int[] cols) {
        if (rows == null && cols == null) {
            return t.copy();
        }
        int[] shape = t.shape().clone();
        int d0 = shape[0];
        int d1 = shape.length > 1 ? shape[1] : 1;
        int inner = t.size() / (d0 * d1);
        int[] rs = rows == null ? IntStream.range(0, d0).toArray() : rows;
        int[] cs = cols == null ? IntStream.range(0, d1).toArray() : cols;
        shape[0] = rs.length;
        if (shape.length > 1) {
            shape[1] = cs.length;
        }
        float[] src = t.data();
        float[] dst = new float[rs.length * cs.length * inner];
        int k = 0;
        for (int r : rs) {
            for (int c : cs) {
                System.arraycopy(src, (r * d1 + c) * inner, dst, k, inner);
                k += inner;
            }
        }
        return new Tensor(shape, dst);
    }
}
