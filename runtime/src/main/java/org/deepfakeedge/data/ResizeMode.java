package org.deepfakeedge.data;

/**
 * How {@link ImagePreprocessor} maps an image of any shape to a square of {@code size} pixels.
 *
 * <p>Immutable and thread-safe.
 */
public enum ResizeMode {
    /**
     * Resize the whole image to {@code size × size}, distorting the aspect ratio; the paper's
     * choice and the default.
     */
    STRETCH,
    /**
     * Keep the aspect ratio: take the central square of side {@code min(width, height)} and resize
     * it to {@code size × size} (equivalent to resizing the shorter side and centre-cropping).
     */
    CENTER_CROP
}
