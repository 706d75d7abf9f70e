package org.deepfakeedge.serve;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.deepfakeedge.explain.Heatmap;
import org.deepfakeedge.explain.HeatmapOverlay;
import org.deepfakeedge.explain.InfernoColours;

/**
 * A {@link Heatmap} as a colour-mapped, translucent PNG of the model's input square, meant to be
 * laid over the part of the image the model saw (the answer of {@code /v1/explain} says where).
 *
 * <p>The colours and opacities are those of the command line's overlays ({@link HeatmapOverlay}):
 * the {@link InfernoColours} ramp, opacity {@link HeatmapOverlay#MAX_ALPHA} × value (no evidence:
 * the image shows through), so a heatmap looks the same in the browser and in {@code predict
 * --explain}. The map is not blended with the image here: the client scales it over the region, so
 * the service never re-encodes the upload and the answer stays small (a few KB at 64 or 224 px).
 */
final class HeatmapPng {
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

    /** The ARGB colour of one value: the overlay's colour at the overlay's opacity. */
    static int colour(float value) {
        double x = value >= 0 ? Math.min(1, value) : 0;
        int alpha = (int) Math.round(255 * HeatmapOverlay.MAX_ALPHA * x);
        return alpha << 24 | InfernoColours.rgb(x);
    }
}
