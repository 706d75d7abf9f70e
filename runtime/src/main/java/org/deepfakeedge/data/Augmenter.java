package org.deepfakeedge.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

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
        if (sigma < 0.1) {
            return rgb; // a kernel this narrow changes no pixel value after rounding
        }
        int radius = (int) Math.ceil(3 * sigma);
        float[] kernel = new float[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            double v = Math.exp(-(i * i) / (2 * sigma * sigma));
            kernel[i + radius] = (float) v;
            sum += v;
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] /= (float) sum;
        }
        int row = size * 3;
        float[] tmp = new float[rgb.length];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                for (int c = 0; c < 3; c++) {
                    float acc = 0;
                    for (int k = -radius; k <= radius; k++) {
                        int xx = Math.min(Math.max(x + k, 0), size - 1); // clamp at the border
                        acc += (rgb[y * row + xx * 3 + c] & 0xff) * kernel[k + radius];
                    }
                    tmp[y * row + x * 3 + c] = acc;
                }
            }
        }
        byte[] out = new byte[rgb.length];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                for (int c = 0; c < 3; c++) {
                    float acc = 0;
                    for (int k = -radius; k <= radius; k++) {
                        int yy = Math.min(Math.max(y + k, 0), size - 1);
                        acc += tmp[yy * row + x * 3 + c] * kernel[k + radius];
                    }
                    out[y * row + x * 3 + c] = Resampler.clampToByte(acc);
                }
            }
        }
        return out;
    }

    byte[] jpeg(byte[] rgb, int quality) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, size, size, Resampler.pack(rgb), 0, size);
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        if (!writers.hasNext()) {
            throw new IllegalStateException("No JPEG writer registered with ImageIO");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(rgb.length / 4);
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality / 100f);
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG augmentation failed to encode in memory", e);
        } finally {
            writer.dispose();
        }
        try {
            BufferedImage decoded = ImageDecoder.read(bytes.toByteArray(), "JPEG augmentation");
            int[] packed = decoded.getRGB(0, 0, size, size, null, 0, size);
            byte[] out = new byte[rgb.length];
            for (int i = 0, j = 0; i < packed.length; i++, j += 3) {
                out[j] = (byte) (packed[i] >> 16);
                out[j + 1] = (byte) (packed[i] >> 8);
                out[j + 2] = (byte) packed[i];
            }
            return out;
        } catch (BadImageException e) {
            throw new IllegalStateException("JPEG augmentation produced an unreadable image", e);
        }
    }
}
