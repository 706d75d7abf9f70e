package org.deepfakeedge.data.synth;

import java.util.SplittableRandom;

/**
 * Fractal (octave) value noise with a power-law amplitude spectrum, the texture model of the scene
 * renderer.
 *
 * <p>Each octave is a random lattice, smoothly interpolated to the pixel grid; octaves halve the
 * cell size from the field's size down to {@code minCell} pixels. An octave of cell size s is
 * weighted by s<sup>alpha − 1</sup>, so the amplitude spectrum falls roughly as
 * 1/f<sup>alpha</sup>: alpha = 1 gives the scale-invariant spectrum of natural images (equal
 * contrast per octave), larger alpha smoother textures. Cell sizes are jittered and lattices offset
 * at random so that no octave locks onto the pixel grid, which would put spurious energy at the
 * periods the fake fingerprints use.
 */
final class FractalNoise {
    private FractalNoise() {}

    /**
     * Returns a w×h field with zero mean and unit standard deviation.
     *
     * @param alpha the amplitude-spectrum exponent, typically in [0.8, 1.8]
     * @param minCell the finest lattice cell in pixels, >= 1
     */
    static float[] field(SplittableRandom rng, int w, int h, double alpha, double minCell) {
        return field(rng, w, h, alpha, minCell, Math.max(w, h));
    }

    /** Like {@link #field(SplittableRandom, int, int, double, double)}, with a coarsest cell. */
    static float[] field(
            SplittableRandom rng, int w, int h, double alpha, double minCell, double maxCell) {
        float[] out = new float[w * h];
        for (double cell = maxCell; cell >= minCell; cell *= 0.5) {
            double jittered = cell * RandomDraws.uniform(rng, 0.85, 1.15);
            addOctave(rng, out, w, h, jittered, (float) StrictMath.pow(jittered, alpha - 1.0));
        }
        normalise(out);
        return out;
    }

    private static void addOctave(
            SplittableRandom rng, float[] out, int w, int h, double cell, float amplitude) {
        double ox = rng.nextDouble();
        double oy = rng.nextDouble();
        int gw = (int) Math.ceil(w / cell) + 2;
        int gh = (int) Math.ceil(h / cell) + 2;
        float[] lattice = new float[gw * gh];
        for (int i = 0; i < lattice.length; i++) {
            lattice[i] = (float) (2.0 * rng.nextDouble() - 1.0);
        }
        // Lattice index and smoothstep weight per column and per row, so the inner loop is cheap.
        int[] ix = new int[w];
        float[] wx = new float[w];
        for (int x = 0; x < w; x++) {
            double f = (x + 0.5) / cell + ox;
            ix[x] = (int) f;
            wx[x] = smoothstep(f - ix[x]);
        }
        for (int y = 0; y < h; y++) {
            double f = (y + 0.5) / cell + oy;
            int iy = (int) f;
            float wy = smoothstep(f - iy);
            int r0 = iy * gw;
            int r1 = r0 + gw;
            int row = y * w;
            for (int x = 0; x < w; x++) {
                int i = ix[x];
                float t = wx[x];
                float top = lattice[r0 + i] + t * (lattice[r0 + i + 1] - lattice[r0 + i]);
                float bottom = lattice[r1 + i] + t * (lattice[r1 + i + 1] - lattice[r1 + i]);
                out[row + x] += amplitude * (top + wy * (bottom - top));
            }
        }
    }

    private static float smoothstep(double t) {
        return (float) (t * t * (3.0 - 2.0 * t));
    }

    private static void normalise(float[] v) {
        double sum = 0.0;
        double sumSq = 0.0;
        for (float x : v) {
            sum += x;
            sumSq += (double) x * x;
        }
        double mean = sum / v.length;
        double var = sumSq / v.length - mean * mean;
        float scale = var > 1e-12 ? (float) (1.0 / Math.sqrt(var)) : 0f;
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((v[i] - mean) * scale);
        }
    }
}
