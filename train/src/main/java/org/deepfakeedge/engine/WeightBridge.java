package org.deepfakeedge.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.util.Pair;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deepfakeedge.model.Layer;
import org.deepfakeedge.model.ModelSpec;
import org.deepfakeedge.model.Tensor;
import org.deepfakeedge.model.Weights;

/**
 * Copies weights between the spec's named tensors and the parameters of a block built by {@link
 * BlockFactory}.
 *
 * <p>The block must be initialised first. Our names follow PyTorch ({@code running_mean}); DJL's
 * BatchNorm calls them {@code runningMean}/{@code runningVar}. Not thread-safe for one block.
 */
public final class WeightBridge {
    private WeightBridge() {}

    /** Returns every DJL parameter of the block keyed by our tensor name, in spec order. */
    public static Map<String, Parameter> parameters(ModelSpec spec, SequentialBlock block) {
        List<Pair<String, Block>> children =
                block.getChildren().values().isEmpty()
                        ? List.of()
                        : block.getChildren().stream().toList();
        if (children.size() != spec.layers().size()) {
            throw new IllegalStateException(
                    "block has "
                            + children.size()
                            + " children, spec has "
                            + spec.layers().size()
                            + " layers");
        }
        Map<String, Parameter> out = new LinkedHashMap<>();
        for (int i = 0; i < children.size(); i++) {
            Layer layer = spec.layers().get(i);
            Block child = children.get(i).getValue();
            if (layer instanceof Layer.Adapter) {
                // composite: dw conv, pw conv, batchnorm, relu
                String[] parts = {"dw", "pw", "bn"};
                List<Block> sub = child.getChildren().stream().map(Pair::getValue).toList();
                for (int j = 0; j < parts.length; j++) {
                    for (Pair<String, Parameter> p : sub.get(j).getDirectParameters()) {
                        out.put(
                                layer.name() + "." + parts[j] + "." + ourName(p.getKey()),
                                p.getValue());
                    }
                }
                continue;
            }
            for (Pair<String, Parameter> p : child.getDirectParameters()) {
                out.put(layer.name() + "." + ourName(p.getKey()), p.getValue());
            }
        }
        return out;
    }

    /** Copies {@code weights} into the block's (initialised) parameters. */
    public static void load(ModelSpec spec, SequentialBlock block, Weights weights) {
        weights.checkAgainst(spec);
        for (var e : parameters(spec, block).entrySet()) {
            Tensor t = weights.get(e.getKey());
            NDArray a = e.getValue().getArray();
            long[] want = Arrays.stream(t.shape()).asLongStream().toArray();
            if (!a.getShape().equals(new Shape(want))) {
                throw new IllegalStateException(
                        "parameter "
                                + e.getKey()
                                + " has shape "
                                + a.getShape()
                                + ", tensor has "
                                + Arrays.toString(t.shape()));
            }
            a.set(t.data());
        }
    }

    /** Reads the block's parameters into a new {@link Weights}. */
    public static Weights read(ModelSpec spec, SequentialBlock block) {
        Weights w = new Weights();
        for (var e : parameters(spec, block).entrySet()) {
            NDArray a = e.getValue().getArray();
            int[] shape =
                    Arrays.stream(a.getShape().getShape()).mapToInt(Math::toIntExact).toArray();
            w.put(e.getKey(), new Tensor(shape, a.toFloatArray()));
        }
        return w;
    }

    private static String ourName(String djlName) {
        return switch (djlName) {
            case "runningMean" -> "running_mean";
            case "runningVar" -> "running_var";
            default -> djlName;
        };
    }
}
