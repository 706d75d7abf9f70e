package org.deepfakeedge.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deepfakeedge.model.Tensor;
import org.deepfakeedge.model.Weights;

/**
 * Adam (Kingma &amp; Ba, <a href="https://arxiv.org/abs/1412.6980">arXiv:1412.6980</a>) or SGD with
 * momentum 0.9, over DJL arrays, with state that can be saved and restored.
 *
 * <p>We own the optimizer instead of using DJL's because a resumed run must continue with the same
 * moment estimates (DJL cannot export them), and because pruning masks must be re-applied after
 * every step. Adam: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², w ← w − lr·m̂/(√v̂ + ε) with
 * bias-corrected m̂, v̂; weight decay adds λw to g (PyTorch Adam). Not thread-safe.
 */
final class Optimizer {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPS = 1e-8f;
    private static final float MOMENTUM = 0.9f;

    private final String kind;
    private final float weightDecay;
    private final Map<String, NDArray> first = new LinkedHashMap<>();
    private final Map<String, NDArray> second = new LinkedHashMap<>();
    private final NDManager stateManager;
    private long step;

    /** State arrays live in {@code stateManager}, which must outlive the optimizer's use. */
    Optimizer(String kind, double weightDecay, NDManager stateManager) {
        this.kind = kind;
        this.weightDecay = (float) weightDecay;
        this.stateManager = stateManager;
    }

    long steps() {
        return step;
    }

    /** Marks the start of one optimizer step over all parameters. */
    void beginStep() {
        step++;
    }

    /**
     * Updates {@code weight} in place from its gradient.
     *
     * @param scope a per-step manager: every temporary array is freed when it closes
     */
    void update(String name, NDArray weight, NDArray grad, double lr, NDManager scope) {
        NDManager owner = stateManager;
        NDArray g = grad;
        if (weightDecay > 0) {
            g = g.add(weight.mul(weightDecay));
        }
        if (kind.equals("sgd")) {
            NDArray buf = first.computeIfAbsent(name, k -> owner.zeros(weight.getShape()));
            scope.tempAttachAll(buf);
            buf.muli(MOMENTUM).addi(g);
            weight.subi(buf.mul((float) lr));
            return;
        }
        NDArray m = first.computeIfAbsent(name, k -> owner.zeros(weight.getShape()));
        NDArray v = second.computeIfAbsent(name, k -> owner.zeros(weight.getShape()));
        scope.tempAttachAll(m, v);
        m.muli(BETA1).addi(g.mul(1 - BETA1));
        v.muli(BETA2).addi(g.square().mul(1 - BETA2));
        double bc1 = 1 - Math.pow(BETA1, step);
        double bc2 = 1 - Math.pow(BETA2, step);
        NDArray denom = v.div((float) bc2).sqrt().add(EPS);
        weight.subi(m.div(denom).mul((float) (lr / bc1)));
    }

    /** Exports the state as tensors ({@code m/name}, {@code v/name}) plus the step count. */
    Weights state() {
        Weights w = new Weights();
        first.forEach((k, a) -> w.put("m/" + k, toTensor(a)));
        second.forEach((k, a) -> w.put("v/" + k, toTensor(a)));
        w.put("step", new Tensor(new int[] {1}, new float[] {Float.intBitsToFloat((int) step)}));
        return w;
    }

    /** Restores state exported by {@link #state()}, creating arrays in {@code manager}. */
    void restore(Weights state) {
        NDManager manager = stateManager;
        for (var e : state.asMap().entrySet()) {
            String k = e.getKey();
            Tensor t = e.getValue();
            if (k.equals("step")) {
                step = Float.floatToRawIntBits(t.data()[0]);
                continue;
            }
            NDArray a =
                    manager.create(
                            t.data(),
                            new ai.djl.ndarray.types.Shape(
                                    java.util.Arrays.stream(t.shape()).asLongStream().toArray()));
            (k.startsWith("m/") ? first : second).put(k.substring(2), a);
        }
    }

    private static Tensor toTensor(NDArray a) {
        int[] shape =
                java.util.Arrays.stream(a.getShape().getShape())
                        .mapToInt(Math::toIntExact)
                        .toArray();
        return new Tensor(shape, a.toFloatArray());
    }
}
