package org.deepfakeedge.data;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.SinglePixelPackedSampleModel;
import java.awt.image.WritableRaster;
import java.util.Arrays;

/**
 * Separable antialiased bilinear resampling of packed RGB pixels to interleaved RGB bytes.
 *
 * <p>The triangle filter is widened by the scale factor when shrinking, so every source pixel
 * contributes to the output (an area-weighted average) instead of being skipped as with nearest or
 * plain bilinear sampling; this is what Pillow's {@code resize(BILINEAR)} and torchvision's
 * antialiased resize do. Upscaling is ordinary bilinear interpolation. Stateless and thread-safe.
 *
 * <p>Public so that other packages resizing image regions (face crops, the face detector's
 * letterboxed input) resample exactly as the classifier's preprocessing does.
 */
public final class Resampler {

    private Resampler() {}

    /**
     * Resizes a rectangle of packed {@code 0xRRGGBB} pixels.
     *
     * @param pixels packed pixels, row-major
     * @param base index of pixel (0, 0) of the rectangle
     * @param stride distance between rows
     * @param w width of the rectangle
     * @param h height of the rectangle
     * @param outW output width
     * @param outH output height
     * @return {@code outW * outH * 3} bytes, RGB interleaved, row-major
     */
    public static byte[] resize(
            int[] pixels, int base, int stride, int w, int h, int outW, int outH) {
        if (w == outW && h == outH) {
            // the filter at scale 1 weighs each pixel 1 and its neighbours 0: the same bytes
            // (ResamplerTest checks it against the two passes), without them (a 224-px image
            // for a 224-px model was the top frame of a scan)
            return copy(pixels, base, stride, w, h);
        }
        return filtered(pixels, base, stride, w, h, outW, outH);
    }

    /** The rectangle's pixels as interleaved RGB bytes. */
    private static byte[] copy(int[] pixels, int base, int stride, int w, int h) {
        byte[] out = new byte[w * h * 3];
        int o = 0;
        for (int y = 0; y < h; y++) {
            int row = base + y * stride;
            for (int x = 0; x < w; x++) {
                int p = pixels[row + x];
                out[o++] = (byte) (p >> 16);
                out[o++] = (byte) (p >> 8);
                out[o++] = (byte) p;
            }
        }
        return out;
    }

    /** The two filter passes (horizontal into floats, vertical into bytes), at any scale. */
    static byte[] filtered(int[] pixels, int base, int stride, int w, int h, int outW, int outH) {
        Weights horizontal = Weights.of(w, outW);
        Weights vertical = Weights.of(h, outH);
        // Horizontal pass into floats, then vertical pass into bytes.
        float[] tmp = new float[h * outW * 3];
        for (int y = 0; y < h; y++) {
            int rowStart = base + y * stride;
            int t = y * outW * 3;
            for (int x = 0; x < outW; x++) {
                int first = horizontal.first[x];
                int k = x * horizontal.span;
                float r = 0;
                float g = 0;
                float b = 0;
                for (int i = 0; i < horizontal.count[x]; i++) {
                    int p = pixels[rowStart + first + i];
                    float wt = horizontal.weights[k + i];
                    r += ((p >> 16) & 0xff) * wt;
                    g += ((p >> 8) & 0xff) * wt;
                    b += (p & 0xff) * wt;
                }
                tmp[t++] = r;
                tmp[t++] = g;
                tmp[t++] = b;
            }
        }
        int rowLength = outW * 3;
        byte[] out = new byte[outH * rowLength];
        float[] acc = new float[rowLength];
        for (int y = 0; y < outH; y++) {
            Arrays.fill(acc, 0f);
            int first = vertical.first[y];
            int k = y * vertical.span;
            for (int i = 0; i < vertical.count[y]; i++) {
                float wt = vertical.weights[k + i];
                int src = (first + i) * rowLength;
                for (int j = 0; j < rowLength; j++) {
                    acc[j] += tmp[src + j] * wt;
                }
            }
            int o = y * rowLength;
            for (int j = 0; j < rowLength; j++) {
                out[o + j] = clampToByte(acc[j]);
            }
        }
        return out;
    }

    /**
     * Resizes the rectangle {@code (x0, y0, w, h)}, which must lie inside the image, to {@code outW
     * × outH} interleaved RGB bytes. A {@link BufferedImage#TYPE_INT_RGB} image is read in place
     * (copying a 12-megapixel photo first would double the work); other types are converted as
     * {@link ImageDecoder#toRgb} does.
     */
    public static byte[] resize(
            BufferedImage image, int x0, int y0, int w, int h, int outW, int outH) {
        BufferedImage rgb = ImageDecoder.toRgb(image);
        WritableRaster raster = rgb.getRaster();
        if (raster.getDataBuffer() instanceof DataBufferInt buffer
                && raster.getSampleModel() instanceof SinglePixelPackedSampleModel model
                && buffer.getNumBanks() == 1) {
            int stride = model.getScanlineStride();
            int base =
                    buffer.getOffset()
                            + (y0 - raster.getSampleModelTranslateY()) * stride
                            + (x0 - raster.getSampleModelTranslateX());
            return resize(buffer.getData(), base, stride, w, h, outW, outH);
        }
        int[] pixels = rgb.getRGB(x0, y0, w, h, null, 0, w);
        return resize(pixels, 0, w, w, h, outW, outH);
    }

    /** Packs interleaved RGB bytes into {@code 0xRRGGBB} ints. */
    public static int[] pack(byte[] rgb) {
        int[] packed = new int[rgb.length / 3];
        for (int i = 0, j = 0; i < packed.length; i++, j += 3) {
            packed[i] = ((rgb[j] & 0xff) << 16) | ((rgb[j + 1] & 0xff) << 8) | (rgb[j + 2] & 0xff);
        }
        return packed;
    }

    static byte clampToByte(float v) {
        int i = Math.round(v);
        return (byte) (i < 0 ? 0 : Math.min(i, 255));
    }

    /**
     * Filter taps of one axis: for output i, {@code count[i]} weights starting at {@code first[i]}.
     */
    private static final class Weights {
        final int[] first;
        final int[] count;
        final float[] weights;
        final int span;

        private Weights(int[] first, int[] count, float[] weights, int span) {
            this.first = first;
            this.count = count;
            this.weights = weights;
            this.span = span;
        }

        static Weights of(int in, int out) {
            double scale = (double) in / out;
            double filterScale = Math.max(scale, 1.0);
            double support = filterScale; // the triangle filter has radius 1 before widening
            int span = (int) Math.ceil(support) * 2 + 1;
            int[] first = new int[out];
            int[] count = new int[out];
            float[] weights = new float[out * span];
            for (int i = 0; i < out; i++) {
                double center = (i + 0.5) * scale;
                int lo = Math.max((int) Math.floor(center - support + 0.5), 0);
                int hi = Math.min((int) Math.floor(center + support + 0.5), in);
                int n = Math.min(hi - lo, span);
                double sum = 0;
                double[] w = new double[n];
                for (int j = 0; j < n; j++) {
                    double d = Math.abs((lo + j + 0.5 - center) / filterScale);
                    w[j] = d < 1 ? 1 - d : 0;
                    sum += w[j];
                }
                if (sum == 0) {
                    // Cannot happen for in, out >= 1; guard against a division by zero anyway.
                    w[0] = 1;
                    sum = 1;
                }
                for (int j = 0; j < n; j++) {
                    weights[i * span + j] = (float) (w[j] / sum);
                }
                first[i] = lo;
                count[i] = n;
            }
            return new Weights(first, count, weights, span);
        }
    }
}
