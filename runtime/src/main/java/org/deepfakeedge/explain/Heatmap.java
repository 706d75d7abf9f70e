package org.deepfakeedge.explain;

import java.util.Arrays;

/**
 * Where a detector found evidence for "fake" in one image: a {@code size × size} map over the
 * model's input square, row-major, each value in [0, 1] (the largest is 1 unless the map is all
 * zero: no region raised the fake score).
 *
 * @param size side of the map in pixels, the model's input size
 * @param values {@code size * size} values, row-major; copied, never shared
 * @param method how it was computed ({@code occlusion}, {@code grad-cam})
 * @param forwardPasses images the model ran forward to compute it (the clean image included)
 */
public record Heatmap(int size, float[] values, String method, int forwardPasses) {
    public Heatmap {
        if (size < 1) {
            throw new IllegalArgumentException("size must be >= 1, found " + size);
        }
        if (values.length != size * size) {
            throw new IllegalArgumentException(
                    "a "
                            + size
                            + "×"
                            + size
                            + " map needs "
                            + size * size
                            + " values, found "
                            + values.length);
        }
        values = values.clone();
        for (float v : values) {
            if (!(v >= 0f && v <= 1f)) {
                throw new IllegalArgumentException("heatmap values must be in [0, 1], found " + v);
            }
        }
    }

    /** Returns the value at column {@code x}, row {@code y}. */
    public float at(int x, int y) {
        return values[y * size + x];
    }

    /** Returns a copy of the values, row-major. */
    @Override
    public float[] values() {
        return values.clone();
    }

    /**
     * Returns the share of the map's total mass inside the rectangle [x0, x1) × [y0, y1) in map
     * pixels; 0 for an all-zero map. Compare it with the rectangle's area share to see whether the
     * map concentrates there.
     */
    public double massInside(int x0, int y0, int x1, int y1) {
        double total = 0;
        double inside = 0;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                float v = values[y * size + x];
                total += v;
                if (x >= x0 && x < x1 && y >= y0 && y < y1) {
                    inside += v;
                }
            }
        }
        return total == 0 ? 0 : inside / total;
    }

    /**
     * Scales raw non-negative evidence to [0, 1] by its maximum (negative values count as no
     * evidence, as Grad-CAM's ReLU does).
     *
     * @param size side of the map
     * @param raw {@code size * size} raw values; not modified
     */
    public static Heatmap normalised(int size, float[] raw, String method, int forwardPasses) {
        float max = 0;
        for (float v : raw) {
            max = Math.max(max, v);
        }
        float[] out = new float[raw.length];
        if (max > 0 && Float.isFinite(max)) {
            for (int i = 0; i < raw.length; i++) {
                out[i] = raw[i] > 0 ? Math.min(1f, raw[i] / max) : 0f;
            }
        }
        return new Heatmap(size, out, method, forwardPasses);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Heatmap h
                && h.size == size
                && h.forwardPasses == forwardPasses
                && h.method.equals(method)
                && Arrays.equals(h.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(values) + method.hashCode()) + size;
    }

    @Override
    public String toString() {
        return "Heatmap[" + method + ", " + size + "×" + size + ", " + forwardPasses + " passes]";
    }
}
