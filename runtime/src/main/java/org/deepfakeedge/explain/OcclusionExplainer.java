package org.deepfakeedge.explain;

import java.awt.image.BufferedImage;
import java.util.Objects;
import org.deepfakeedge.data.ImagePreprocessor;

/**
 * A gradient-free heatmap: hide one part of the input at a time and see how much the evidence for
 * "fake" drops (Zeiler and Fergus's occlusion sensitivity), from forward passes only, in batches.
 *
 * <p>The input square is cut into {@code (grid + 1)²} cells; each of {@code grid²} masks covers 2×2
 * neighbouring cells (half-overlapping, so every interior cell is seen by four masks) and fills
 * them with the image's own mean colour per channel, which removes the region's texture, where a
 * generator's fingerprint lives, without adding an edge colour the model never saw. A cell's value
 * is the mean drop of {@link FakeEvidence} over the masks covering it; values are interpolated
 * bilinearly between cell centres to the input's size, negative drops (hiding the region made the
 * image look more fake) count as zero, and the map is scaled by its maximum. With the default grid
 * of 7 a map costs 50 forward passes (49 masks and the clean image). Thread-safe if the evidence
 * function is.
 */
public final class OcclusionExplainer {
    /** Masks per side by default: 49 masks + the clean image = 50 forward passes. */
    public static final int DEFAULT_GRID = 7;

    private static final int BATCH = 16;
    private final ImagePreprocessor preprocessor;
    private final FakeEvidence evidence;
    private final int grid;

    /**
     * @param preprocessor the model's preprocessing
     * @param evidence the model's fake evidence per preprocessed image (a logit difference)
     * @param grid masks per side, in [1, 32]
     */
    public OcclusionExplainer(ImagePreprocessor preprocessor, FakeEvidence evidence, int grid) {
        this.preprocessor = Objects.requireNonNull(preprocessor, "preprocessor");
        this.evidence = Objects.requireNonNull(evidence, "evidence");
        if (grid < 1 || grid > 32) {
            throw new IllegalArgumentException("grid must be in [1, 32], found " + grid);
        }
        if (grid + 1 > preprocessor.size()) {
            throw new IllegalArgumentException(
                    "grid "
                            + grid
                            + " needs an input of at least "
                            + (grid + 1)
                            + " pixels, the"
                            + " model's is "
                            + preprocessor.size());
        }
        this.grid = grid;
    }

    /** An explainer with the {@link #DEFAULT_GRID}. */
    public OcclusionExplainer(ImagePreprocessor preprocessor, FakeEvidence evidence) {
        this(preprocessor, evidence, DEFAULT_GRID);
    }

    /** Returns the forward passes one map costs: the masks and the clean image. */
    public int forwardPasses() {
        return grid * grid + 1;
    }

    /** Explains a decoded image (any size; it is resized as the model was trained). */
    public Heatmap explain(BufferedImage image) {
        return explain(preprocessor.toTensor(image));
    }

    /**
     * Explains one preprocessed image.
     *
     * @param tensor {@code 3 * size * size} normalised floats, CHW, as {@link
     *     ImagePreprocessor#toTensor} returns; not modified
     */
    public Heatmap explain(float[] tensor) {
        int size = preprocessor.size();
        int plane = size * size;
        if (tensor.length != 3 * plane) {
            throw new IllegalArgumentException(
                    "a "
                            + size
                            + "-pixel input has "
                            + 3 * plane
                            + " floats, found "
                            + tensor.length);
        }
        int cells = grid + 1;
        int[] edge = new int[cells + 1];
        for (int k = 0; k <= cells; k++) {
            edge[k] = (int) Math.round((double) k * size / cells);
        }
        float[] mean = new float[3];
        for (int c = 0; c < 3; c++) {
            double sum = 0;
            for (int i = 0; i < plane; i++) {
                sum += tensor[c * plane + i];
            }
            mean[c] = (float) (sum / plane);
        }
        float clean = evidence.evidence(tensor, 1)[0];
        int masks = grid * grid;
        float[] drop = new float[masks];
        for (int start = 0; start < masks; start += BATCH) {
            int n = Math.min(BATCH, masks - start);
            float[] batch = new float[n * 3 * plane];
            for (int b = 0; b < n; b++) {
                int m = start + b;
                int offset = b * 3 * plane;
                System.arraycopy(tensor, 0, batch, offset, 3 * plane);
                int y0 = edge[m / grid];
                int y1 = edge[m / grid + 2];
                int x0 = edge[m % grid];
                int x1 = edge[m % grid + 2];
                for (int c = 0; c < 3; c++) {
                    for (int y = y0; y < y1; y++) {
                        int row = offset + c * plane + y * size;
                        java.util.Arrays.fill(batch, row + x0, row + x1, mean[c]);
                    }
                }
            }
            float[] e = evidence.evidence(batch, n);
            for (int b = 0; b < n; b++) {
                drop[start + b] = clean - e[b];
            }
        }
        // A cell (row r, column c) is covered by the masks whose top-left cell is within one of it.
        float[] cell = new float[cells * cells];
        for (int r = 0; r < cells; r++) {
            for (int c = 0; c < cells; c++) {
                double sum = 0;
                int count = 0;
                for (int mr = Math.max(0, r - 1); mr <= Math.min(grid - 1, r); mr++) {
                    for (int mc = Math.max(0, c - 1); mc <= Math.min(grid - 1, c); mc++) {
                        sum += drop[mr * grid + mc];
                        count++;
                    }
                }
                cell[r * cells + c] = (float) (sum / count);
            }
        }
        return Heatmap.normalised(
                size, upsample(cell, cells, edge, size), "occlusion", forwardPasses());
    }

    /** Bilinear interpolation between cell centres, clamped at the border cells' centres. */
    private static float[] upsample(float[] cell, int cells, int[] edge, int size) {
        double[] centre = new double[cells];
        for (int k = 0; k < cells; k++) {
            centre[k] = (edge[k] + edge[k + 1] - 1) / 2.0;
        }
        int[] lo = new int[size];
        float[] frac = new float[size];
        for (int p = 0; p < size; p++) {
            int k = 0;
            while (k < cells - 2 && p > centre[k + 1]) {
                k++;
            }
            double t = (p - centre[k]) / (centre[k + 1] - centre[k]); // cells >= 2
            lo[p] = k;
            frac[p] = (float) Math.max(0, Math.min(1, t));
        }
        float[] out = new float[size * size];
        for (int y = 0; y < size; y++) {
            int r0 = lo[y];
            int r1 = Math.min(cells - 1, r0 + 1);
            float ty = frac[y];
            for (int x = 0; x < size; x++) {
                int c0 = lo[x];
                int c1 = Math.min(cells - 1, c0 + 1);
                float tx = frac[x];
                float top = cell[r0 * cells + c0] * (1 - tx) + cell[r0 * cells + c1] * tx;
                float bottom = cell[r1 * cells + c0] * (1 - tx) + cell[r1 * cells + c1] * tx;
                out[y * size + x] = top * (1 - ty) + bottom * ty;
            }
        }
        return out;
    }
}
