package org.deepfakeedge.data.synth;

import java.awt.image.BufferedImage;

/**
 * A square RGB image as three float planes of linear intensities, nominally in [0, 1].
 *
 * <p>The renderers work in floats so that faint artifacts survive until the final 8-bit
 * quantisation. Not thread-safe; each image is rendered by one thread.
 */
final class Planes {
    /** Width and height in pixels. */
    final int size;

    /** {@code ch[c][y * size + x]} for channel c = 0 (red), 1 (green), 2 (blue). */
    final float[][] ch;

    Planes(int size) {
        this.size = size;
        this.ch = new float[3][size * size];
    }

    /** Returns an independent copy. */
    Planes copy() {
        Planes p = new Planes(size);
        for (int c = 0; c < 3; c++) {
            System.arraycopy(ch[c], 0, p.ch[c], 0, ch[c].length);
        }
        return p;
    }

    /** Copies {@code from}'s pixels inside {@code r} over this image's (both of this size). */
    void paste(Planes from, java.awt.Rectangle r) {
        for (int c = 0; c < 3; c++) {
            for (int y = r.y; y < r.y + r.height; y++) {
                System.arraycopy(from.ch[c], y * size + r.x, ch[c], y * size + r.x, r.width);
            }
        }
    }

    /** Returns the Rec. 601 luma of every pixel. */
    float[] luma() {
        float[] r = ch[0];
        float[] g = ch[1];
        float[] b = ch[2];
        float[] y = new float[r.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = 0.299f * r[i] + 0.587f * g[i] + 0.114f * b[i];
        }
        return y;
    }

    /** Quantises to an 8-bit RGB image, clipping to [0, 1] as a sensor saturates. */
    BufferedImage toImage() {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        int[] rgb = new int[size * size];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (to8Bit(ch[0][i]) << 16) | (to8Bit(ch[1][i]) << 8) | to8Bit(ch[2][i]);
        }
        image.setRGB(0, 0, size, size, rgb, 0, size);
        return image;
    }

    private static int to8Bit(float v) {
        if (!(v > 0f)) {
            return 0;
        }
        return v >= 1f ? 255 : (int) (v * 255f + 0.5f);
    }
}
