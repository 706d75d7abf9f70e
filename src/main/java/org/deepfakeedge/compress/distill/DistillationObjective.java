package org.deepfakeedge.compress.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Set;
import org.deepfakeedge.data.Batch;
import org.deepfakeedge.engine.DjlNetwork;
import org.deepfakeedge.train.Objective;

/**
 * Offline distillation objective: the frozen teacher, in inference mode, scores the same
 * (augmented) batch the student sees, and {@link KdLoss} compares the two.
 *
 * <p>Computing the teacher's logits on the very batch the student trains on is exact for any
 * augmentation (a cache keyed by image would be wrong as soon as flips or crops are random). The
 * teacher's parameters never require gradients. Not thread-safe; closes the teacher network.
 */
public final class DistillationObjective implements Objective, AutoCloseable {
    private final DjlNetwork teacher;
    private final double temperature;
    private final double weight;

    /** Takes ownership of {@code teacher}. */
    public DistillationObjective(DjlNetwork teacher, double temperature, double weight) {
        this.teacher = teacher;
        this.temperature = temperature;
        this.weight = weight;
        teacher.parameters().values().forEach(p -> p.getArray().setRequiresGradient(false));
    }

    @Override
    public NDArray loss(NDArray logits, NDArray labels, Batch batch, NDManager scope) {
        NDArray x = teacher.input(scope, batch.data(), batch.size());
        NDArray zt = teacher.forward(x, false, Set.of()).stopGradient();
        return KdLoss.loss(logits, zt, labels, temperature, weight);
    }

    @Override
    public void close() {
        teacher.close();
    }
}
