package org.deepfakeedge.perturb;

import java.awt.image.BufferedImage;
import org.deepfakeedge.data.ImageDecoder;

/** Conversions between images and interleaved RGB bytes (HWC), the form the filters work on. */
final class RgbImages {
    private RgbImages() {}

    /** The image's pixels as {@code width * height * 3} bytes, R G B per pixel, row-major. */
    static byte[] toBytes(BufferedImage image) {
        BufferedImage rgb = ImageDecoder.toRgb(image);
        int w = rgb.getWidth();
        int h = rgb.getHeight();
        int[] packed = rgb.getRGB(0, 0, w, h, null, 0, w);
        byte[] out = new byte[packed.length * 3];
        for (int i = 0, j = 0; i < packed.length; i++, j += 3) {
            out[j] = (byte) (packed[i] >> 16);
            out[j + 1] = (byte) (packed[i] >> 8);
            out[j + 2] = (byte) packed[i];
        }
        return out;
    }

    /** A {@link BufferedImage#TYPE_INT_RGB} image holding {@code w * h * 3} interleaved bytes. */
    static BufferedImage fromBytes(byte[] rgb, int w, int h) {
        int[] packed = new int[w * h];
        for (int i = 0, j = 0; i < packed.length; i++, j += 3) {
            packed[i] = ((rgb[j] & 0xff) << 16) | ((rgb[j + 1] & 0xff) << 8) | (rgb[j + 2] & 0xff);
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, w, h, packed, 0, w);
        return out;
    }

    /**
     * A number as the parser reads it back: no trailing zeros, no exponent ({@code 0.5}, {@code
     * 1}).
     */
    static String number(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** Width or height after scaling by {@code factor}: rounded, at least one pixel. */
    static int scaled(int side, double factor) {
        return (int) Math.max(1, Math.min(side, Math.round(side * factor)));
    }
}
