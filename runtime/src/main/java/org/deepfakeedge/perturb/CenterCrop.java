package org.deepfakeedge.perturb;

import java.awt.image.BufferedImage;
import org.deepfakeedge.data.Resampler;

/**
 * {@code crop:F}: the centre of the image keeping the fraction {@code F} of each side, enlarged
 * back to the original size (a zoomed-in re-share).
 *
 * <p>From a {@code w × h} image the rectangle {@code cw = max(1, round(w·F))}, {@code ch = max(1,
 * round(h·F))} at {@code x0 = ⌊(w − cw) / 2⌋}, {@code y0 = ⌊(h − ch) / 2⌋} is resized to {@code w ×
 * h} with {@link Resampler} (bilinear with half-pixel centres and clamped edges). {@code F = 1}
 * leaves every pixel as it is.
 *
 * @param fraction kept side fraction in (0, 1]
 */
public record CenterCrop(double fraction) implements Perturbation {

    /** Checks the fraction. */
    public CenterCrop {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException(
                    "crop fraction must be in (0, 1], found " + fraction);
        }
    }

    @Override
    public String name() {
        return "crop:" + RgbImages.number(fraction);
    }

    @Override
    public BufferedImage apply(BufferedImage rgb, long seed) {
        int w = rgb.getWidth();
        int h = rgb.getHeight();
        int cw = RgbImages.scaled(w, fraction);
        int ch = RgbImages.scaled(h, fraction);
        byte[] out = Resampler.resize(rgb, (w - cw) / 2, (h - ch) / 2, cw, ch, w, h);
        return RgbImages.fromBytes(out, w, h);
    }
}
