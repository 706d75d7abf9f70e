package org.deepfakeedge.faces;

/**
 * The anchor centres of BlazeFace's single-shot detector, in [0, 1] of the square input.
 *
 * <p>MediaPipe describes them with its SSD anchor options (front model: strides 8, 16, 16, 16 on a
 * 128 input, two anchors per layer, fixed anchor size 1, offset 0.5). Layers of equal stride share
 * one grid, so this is two grids: 16×16 cells with 2 anchors each, then 8×8 cells with 6 — 512 +
 * 384 = 896 anchors, in the order of the outputs ({@code Identity:0} then {@code Identity_1:0}):
 * row by row, cell by cell, anchor by anchor. The back model's strides (16, 32, 32, 32 on 256) give
 * the same grids. Every anchor has size 1 × 1, so box sizes are the raw outputs divided by the
 * input side. Immutable.
 */
final class Anchors {

    /** (cells per row, anchors per cell) of each grid, in output order. */
    static final int[][] BLAZEFACE_GRIDS = {{16, 2}, {8, 6}};

    private static final Anchors BLAZEFACE = of(BLAZEFACE_GRIDS);

    private final float[] x;
    private final float[] y;

    private Anchors(float[] x, float[] y) {
        this.x = x;
        this.y = y;
    }

    /** The 896 anchors both bundled models use. */
    static Anchors blazeFace() {
        return BLAZEFACE;
    }

    /**
     * Anchors of square grids: anchor {@code a} of cell (column {@code c}, row {@code r}) of a grid
     * with {@code n} cells per row is centred at {@code ((c + 0.5) / n, (r + 0.5) / n)}.
     *
     * @param grids (cells per row, anchors per cell) per grid, in output order
     */
    static Anchors of(int[][] grids) {
        int total = 0;
        for (int[] g : grids) {
            total += g[0] * g[0] * g[1];
        }
        float[] x = new float[total];
        float[] y = new float[total];
        int i = 0;
        for (int[] g : grids) {
            int cells = g[0];
            for (int row = 0; row < cells; row++) {
                for (int col = 0; col < cells; col++) {
                    for (int a = 0; a < g[1]; a++) {
                        x[i] = (col + 0.5f) / cells;
                        y[i] = (row + 0.5f) / cells;
                        i++;
                    }
                }
            }
        }
        return new Anchors(x, y);
    }

    int size() {
        return x.length;
    }

    /** Centre x of anchor {@code i}, in [0, 1]. */
    float x(int i) {
        return x[i];
    }

    /** Centre y of anchor {@code i}, in [0, 1]. */
    float y(int i) {
        return y[i];
    }
}
