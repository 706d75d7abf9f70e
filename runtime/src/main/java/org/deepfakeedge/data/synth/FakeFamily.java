package org.deepfakeedge.data.synth;

import static org.deepfakeedge.data.synth.RandomDraws.chance;
import static org.deepfakeedge.data.synth.RandomDraws.gaussian;
import static org.deepfakeedge.data.synth.RandomDraws.logUniform;
import static org.deepfakeedge.data.synth.RandomDraws.sign;
import static org.deepfakeedge.data.synth.RandomDraws.uniform;

import java.util.SplittableRandom;

/**
 * The fake-image families: each turns a scene into an image carrying the fingerprint one kind of
 * real generator leaves.
 *
 * <p>Every family draws the artifact strength per image from a wide log-uniform range, so some
 * fakes are faint and a detector must learn the pattern itself, not a global statistic. Families
 * that imitate GANs keep the camera's optical blur and sensor noise (a GAN learns to reproduce them
 * from its training photographs); the {@code smooth} family replaces sensor noise with the grey,
 * signal-independent residual of a denoising reconstruction.
 */
enum FakeFamily {
    /**
     * Transposed-convolution upsampling, as in ProGAN/StyleGAN-like generators.
     *
     * <p>The blurred scene is reduced to half resolution (the last feature map) and upsampled by a
     * stride-2 transposed convolution with a 3-tap kernel: even output pixels get one tap, odd
     * pixels two, and the taps do not sum to the same gain (uneven overlap). That leaves a
     * multiplicative period-2 pattern, a checkerboard with energy at the Nyquist frequencies (π,
     * 0), (0, π) and (π, π), of relative strength 1.2% to 10% per image, on top of the detail lost
     * at half resolution.
     */
    CHECKERBOARD("checkerboard") {
        @Override
        Planes render(Planes scene, SplittableRandom camera, SplittableRandom artifact) {
            Planes img = Camera.opticalBlur(scene, camera);
            double strength = logUniform(artifact, 0.03, 0.15);
            double gainX = strength * uniform(artifact, 0.3, 1.0) * sign(artifact);
            double gainY = strength * uniform(artifact, 0.3, 1.0) * sign(artifact);
            double skewX = uniform(artifact, -0.15, 0.15);
            double skewY = uniform(artifact, -0.15, 0.15);
            int n = img.size;
            int half = (n + 1) / 2;
            for (int c = 0; c < 3; c++) {
                // Learned kernels differ per output channel.
                double jitter = uniform(artifact, 0.7, 1.3);
                float[] low = PlaneOps.downsample2(img.ch[c], n);
                float[] rows = transposedUp(low, half, half, n, gainX * jitter, skewX, true);
                img.ch[c] = transposedUp(rows, n, half, n, gainY * jitter, skewY, false);
            }
            return Camera.addSensorNoise(img, camera);
        }
    },

    /**
     * Over-smooth autoencoder or diffusion reconstructions.
     *
     * <p>Edge-preserving (Perona–Malik) diffusion flattens fine, low-contrast texture while keeping
     * object edges, a slight blur removes what is left of the finest detail, and instead of
     * signal-dependent, per-channel sensor noise the image gets a faint grey residual of constant
     * level (0.3 to 4 grey levels), so its high-pass energy overlaps that of real photographs while
     * its noise has no colour and no dependence on brightness.
     */
    SMOOTH("smooth") {
        @Override
        Planes render(Planes scene, SplittableRandom camera, SplittableRandom artifact) {
            Planes img = Camera.opticalBlur(scene, camera);
            int iterations = 6 + artifact.nextInt(8);
            double edge = logUniform(artifact, 0.03, 0.1);
            diffuse(img, iterations, edge);
            PlaneOps.gaussianBlur(img, uniform(artifact, 0.3, 0.8));
            double residual = logUniform(artifact, 0.2, 2.0) / 255.0;
            int pixels = img.size * img.size;
            for (int i = 0; i < pixels; i++) {
                float z = (float) (residual * gaussian(artifact));
                for (int c = 0; c < 3; c++) {
                    img.ch[c][i] += z;
                }
            }
            return img;
        }
    },

    /**
     * Periodic spectral peaks, as GAN upsampling chains leave in the Fourier spectrum.
     *
     * <p>A faint multiplicative grid, a sum of cosines at a random subset of the fixed frequencies
     * {@link #SPECTRAL_PEAKS} (periods of 4 and 8 pixels, axis-aligned and diagonal) with random
     * phases, total relative amplitude 2% to 10%, is laid over the photographed scene before the
     * sensor noise.
     */
    SPECTRAL("spectral") {
        @Override
        Planes render(Planes scene, SplittableRandom camera, SplittableRandom artifact) {
            Planes img = Camera.opticalBlur(scene, camera);
            int n = img.size;
            double total = logUniform(artifact, 0.04, 0.15);
            int forced = artifact.nextInt(SPECTRAL_PEAKS.length);
            float[] grid = new float[n * n];
            for (int k = 0; k < SPECTRAL_PEAKS.length; k++) {
                boolean present = chance(artifact, 0.7) || k == forced;
                double amp = total * uniform(artifact, 0.4, 1.0);
                double phase = uniform(artifact, 0.0, 2.0 * Math.PI);
                if (present) {
                    addCosine(grid, n, SPECTRAL_PEAKS[k][0], SPECTRAL_PEAKS[k][1], amp, phase);
                }
            }
            for (int c = 0; c < 3; c++) {
                float jitter = (float) uniform(artifact, 0.8, 1.2);
                for (int i = 0; i < grid.length; i++) {
                    img.ch[c][i] *= 1f + jitter * grid[i];
                }
            }
            return Camera.addSensorNoise(img, camera);
        }
    };

