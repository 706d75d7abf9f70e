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
    CENTER_CROP;

    /**
     * Returns the part of a {@code width × height} image that this mode maps onto the model's
     * square: the whole image for {@link #STRETCH}, the central square of side {@code min(width,
     * height)} (left and top offsets rounded down) for {@link #CENTER_CROP}.
     *
     * @param width the image's width, &ge; 1
     * @param height the image's height, &ge; 1
     * @return the region in image pixels
     */
    public java.awt.Rectangle region(int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException(
                    "image size must be >= 1, found " + width + "x" + height);
        }
        if (this == STRETCH) {
            return new java.awt.Rectangle(0, 0, width, height);
        }
        int side = Math.min(width, height);
        return new java.awt.Rectangle((width - side) / 2, (height - side) / 2, side, side);
    }
}
