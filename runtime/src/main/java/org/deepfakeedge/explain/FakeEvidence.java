package org.deepfakeedge.explain;

/**
 * The model's evidence for "fake" on a batch of preprocessed images: a value per image that grows
 * with the fake verdict, preferably the logit difference l_fake − l_real (p_fake saturates at 0 and
 * 1, so occluding part of a confidently judged image would change it too little to see).
 */
@FunctionalInterface
public interface FakeEvidence {
    /**
     * Returns one value per image.
     *
     * @param batch {@code n} images packed as N·C·H·W normalised floats
     * @param n number of images
     */
    float[] evidence(float[] batch, int n);
}
