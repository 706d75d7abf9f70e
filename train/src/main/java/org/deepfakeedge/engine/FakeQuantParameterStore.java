package org.deepfakeedge.engine;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

/**
 * The parameter store of a network in quantization-aware training: blocks read their convolution
 * and linear weights through {@link #getValue} (DJL's blocks and ours all do), and get them
 * fake-quantized ({@link FakeQuant#weights}); biases, BatchNorm and everything else as stored. Not
 * thread-safe, like the network.
 */
final class FakeQuantParameterStore extends ParameterStore {
    private NDManager scope;

    FakeQuantParameterStore(NDManager manager) {
        super(manager, false);
    }

    /** Sets the batch manager the next forward pass's arrays belong to. */
    void scope(NDManager scope) {
        this.scope = scope;
    }

    @Override
    public NDArray getValue(Parameter parameter, Device device, boolean training) {
        NDArray v = super.getValue(parameter, device, training);
        if (parameter.getType() != Parameter.Type.WEIGHT || v.getShape().dimension() < 2) {
            return v;
        }
        if (scope == null) {
            throw new IllegalStateException("a fake-quantized forward needs its batch scope");
        }
        return FakeQuant.weights(v, scope);
    }
}
