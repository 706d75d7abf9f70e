package org.deepfakeedge.explain;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.Objects;
import org.deepfakeedge.data.ImageDecoder;
import org.deepfakeedge.data.ResizeMode;

/**
 * Draws a {@link Heatmap} over the image it explains, at the image's own size.
 *
 * <p>The map covers the model's input square, so it is mapped back through the model's resize: with
 * {@link ResizeMode#STRETCH} onto the whole image (stretched like the image was), with {@link
 * ResizeMode#CENTER_CROP} onto the central square the model saw, the rest of the image left as it
 * is. Map pixels are treated as samples at their centres and interpolated bilinearly (clamped at
 * the border), so a coarse map gives a smooth overlay. Each pixel is blended with the colour of its
 * value ({@link InfernoColours}) at opacity {@link #MAX_ALPHA} × value: where the evidence is weak
 * the image shows through nearly untouched, and a zero map returns the image unchanged. Stateless
 * and thread-safe.
 */
public final class HeatmapOverlay {
    /** The opacity of the overlay where the map is 1: the image still shows through. */
    public static final double MAX_ALPHA = 0.75;

    private HeatmapOverlay() {}

    /**
     * Returns a new RGB image: {@code image} with {@code map} drawn over the part the model saw.
     *
     * @param image the image as it was given to the model (any size and type; not modified)
     * @param map the map over the model's input square
     * @param mode the model's resize mode ({@link
     *     org.deepfakeedge.data.ImagePreprocessor#resizeMode})
     * @return a {@link BufferedImage#TYPE_INT_RGB} image of the same size as {@code image}
     */
    public static BufferedImage render(BufferedImage image, Heatmap map, ResizeMode mode) {
        Objects.requireNonNull(map, "map");
        BufferedImage rgb = ImageDecoder.toRgb(Objects.requireNonNull(image, "image"));
        int w = rgb.getWidth();
        int h = rgb.getHeight();
        int[] pixels = rgb.getRGB(0, 0, w, h, null, 0, w);
        Rectangle area = mode.region(w, h);
        Axis cols = Axis.of(map.size(), area.width);
        Axis rows = Axis.of(map.size(), area.height);
        float[] values = map.values();
        int n = map.size();
        for (int y = 0; y < area.height; y++) {
            int r0 = rows.lo[y] * n;
            int r1 = rows.hi[y] * n;
            float ty = rows.frac[y];
            int row = (area.y + y) * w + area.x;
            for (int x = 0; x < area.width; x++) {
                int c0 = cols.lo[x];
                int c1 = cols.hi[x];
                float tx = cols.frac[x];
                float top = values[r0 + c0] + (values[r0 + c1] - values[r0 + c0]) * tx;
                float bottom = values[r1 + c0] + (values[r1 + c1] - values[r1 + c0]) * tx;
                float v = top + (bottom - top) * ty;
                if (v > 0) {
                    pixels[row + x] = blend(pixels[row + x], InfernoColours.rgb(v), MAX_ALPHA * v);
                }
            }
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, w, h, pixels, 0, w);
        return out;
    }

    /** {@code (1 - alpha) · under + alpha · over} per channel, rounded. */
    static int blend(int under, int over, double alpha) {
        int out = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            int a = (under >> shift) & 0xff;
            int b = (over >> shift) & 0xff;
            out |= (int) Math.round(a + (b - a) * alpha) << shift;
        }
        return out;
    }

    /**
     * For each of {@code length} image pixels along one axis, the two map samples around its centre
     * and the weight of the second: pixel {@code p} sits at map coordinate {@code (p + 0.5) · size
     * / length − 0.5}.
     */
    private record Axis(int[] lo, int[] hi, float[] frac) {
        static Axis of(int size, int length) {
            int[] lo = new int[length];
            int[] hi = new int[length];
            float[] frac = new float[length];
            for (int p = 0; p < length; p++) {
                double u = (p + 0.5) * size / length - 0.5;
                u = Math.max(0, Math.min(size - 1, u));
                lo[p] = (int) Math.floor(u);
                hi[p] = Math.min(size - 1, lo[p] + 1);
                frac[p] = (float) (u - lo[p]);
            }
            return new Axis(lo, hi, frac);
        }
    }
}
