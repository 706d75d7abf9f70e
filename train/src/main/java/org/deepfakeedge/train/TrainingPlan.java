package org.deepfakeedge.train;

import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.deepfakeedge.model.ModelSpec;
import org.deepfakeedge.model.Tensor;
import org.deepfakeedge.model.WeightInit;
import org.deepfakeedge.model.Weights;

/**
 * What to train: the model, its starting weights, which tensors may change, and the loss.
 *
 * <p>Plain training, masked fine-tuning after pruning, distillation and transfer with frozen layers
 * are all plans for the same loop.
 *
 * @param spec the model
 * @param initial starting weights (not modified; the trainer works on a copy)
 * @param trainable which tensor names receive gradients and updates; the others stay bit-identical
 * @param inferenceLayers names of layers that run in inference mode while training (frozen
 *     BatchNorm: batch statistics unused and running statistics unchanged)
 * @param masks per-tensor 0/1 masks multiplied in after every step, so pruned weights stay zero
 * @param objective the loss
 * @param fakeQuant train on fake-quantized weights and layer inputs (quantization-aware training
 *     for the static INT8 export; DjlNetwork's fake quantization)
 */
public record TrainingPlan(
        ModelSpec spec,
        Weights initial,
        Predicate<String> trainable,
        Set<String> inferenceLayers,
        Map<String, Tensor> masks,
        Objective objective,
        boolean fakeQuant) {

    /** A plan in full precision. */
    public TrainingPlan(
            ModelSpec spec,
            Weights initial,
            Predicate<String> trainable,
            Set<String> inferenceLayers,
            Map<String, Tensor> masks,
            Objective objective) {
        this(spec, initial, trainable, inferenceLayers, masks, objective, false);
    }

    public TrainingPlan {
        initial.checkAgainst(spec);
        inferenceLayers = Set.copyOf(inferenceLayers);
        masks = Map.copyOf(masks);
    }

    /** Training every parameter from PyTorch-default initial weights with cross-entropy. */
    public static TrainingPlan fromScratch(ModelSpec spec, long seed) {
        return new TrainingPlan(
                spec,
                WeightInit.pytorchDefault(spec, seed),
                name -> true,
                Set.of(),
                Map.of(),
                Objective.crossEntropy());
    }

    /** Returns a copy with another objective. */
    public TrainingPlan withObjective(Objective o) {
        return new TrainingPlan(spec, initial, trainable, inferenceLayers, masks, o, fakeQuant);
    }
}
