package org.deepfakeedge.data;

/**
 * Separable Gaussian blur of interleaved RGB bytes: the one blur of the training augmentation and
 * of the robustness perturbation {@code blur:SIGMA}.
 *
 * <p>The kernel is {@code exp(-i² / (2σ²))} for {@code i} in {@code [-r, r]}, {@code r = ⌈3σ⌉},
 * normalised to sum 1; it runs horizontally into floats, then vertically, and each result is
 * rounded to the nearest byte. Pixels beyond the border repeat the edge pixel (clamp), so a
 * constant image stays constant. A σ below {@value #MIN_SIGMA} returns the input itself: so narrow
 * a kernel changes no value after rounding. Stateless and thread-safe.
 */
public final class GaussianBlur {

    /** Below this sigma (pixels) the image is returned unchanged. */
    public static final double MIN_SIGMA = 0.1;

    private GaussianBlur() {}

    /**
     * Blurs an image.
     *
     * @param rgb {@code width * height * 3} bytes, HWC; not modified
     * @param width image width in pixels, &ge; 1
     * @param height image height in pixels, &ge; 1
     * @param sigma standard deviation of the kernel in pixels, &ge; 0
     * @return a new array, or {@code rgb} itself when {@code sigma < MIN_SIGMA}
     */
    public static byte[] blur(byte[] rgb, int width, int height, double sigma) {
        if (rgb.length != width * height * 3) {
            throw new IllegalArgumentException(
                    "rgb must hold width*height*3 = "
                            + width * height * 3
                            + " bytes, found "
                            + rgb.length);
        }
        if (sigma < MIN_SIGMA) {
            return rgb;
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
        int row = width * 3;
        float[] tmp = new float[rgb.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (int c = 0; c < 3; c++) {
                    float acc = 0;
                    for (int k = -radius; k <= radius; k++) {
                        int xx = Math.min(Math.max(x + k, 0), width - 1); // clamp at the border
                        acc += (rgb[y * row + xx * 3 + c] & 0xff) * kernel[k + radius];
                    }
                    tmp[y * row + x * 3 + c] = acc;
                }
            }
        }
        byte[] out = new byte[rgb.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (int c = 0; c < 3; c++) {
                    float acc = 0;
                    for (int k = -radius; k <= radius; k++) {
                        int yy = Math.min(Math.max(y + k, 0), height - 1);
                        acc += tmp[yy * row + x * 3 + c] * kernel[k + radius];
                    }
                    out[y * row + x * 3 + c] = Resampler.clampToByte(acc);
                }
            }
        }
        return out;
    }
}
