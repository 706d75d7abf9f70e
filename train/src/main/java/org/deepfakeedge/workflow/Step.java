package org.deepfakeedge.workflow;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.deepfakeedge.artifact.ArtifactKind;
import org.deepfakeedge.artifact.ModelArtifact;
import org.deepfakeedge.model.ModelSpec;
import org.deepfakeedge.model.Tensor;
import org.deepfakeedge.model.Weights;
import org.deepfakeedge.train.Objective;

/**
 * One model-to-model step (compression or transfer): the model after its transformation, what of it
 * trains and how, and what is done after training.
 *
 * @param method CLI verb recorded in the lineage
 * @param kind what the artifact written is
 * @param source the model read (its preprocessing is kept)
 * @param model the transformed model before training
 * @param trainable tensors that train (others stay bit-identical)
 * @param inferenceLayers layers that run in inference mode while training (frozen BatchNorm)
 * @param masks pruning masks kept during training
 * @param objective the loss
 * @param epochs training epochs (0 = no training)
 * @param after transformation applied after training (quantize, factorize), or identity
 * @param options resolved options, recorded in the lineage
 * @param details method-specific figures for the summary
 * @param newTask true when the data is another task: class names come from the data
 * @param fakeQuant train with fake-quantized weights and inputs (quantization-aware training)
 */
record Step(
        String method,
        ArtifactKind kind,
        ModelArtifact source,
        Model model,
        Predicate<String> trainable,
        Set<String> inferenceLayers,
        Map<String, Tensor> masks,
        Objective objective,
        int epochs,
        UnaryOperator<Model> after,
        Map<String, Object> options,
        Map<String, Object> details,
        boolean newTask,
        boolean fakeQuant) {

    /** A spec with its weights. */
    record Model(ModelSpec spec, Weights weights) {}

    /** A step that trains everything (or nothing, with 0 epochs) with cross-entropy. */
    static Step simple(
            String method,
            ArtifactKind kind,
            ModelArtifact source,
            Model model,
            Map<String, Tensor> masks,
            int epochs,
            Map<String, Object> options,
            Map<String, Object> details) {
        return new Step(
                method,
                kind,
                source,
                model,
                n -> true,
                Set.of(),
                masks,
                Objective.crossEntropy(),
                epochs,
                UnaryOperator.identity(),
                new LinkedHashMap<>(options),
                details,
                false,
                false);
    }

    /** This step with quantization-aware training. */
    Step withFakeQuant() {
        return new Step(
                method,
                kind,
                source,
                model,
                trainable,
                inferenceLayers,
                masks,
                objective,
                epochs,
                after,
                options,
                details,
                newTask,
                true);
    }
}
