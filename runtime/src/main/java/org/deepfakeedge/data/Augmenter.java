package org.deepfakeedge.data;

import java.util.SplittableRandom;

/**
 * Applies an {@link Augmentation} to square RGB byte images.
 *
 * <p>Never modifies its input, which may be a cached array shared by later epochs. Immutable and
 * thread-safe; the randomness comes from the caller's generator.
 */
final class Augmenter {

    private final Augmentation augmentation;
    private final int size;

    Augmenter(Augmentation augmentation, int size) {
        this.augmentation = augmentation;
        this.size = size;
    }

    /**
     * Returns an augmented copy, or {@code rgb} itself when no step fired.
     *
     * @param rgb {@code size * size * 3} bytes, HWC
     * @param random the sample's own generator, so results do not depend on thread scheduling
     */
    byte[] apply(byte[] rgb, SplittableRandom random) {
        if (augmentation.isNone()) {
            return rgb;
        }
        // Draw every decision in a fixed order so that a sample's result depends only on its seed.
        boolean flip = random.nextDouble() < augmentation.flipProb();
        boolean crop = random.nextDouble() < augmentation.cropProb();
        boolean blur = random.nextDouble() < augmentation.blurProb();
        boolean jpeg = random.nextDouble() < augmentation.jpegProb();
        byte[] out = rgb;
        if (flip) {
            out = flip(out);
        }
        if (crop) {
            out = randomResizedCrop(out, random);
        }
        if (blur) {
            double sigma = random.nextDouble() * augmentation.blurMaxSigma();
            out = gaussianBlur(out, sigma);
        }
        if (jpeg) {
            int quality =
                    augmentation.jpegMinQuality()
                            + random.nextInt(
                                    augmentation.jpegMaxQuality()
                                            - augmentation.jpegMinQuality()
                                            + 1);
            out = jpeg(out, quality);
        }
        return out;
    }

    byte[] flip(byte[] rgb) {
        byte[] out = new byte[rgb.length];
        int row = size * 3;
        for (int y = 0; y < size; y++) {
            int o = y * row;
            for (int x = 0; x < size; x++) {
                int src = o + x * 3;
                int dst = o + (size - 1 - x) * 3;
                out[dst] = rgb[src];
                out[dst + 1] = rgb[src + 1];
                out[dst + 2] = rgb[src + 2];
            }
        }
        return out;
    }

    /** Torchvision's RandomResizedCrop: area in [minScale, 1], aspect ratio in [3/4, 4/3]. */
    byte[] randomResizedCrop(byte[] rgb, SplittableRandom random) {
        double area = (double) size * size;
        double logLow = Math.log(3.0 / 4.0);
        double logHigh = Math.log(4.0 / 3.0);
        for (int attempt = 0; attempt < 10; attempt++) {
            double target =
                    area
                            * (augmentation.cropMinScale()
                                    + random.nextDouble() * (1 - augmentation.cropMinScale()));
            double ratio = Math.exp(logLow + random.nextDouble() * (logHigh - logLow));
            int w = (int) Math.round(Math.sqrt(target * ratio));
            int h = (int) Math.round(Math.sqrt(target / ratio));
            if (w > 0 && h > 0 && w <= size && h <= size) {
                int x0 = random.nextInt(size - w + 1);
                int y0 = random.nextInt(size - h + 1);
                if (w == size && h == size) {
                    return rgb;
                }
                return Resampler.resize(
                        Resampler.pack(rgb), y0 * size + x0, size, w, h, size, size);
            }
        }
        return rgb;
    }

    byte[] gaussianBlur(byte[] rgb, double sigma) {
        return GaussianBlur.blur(rgb, size, size, sigma);
    }

    byte[] jpeg(byte[] rgb, int quality) {
        return JpegCodec.roundTrip(rgb, size, size, quality);
    }
}