    /** The frequencies (u, v), in cycles per pixel, of the {@link #SPECTRAL} family's peaks. */
    static final double[][] SPECTRAL_PEAKS = {
        {0.25, 0.0}, {0.0, 0.25}, {0.25, 0.25}, {0.25, -0.25}, {0.125, 0.0}, {0.0, 0.125}
    };

    private final String folderName;

    FakeFamily(String folderName) {
        this.folderName = folderName;
    }

    /** Returns the generator name, also the sub-folder of {@code fake/} its images go to. */
    String folderName() {
        return folderName;
    }

    /**
     * Renders a fake image of the scene.
     *
     * @param scene the ideal scene; may be modified
     * @param camera the stream for camera effects, drawn in the same order as for real images
     * @param artifact the stream for the family's own parameters
     */
    abstract Planes render(Planes scene, SplittableRandom camera, SplittableRandom artifact);

    /**
     * Stride-2 transposed convolution along rows (or columns) with taps {@code (1 - gain)(0.5 +
     * skew)}, {@code 1 + gain}, {@code (1 - gain)(0.5 - skew)}: even outputs copy one input with
     * gain 1 + gain, odd outputs blend two neighbours with gain 1 - gain.
     *
     * @param w the source width
     * @param h the source height
     * @param n the output length along the upsampled axis
     */
    private static float[] transposedUp(
            float[] src, int w, int h, int n, double gain, double skew, boolean alongRows) {
        float even = (float) (1.0 + gain);
        float left = (float) ((1.0 - gain) * (0.5 + skew));
        float right = (float) ((1.0 - gain) * (0.5 - skew));
        if (alongRows) {
            float[] out = new float[n * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < n; x++) {
                    int i = x / 2;
                    int row = y * w;
                    out[y * n + x] =
                            (x & 1) == 0
                                    ? even * src[row + i]
                                    : left * src[row + i]
                                            + right * src[row + PlaneOps.clamp(i + 1, w)];
                }
            }
            return out;
        }
        float[] out = new float[w * n];
        for (int y = 0; y < n; y++) {
            int i = y / 2;
            int next = PlaneOps.clamp(i + 1, h);
            for (int x = 0; x < w; x++) {
                out[y * w + x] =
                        (y & 1) == 0
                                ? even * src[i * w + x]
                                : left * src[i * w + x] + right * src[next * w + x];
            }
        }
        return out;
    }

    /** Adds amp·cos(2π(u·x + v·y) + phase) to an n×n plane, by angle addition. */
    private static void addCosine(
            float[] plane, int n, double u, double v, double amp, double phase) {
        float[] cosX = new float[n];
        float[] sinX = new float[n];
        float[] cosY = new float[n];
        float[] sinY = new float[n];
        for (int t = 0; t < n; t++) {
            cosX[t] = (float) (amp * StrictMath.cos(2.0 * Math.PI * u * t + phase));
            sinX[t] = (float) (amp * StrictMath.sin(2.0 * Math.PI * u * t + phase));
            cosY[t] = (float) StrictMath.cos(2.0 * Math.PI * v * t);
            sinY[t] = (float) StrictMath.sin(2.0 * Math.PI * v * t);
        }
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                plane[y * n + x] += cosX[x] * cosY[y] - sinX[x] * sinY[y];
            }
        }
    }

    /**
     * Perona–Malik diffusion with conductance 1 / (1 + (Δluma / edge)²), shared by the three
     * channels so colours do not fringe.
     */
    private static void diffuse(Planes img, int iterations, double edge) {
        int n = img.size;
        float inv = (float) (1.0 / (edge * edge));
        for (int it = 0; it < iterations; it++) {
            float[] luma = img.luma();
            float[][] next = new float[3][];
            for (int c = 0; c < 3; c++) {
                next[c] = img.ch[c].clone();
            }
            for (int y = 0; y < n; y++) {
                int up = PlaneOps.clamp(y - 1, n) * n;
                int down = PlaneOps.clamp(y + 1, n) * n;
                for (int x = 0; x < n; x++) {
                    int i = y * n + x;
                    flow(img, next, luma, inv, i, y * n + PlaneOps.clamp(x - 1, n));
                    flow(img, next, luma, inv, i, y * n + PlaneOps.clamp(x + 1, n));
                    flow(img, next, luma, inv, i, up + x);
                    flow(img, next, luma, inv, i, down + x);
                }
            }
            System.arraycopy(next, 0, img.ch, 0, 3);
        }
    }

    /** Moves intensity from neighbour j into pixel i, little across strong luma edges. */
    private static void flow(Planes img, float[][] next, float[] luma, float inv, int i, int j) {
        float d = luma[j] - luma[i];
        // 0.2 keeps the explicit four-neighbour scheme stable (it must stay below 0.25).
        float g = 0.2f / (1f + d * d * inv);
        for (int c = 0; c < 3; c++) {
            next[c][i] += g * (img.ch[c][j] - img.ch[c][i]);
        }
    }
}
