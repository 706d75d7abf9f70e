package org.deepfakeedge.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.deepfakeedge.data.Batch;

/**
 * The training loss of one batch, given the student's logits.
 *
 * <p>Cross-entropy for plain training; knowledge distillation supplies one that also looks at a
 * teacher's logits for the same batch.
 */
@FunctionalInterface
public interface Objective {

    /**
     * Returns the scalar loss.
     *
     * @param logits (N, classes) raw scores of the model being trained
     * @param labels (N) int class indices
     * @param batch the batch, for objectives that need the images (e.g. a teacher's forward pass)
     * @param scope the batch's manager: create arrays here
     */
    NDArray loss(NDArray logits, NDArray labels, Batch batch, NDManager scope);

    /** Cross-entropy: −mean log softmax(z)[y]. */
    static Objective crossEntropy() {
        return (logits, labels, batch, scope) -> Losses.crossEntropy(logits, labels);
    }
}
