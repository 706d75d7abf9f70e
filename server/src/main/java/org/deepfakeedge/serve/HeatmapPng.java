package org.deepfakeedge.serve;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.deepfakeedge.explain.Heatmap;

/**
 * A {@link Heatmap} as a colour-mapped, translucent PNG of the model's input square, meant to be
 * laid over the part of the image the model saw (the answer of {@code /v1/explain} says where).
 *
 * <p>Each value v in [0, 1] becomes a colour from pale yellow (weak evidence) through orange to red
 * (strong), with opacity growing from 0 (no evidence: the image shows through) to 0.8. The map is
 * not blended with the image here: the client scales it over the region, so the service never
 * re-encodes the upload and the answer stays small (a few KB at 64 or 224 px).
 */
final class HeatmapPng {
    /** Colour stops: value, then red, green, blue, alpha (0–255). */
    private static final double[][] STOPS = {
        {0.0, 255, 240, 120, 0},
        {0.35, 255, 200, 40, 90},
        {0.7, 245, 110, 20, 160},
        {1.0, 200, 0, 0, 205}
    };

    private HeatmapPng() {}

    /** Returns the PNG bytes, {@code size × size} ARGB. */
    static byte[] encode(Heatmap map) {
        int n = map.size();
        BufferedImage img = new BufferedImage(n, n, BufferedImage.TYPE_INT_ARGB);
        int[] argb = new int[n * n];
        float[] v = map.values();
        for (int i = 0; i < argb.length; i++) {
            argb[i] = colour(v[i]);
        }
        img.setRGB(0, 0, n, n, argb, 0, n);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding in memory failed", e);
        }
        return out.toByteArray();
    }

    /** Returns the PNG as a {@code data:image/png;base64,...} URL for a JSON answer. */
    static String dataUrl(byte[] png) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
    }

    /** The ARGB colour of one value, interpolated linearly between the stops. */
    static int colour(float value) {
        double x = Math.max(0, Math.min(1, value));
        int k = 0;
        while (k < STOPS.length - 2 && x > STOPS[k + 1][0]) {
            k++;
        }
        double[] a = STOPS[k];
        double[] b = STOPS[k + 1];
        double t = (x - a[0]) / (b[0] - a[0]);
        int r = mix(a[1], b[1], t);
        int g = mix(a[2], b[2], t);
        int bl = mix(a[3], b[3], t);
        int al = mix(a[4], b[4], t);
        return al << 24 | r << 16 | g << 8 | bl;
    }

    private static int mix(double a, double b, double t) {
        return (int) Math.round(a + (b - a) * t);
    }
}
