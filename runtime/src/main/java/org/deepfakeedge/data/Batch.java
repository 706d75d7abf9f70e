package org.deepfakeedge.data;

import java.util.List;
import java.util.Objects;

/**
 * One mini-batch from {@link BatchLoader}: images as a normalised float tensor in NCHW order and
 * their labels.
 *
 * <p>The arrays are not copied, for speed: the batch owns them and hands them over to the caller,
 * and {@code equals} compares them by identity. Not thread-safe if the caller mutates the arrays.
 *
 * @param data {@code size * channels * height * width} floats, NCHW, channels RGB
 * @param labels {@code size} labels, 0 = real, 1 = fake
 * @param samples the {@code size} samples the images came from, in batch order
 * @param size number of images (the last batch of an epoch may be smaller)
 * @param channels 3
 * @param height image height in pixels
 * @param width image width in pixels
 */
public record Batch(
        float[] data,
        int[] labels,
        List<Sample> samples,
        int size,
        int channels,
        int height,
        int width) {

    /** Validates that the shapes agree. */
    public Batch {
        Objects.requireNonNull(data, "data must not be null");
        Objects.requireNonNull(labels, "labels must not be null");
        samples = List.copyOf(samples);
        if (size < 1 || channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException(
                    "size, channels, height and width must be >= 1, found "
                            + size
                            + ", "
                            + channels
                            + ", "
                            + height
                            + ", "
                            + width);
        }
        if (data.length != (long) size * channels * height * width
                || labels.length != size
                || samples.size() != size) {
            throw new IllegalArgumentException(
                    "Batch shape mismatch: size "
                            + size
                            + " x "
                            + channels
                            + " x "
                            + height
                            + " x "
                            + width
                            + " needs "
                            + (long) size * channels * height * width
                            + " floats, found "
                            + data.length
                            + "; labels "
                            + labels.length
                            + ", samples "
                            + samples.size());
        }
    }
}
