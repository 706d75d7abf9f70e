package org.deepfakeedge.perturb;

import java.awt.image.BufferedImage;
import org.deepfakeedge.data.GaussianBlur;

/**
 * {@code blur:SIGMA}: a Gaussian blur with standard deviation {@code SIGMA} in pixels of the
 * decoded image (not of the model's input), through the training augmentation's {@link
 * GaussianBlur}: separable kernel of radius {@code ⌈3σ⌉}, edge pixels repeated, rounded to bytes.
 *
 * @param sigma standard deviation in pixels, in [{@value GaussianBlur#MIN_SIGMA}, {@value
 *     #MAX_SIGMA}]
 */
public record Blur(double sigma) implements Perturbation {

    /** Largest accepted sigma: a kernel of 301 taps, already a featureless image. */
    public static final double MAX_SIGMA = 50;

    /** Checks sigma. */
    public Blur {
        if (!(sigma >= GaussianBlur.MIN_SIGMA && sigma <= MAX_SIGMA)) {
            throw new IllegalArgumentException(
                    "blur sigma must be in ["
                            + GaussianBlur.MIN_SIGMA
                            + ", "
                            + MAX_SIGMA
                            + "] pixels, found "
                            + sigma);
        }
    }

    @Override
    public String name() {
        return "blur:" + RgbImages.number(sigma);
    }

    @Override
    public BufferedImage apply(BufferedImage rgb, long seed) {
        byte[] blurred =
                GaussianBlur.blur(RgbImages.toBytes(rgb), rgb.getWidth(), rgb.getHeight(), sigma);
        return RgbImages.fromBytes(blurred, rgb.getWidth(), rgb.getHeight());
    }
}
