package org.deepfakeedge.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Compresses an RGB image to JPEG in memory and decodes it again: the one JPEG encoder of the
 * training augmentation and of the robustness perturbation {@code jpeg:Q}, so both degrade images
 * the same way.
 *
 * <p>Encoder settings, identical on every call: the first writer ImageIO lists for {@code "jpeg"}
 * (with the project's classpath TwelveMonkeys' {@code JPEGImageWriter}, which hands the encoding to
 * the JDK's own {@code com.sun.imageio.plugins.jpeg.JPEGImageWriter}), {@link
 * ImageWriteParam#MODE_EXPLICIT} with compression quality {@code quality / 100} (the IJG quality
 * scaling of the standard tables), and the writer's defaults for everything else: baseline (SOF0),
 * standard Huffman tables, YCbCr with 4:2:0 chroma subsampling (Y 2×2, Cb and Cr 1×1), no metadata.
 * Decoding goes through {@link ImageDecoder#read(byte[], String)}, as any image file does.
 * Stateless and thread-safe: every call uses its own writer.
 */
public final class JpegCodec {

    private JpegCodec() {}

    /**
     * Encodes {@code image} as JPEG at {@code quality} and decodes the result.
     *
     * @param image any image; converted to 8-bit RGB first as {@link ImageDecoder#toRgb} does
     * @param quality JPEG quality in [1, 100]
     * @return a new {@link BufferedImage#TYPE_INT_RGB} image of the same size
     * @throws IllegalArgumentException if {@code quality} is outside [1, 100]
     */
    public static BufferedImage roundTrip(BufferedImage image, int quality) {
        byte[] encoded = encode(ImageDecoder.toRgb(image), quality);
        try {
            return ImageDecoder.read(encoded, "in-memory JPEG at quality " + quality);
        } catch (BadImageException e) {
            throw new IllegalStateException("JPEG encoding produced an unreadable image", e);
        }
    }

    /**
     * Encodes an 8-bit RGB image as JPEG with the settings described in the class comment.
     *
     * @param rgb a {@link BufferedImage#TYPE_INT_RGB} image
     * @param quality JPEG quality in [1, 100]
     * @return the JPEG file's bytes
     */
    public static byte[] encode(BufferedImage rgb, int quality) {
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException(
                    "JPEG quality must be in [1, 100], found " + quality);
        }
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        if (!writers.hasNext()) {
            throw new IllegalStateException("No JPEG writer registered with ImageIO");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes =
                new ByteArrayOutputStream(Math.max(1024, rgb.getWidth() * rgb.getHeight() / 4));
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality / 100f);
            writer.setOutput(out);
            writer.write(null, new IIOImage(rgb, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG encoding failed in memory", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /**
     * Round trip of interleaved RGB bytes (the augmentation's square crops).
     *
     * @param rgb {@code width * height * 3} bytes, HWC
     */
    static byte[] roundTrip(byte[] rgb, int width, int height, int quality) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, width, height, Resampler.pack(rgb), 0, width);
        BufferedImage decoded = roundTrip(image, quality);
        int[] packed = decoded.getRGB(0, 0, width, height, null, 0, width);
        byte[] out = new byte[rgb.length];
        for (int i = 0, j = 0; i < packed.length; i++, j += 3) {
            out[j] = (byte) (packed[i] >> 16);
            out[j + 1] = (byte) (packed[i] >> 8);
            out[j + 2] = (byte) packed[i];
        }
        return out;
    }
}
