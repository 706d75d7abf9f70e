package org.deepfakeedge.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deepfakeedge.model.Layer;
import org.deepfakeedge.model.ModelSpec;
import org.deepfakeedge.model.Weights;

/**
 * A model spec with its weights, live in DJL's PyTorch engine: forward passes for training and
 * inference.
 *
 * <p>Forward runs the children one by one (not {@code SequentialBlock.forward}) so that chosen
 * layers can run in inference mode while the rest trains: frozen BatchNorm layers must neither use
 * batch statistics nor update their running statistics. All native memory lives in this object's
 * manager; callers create per-batch inputs in a {@link #newScope()} and close it. Not thread-safe.
 */
public final class DjlNetwork implements AutoCloseable {
    private final ModelSpec spec;
    private final NDManager manager;
    private final SequentialBlock block;
    private final List<Block> children;
    private final ParameterStore store;

    /** Per child: true if its input is fake-quantized (a convolution or linear layer under QAT). */
    private final boolean[] quantizedInputs;

    private DjlNetwork(
            ModelSpec spec, NDManager manager, SequentialBlock block, boolean fakeQuant) {
        this.spec = spec;
        this.manager = manager;
        this.block = block;
        this.children = block.getChildren().stream().map(Pair::getValue).toList();
        this.store =
                fakeQuant
                        ? new FakeQuantParameterStore(manager)
                        : new ParameterStore(manager, false);
        this.quantizedInputs = new boolean[children.size()];
        for (int i = 0; fakeQuant && i < children.size(); i++) {
            Layer l = spec.layers().get(i);
            quantizedInputs[i] = l instanceof Layer.Conv || l instanceof Layer.Linear;
        }
    }

    /** Builds the network for {@code spec} and loads {@code weights} into it. */
    public static DjlNetwork create(ModelSpec spec, Weights weights) {
        return create(spec, weights, false);
    }

    /**
     * Builds the network; with {@code fakeQuant} every forward pass (training and inference) runs
     * its convolutions and linear layers on fake-quantized weights and inputs ({@link FakeQuant}):
     * quantization-aware training for the static INT8 export.
     */
    public static DjlNetwork create(ModelSpec spec, Weights weights, boolean fakeQuant) {
        DjlEngine.get();
        NDManager manager = NDManager.newBaseManager();
        try {
            SequentialBlock block = BlockFactory.build(spec);
            block.initialize(manager, DataType.FLOAT32, BlockFactory.inputShape(spec, 1));
            WeightBridge.load(spec, block, weights);
            return new DjlNetwork(spec, manager, block, fakeQuant);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** Returns the spec. */
    public ModelSpec spec() {
        return spec;
    }

    /** Returns a child manager for per-batch arrays; close it after the batch. */
    public NDManager newScope() {
        return manager.newSubManager();
    }

    /**
     * Runs the network on {@code x} (N,C,H,W).
     *
     * @param training true for training mode (dropout active, BatchNorm uses batch statistics)
     * @param inferenceLayers indices of layers forced into inference mode even when training
     * @return logits (N, classes), attached to {@code x}'s manager
     */
    public NDArray forward(NDArray x, boolean training, Set<Integer> inferenceLayers) {
        if (store instanceof FakeQuantParameterStore fq) {
            fq.scope(x.getManager());
        }
        NDList cur = new NDList(x);
        for (int i = 0; i < children.size(); i++) {
            boolean mode = training && !inferenceLayers.contains(i);
            if (quantizedInputs[i]) {
                cur = new NDList(FakeQuant.activations(cur.singletonOrThrow()));
            }
            cur = children.get(i).forward(store, cur, mode);
        }
        return cur.singletonOrThrow();
    }

    /** Returns the logits for {@code n} images packed as N·C·H·W floats (inference mode). */
    public float[] logits(float[] batch, int n) {
        try (NDManager scope = newScope()) {
            return forward(input(scope, batch, n), false, Set.of()).toFloatArray();
        }
    }

    /**
     * Creates the input tensor for {@code n} images packed as N·C·H·W floats, in the engine's
     * {@link MemoryFormat}, owned by {@code scope}.
     */
    public NDArray input(NDManager scope, float[] batch, int n) {
        return MemoryFormat.input(scope, batch, inputShape(n));
    }

    /** Returns the blocks, child {@code i} being spec layer {@code i} (for {@link GradCam}). */
    List<Block> children() {
        return children;
    }

    /** Returns the parameter store forward passes read the weights through. */
    ParameterStore store() {
        return store;
    }

    /** Returns the number of native arrays alive in this network's manager and its scopes. */
    int liveArrays() {
        return manager.getManagedArrays().size();
    }

    /** Returns the DJL parameters keyed by our tensor names. */
    public Map<String, Parameter> parameters() {
        return WeightBridge.parameters(spec, block);
    }

    /** Copies the current parameters out into engine-independent weights. */
    public Weights weights() {
        return WeightBridge.read(spec, block);
    }

    /** Overwrites all parameters. */
    public void load(Weights weights) {
        WeightBridge.load(spec, block, weights);
    }

    /** Returns the input shape for {@code n} images. */
    public Shape inputShape(int n) {
        return BlockFactory.inputShape(spec, n);
    }

    @Override
    public void close() {
        manager.close();
    }
}
