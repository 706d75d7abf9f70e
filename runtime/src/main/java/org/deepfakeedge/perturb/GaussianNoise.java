package org.deepfakeedge.perturb;

import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * {@code noise:STD}: additive Gaussian noise of standard deviation {@code STD · 255} on every 8-bit
 * value, rounded and clipped to [0, 255].
 *
 * <p>Each of the R, G, B values of each pixel (row-major order) gets its own draw {@code z ~ N(0,
 * 1)}: {@code out = clamp(round(v + STD · 255 · z), 0, 255)}. The draws come from a {@link
 * SplittableRandom} seeded with the image's seed, turned into normals by the Box–Muller transform
 * written here (two normals per pair of uniforms {@code u1, u2}: {@code sqrt(−2 ln(1 − u1)) ·
 * cos(2π u2)} and {@code · sin(2π u2)}), so the noise of an image depends on its seed only, not on
 * the JDK's choice of Gaussian sampler.
 *
 * @param std standard deviation as a fraction of 255, in (0, 1]
 */
public record GaussianNoise(double std) implements Perturbation {

    /** Checks the standard deviation. */
    public GaussianNoise {
        if (!(std > 0 && std <= 1)) {
            throw new IllegalArgumentException(
                    "noise std must be in (0, 1] (a fraction of 255), found " + std);
        }
    }

    @Override
    public String name() {
        return "noise:" + RgbImages.number(std);
    }

    @Override
    public BufferedImage apply(BufferedImage rgb, long seed) {
        byte[] v = RgbImages.toBytes(rgb);
        SplittableRandom random = new SplittableRandom(seed);
        double scale = std * 255;
        for (int i = 0; i < v.length; i += 2) {
            double radius = Math.sqrt(-2 * Math.log(1 - random.nextDouble()));
            double angle = 2 * Math.PI * random.nextDouble();
            v[i] = add(v[i], scale * radius * Math.cos(angle));
            if (i + 1 < v.length) {
                v[i + 1] = add(v[i + 1], scale * radius * Math.sin(angle));
            }
        }
        return RgbImages.fromBytes(v, rgb.getWidth(), rgb.getHeight());
    }

    private static byte add(byte value, double noise) {
        long out = Math.round((value & 0xff) + noise);
        return (byte) Math.max(0, Math.min(255, out));
    }
}
