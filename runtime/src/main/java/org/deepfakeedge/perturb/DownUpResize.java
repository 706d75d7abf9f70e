package org.deepfakeedge.perturb;

import java.awt.image.BufferedImage;
import org.deepfakeedge.data.Resampler;

/**
 * {@code resize:F}: the image is shrunk by the factor {@code F} and enlarged back to its original
 * size, losing the detail a smaller upload loses.
 *
 * <p>A {@code w × h} image goes to {@code max(1, round(w·F)) × max(1, round(h·F))} and back to
 * {@code w × h}, both times through {@link Resampler} (the classifier's own filter: a triangle
 * filter widened by the scale when shrinking, i.e. antialiased bilinear as Pillow's {@code
 * BILINEAR}; plain bilinear with half-pixel centres and clamped edges when enlarging). {@code F =
 * 1} leaves every pixel as it is.
 *
 * @param factor side scale in (0, 1]
 */
public record DownUpResize(double factor) implements Perturbation {

    /** Checks the factor. */
    public DownUpResize {
        if (!(factor > 0 && factor <= 1)) {
            throw new IllegalArgumentException("resize factor must be in (0, 1], found " + factor);
        }
    }

    @Override
    public String name() {
        return "resize:" + RgbImages.number(factor);
    }

    @Override
    public BufferedImage apply(BufferedImage rgb, long seed) {
        int w = rgb.getWidth();
        int h = rgb.getHeight();
        int sw = RgbImages.scaled(w, factor);
        int sh = RgbImages.scaled(h, factor);
        byte[] small = Resampler.resize(rgb, 0, 0, w, h, sw, sh);
        byte[] back = Resampler.resize(Resampler.pack(small), 0, sw, sw, sh, w, h);
        return RgbImages.fromBytes(back, w, h);
    }
}
