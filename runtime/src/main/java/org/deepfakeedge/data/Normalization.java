package org.deepfakeedge.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * Per-channel normalisation of pixel values: {@code x = (v / 255 - mean[c]) / std[c]}, channels in
 * RGB order.
 *
 * <p>The arrays are copied on the way in and out, so instances are immutable and thread-safe;
 * {@code equals} compares the values.
 *
 * @param mean per-channel mean in RGB order, 3 values in [0, 1]
 * @param std per-channel standard deviation in RGB order, 3 values &gt; 0
 */
public record Normalization(float[] mean, float[] std) {

    /** Validates and copies the arrays. */
    public Normalization {
        Objects.requireNonNull(mean, "mean must not be null");
        Objects.requireNonNull(std, "std must not be null");
        if (mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException(
                    "mean and std need 3 values (R, G, B), found "
                            + mean.length
                            + " and "
                            + std.length);
        }
        for (int c = 0; c < 3; c++) {
            if (!(std[c] > 0) || !Float.isFinite(std[c]) || !Float.isFinite(mean[c])) {
                throw new IllegalArgumentException(
                        "std must be finite and > 0 and mean finite, found mean="
                                + Arrays.toString(mean)
                                + " std="
                                + Arrays.toString(std));
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    /**
     * Returns the ImageNet statistics, the default (pretrained backbones expect them).
     *
     * @return mean (0.485, 0.456, 0.406), std (0.229, 0.224, 0.225)
     */
    public static Normalization imagenet() {
        return new Normalization(
                new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.224f, 0.225f});
    }

    /**
     * Returns mean 0.5 and std 0.5 per channel, which maps pixels to [-1, 1].
     *
     * @return the half/half normalisation
     */
    public static Normalization halfHalf() {
        return new Normalization(new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.5f, 0.5f, 0.5f});
    }

    /**
     * Returns a copy of the means.
     *
     * @return 3 values, RGB order
     */
    @Override
    public float[] mean() {
        return mean.clone();
    }

    /**
     * Returns a copy of the standard deviations.
     *
     * @return 3 values, RGB order
     */
    @Override
    public float[] std() {
        return std.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Normalization n
                && Arrays.equals(mean, n.mean)
                && Arrays.equals(std, n.std);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return "Normalization[mean="
                + Arrays.toString(mean)
                + ", std="
                + Arrays.toString(std)
                + "]";
    }
}
