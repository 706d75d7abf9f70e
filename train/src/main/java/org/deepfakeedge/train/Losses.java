package org.deepfakeedge.train;

import ai.djl.ndarray.NDArray;

/** Loss functions over DJL arrays, written out so their formulas are visible and testable. */
public final class Losses {
    private Losses() {}

    /** Mean cross-entropy of logits (N, C) against int labels (N): −mean log softmax(z)[y]. */
    public static NDArray crossEntropy(NDArray logits, NDArray labels) {
        NDArray logp = logits.logSoftmax(1);
        NDArray onehot =
                labels.oneHot((int) logits.getShape().get(1)).toType(logp.getDataType(), false);
        return logp.mul(onehot).sum(new int[] {1}).mean().neg();
    }
}
