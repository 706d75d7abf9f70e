package org.deepfakeedge.data.synth;

/**
 * Separable filters and resampling on single float planes, with edge pixels replicated.
 *
 * <p>Everything is O(pixels × kernel width), so 224×224 images stay cheap.
 */
final class PlaneOps {
    private PlaneOps() {}

    /** Returns a Gaussian-blurred copy of a w×h plane; sigma in pixels, > 0. */
    static float[] gaussianBlur(float[] src, int w, int h, double sigma) {
        int radius = Math.max(1, (int) Math.ceil(3.0 * sigma));
        float[] kernel = new float[2 * radius + 1];
        double sum = 0.0;
        for (int k = -radius; k <= radius; k++) {
            double v = StrictMath.exp(-0.5 * k * k / (sigma * sigma));
            kernel[k + radius] = (float) v;
            sum += v;
        }
        for (int k = 0; k < kernel.length; k++) {
            kernel[k] = (float) (kernel[k] / sum);
        }
        return convolveColumns(convolveRows(src, w, h, kernel), w, h, kernel);
    }

    /** Blurs all three channels in place. */
    static void gaussianBlur(Planes p, double sigma) {
        for (int c = 0; c < 3; c++) {
            p.ch[c] = gaussianBlur(p.ch[c], p.size, p.size, sigma);
        }
    }

    /** Convolves every row with an odd-length kernel centred on its middle tap. */
    static float[] convolveRows(float[] src, int w, int h, float[] kernel) {
        int radius = kernel.length / 2;
        float[] out = new float[src.length];
        for (int y = 0; y < h; y++) {
            int row = y * w;
            for (int x = 0; x < w; x++) {
                float acc = 0f;
                for (int k = -radius; k <= radius; k++) {
                    acc += kernel[k + radius] * src[row + clamp(x + k, w)];
                }
                out[row + x] = acc;
            }
        }
        return out;
    }

    /** Convolves every column with an odd-length kernel centred on its middle tap. */
    static float[] convolveColumns(float[] src, int w, int h, float[] kernel) {
        int radius = kernel.length / 2;
        float[] out = new float[src.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float acc = 0f;
                for (int k = -radius; k <= radius; k++) {
                    acc += kernel[k + radius] * src[clamp(y + k, h) * w + x];
                }
                out[y * w + x] = acc;
            }
        }
        return out;
    }

    /** Averages 2×2 blocks of an n×n plane into a ceil(n/2)-square plane. */
    static float[] downsample2(float[] src, int n) {
        int m = (n + 1) / 2;
        float[] out = new float[m * m];
        for (int y = 0; y < m; y++) {
            int y0 = 2 * y;
            int y1 = clamp(y0 + 1, n);
            for (int x = 0; x < m; x++) {
                int x0 = 2 * x;
                int x1 = clamp(x0 + 1, n);
                out[y * m + x] =
                        0.25f
                                * (src[y0 * n + x0]
                                        + src[y0 * n + x1]
                                        + src[y1 * n + x0]
                                        + src[y1 * n + x1]);
            }
        }
        return out;
    }

    /** Returns i clamped to [0, n), i.e. the index of the replicated edge pixel. */
    static int clamp(int i, int n) {
        return i < 0 ? 0 : (i >= n ? n - 1 : i);
    }
}
