package org.deepfakeedge.artifact;

import java.util.Arrays;
import org.deepfakeedge.InvalidInputException;

/**
 * How an image becomes the model's input: square resize to {@code imageSize}, then per-channel
 * {@code (x/255 − mean)/std} in RGB order.
 *
 * @param imageSize input height = width
 * @param resize {@code stretch} (the paper: resize to size×size) or {@code center-crop}
 * @param mean per-channel mean, RGB, in [0,1] units
 * @param std per-channel standard deviation, RGB
 */
public record Preprocessing(int imageSize, String resize, float[] mean, float[] std) {
    /** ImageNet channel statistics: the default normalisation. */
    public static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f};

    public static final float[] IMAGENET_STD = {0.229f, 0.224f, 0.225f};

    public Preprocessing {
        if (imageSize <= 0) {
            throw new InvalidInputException("image size must be > 0, found " + imageSize);
        }
        if (!"stretch".equals(resize) && !"center-crop".equals(resize)) {
            throw new InvalidInputException(
                    "resize must be stretch or center-crop, found " + resize);
        }
        if (mean.length != 3 || std.length != 3) {
            throw new InvalidInputException(
                    "mean and std need 3 values (RGB), found "
                            + Arrays.toString(mean)
                            + " and "
                            + Arrays.toString(std));
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** The default: stretch resize and ImageNet normalisation. */
    public static Preprocessing defaults(int imageSize) {
        return new Preprocessing(imageSize, "stretch", IMAGENET_MEAN, IMAGENET_STD);
    }

    @Override
    public float[] mean() {
        return mean.clone();
    }

    @Override
    public float[] std() {
        return std.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Preprocessing p
                && p.imageSize == imageSize
                && p.resize.equals(resize)
                && Arrays.equals(p.mean, mean)
                && Arrays.equals(p.std, std);
    }

    @Override
    public int hashCode() {
        return imageSize * 31
                + resize.hashCode()
                + 7 * Arrays.hashCode(mean)
                + 11 * Arrays.hashCode(std);
    }
}
