package org.deepfakeedge.data;

import java.awt.image.BufferedImage;

/**
 * Changes a sample's decoded image before the preprocessing resizes and normalises it: the hook
 * through which robustness evaluation degrades the images a model is scored on (JPEG, blur, noise,
 * ...), as a photo shared on a social network would be, while the model's own preprocessing stays
 * as it is.
 *
 * <p>Implementations must be deterministic (the same sample and image give the same result, so
 * scores are reproducible and the loader's cache stays valid) and thread-safe (the loader calls
 * them from its decoding threads).
 */
@FunctionalInterface
public interface DecodedImageTransform {

    /**
     * Returns the changed image.
     *
     * @param rgb the decoded image, {@link BufferedImage#TYPE_INT_RGB}; must not be modified
     * @param sample the sample it was decoded from (its path seeds any randomness)
     * @return the changed image, any size; {@code rgb} itself if nothing changes
     */
    BufferedImage apply(BufferedImage rgb, Sample sample);
}
