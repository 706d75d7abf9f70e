package org.deepfakeedge.data.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Synthetic clips: deterministic, segments as documented, the camera pans, and a fake frame is its
 * real frame plus the family's fingerprint.
 */
class SyntheticClipTest {
    private static final int N = 64;
    private static final SynthSpec SPEC = SynthSpec.defaults().withImageSize(N);

    @Test
    void theSameSpecGivesTheSameFrames() {
        SyntheticClip a = SyntheticClip.of(SPEC, 3, 20);
        SyntheticClip b = SyntheticClip.of(SPEC, 3, 20);
        assertThat(b.segments()).isEqualTo(a.segments());
        for (int k : new int[] {0, 7, 19}) {
            assertThat(pixels(b.frame(k))).isEqualTo(pixels(a.frame(k)));
        }
        assertThat(pixels(SyntheticClip.of(SPEC, 4, 20).frame(0))).isNotEqualTo(pixels(a.frame(0)));
        assertThat(pixels(SyntheticClip.of(SPEC.withSeed(7), 3, 20).frame(0)))
                .isNotEqualTo(pixels(a.frame(0)));
    }

    @Test
    void evenClipsAreRealOddClipsHoldOneFakeSegment() {
        for (int index = 0; index < 8; index++) {
            SyntheticClip c = SyntheticClip.of(SPEC, index, 30);
            List<SyntheticClip.Segment> s = c.segments();
            assertThat(s.get(0).start()).isZero();
            assertThat(s.get(s.size() - 1).end()).isEqualTo(30);
            for (int i = 1; i < s.size(); i++) {
                assertThat(s.get(i).start()).isEqualTo(s.get(i - 1).end());
            }
            List<SyntheticClip.Segment> fakes =
                    s.stream().filter(x -> x.label().equals("fake")).toList();
            if (index % 2 == 0) {
                assertThat(fakes).isEmpty();
                assertThat(c.label()).isEqualTo("real");
            } else {
                assertThat(fakes).hasSize(1);
                assertThat(fakes.get(0).end() - fakes.get(0).start()).isBetween(10, 20);
                assertThat(c.label()).isEqualTo("fake");
                assertThat(c.labelOf(fakes.get(0).start())).isEqualTo(1);
                assertThat(c.labelOf(fakes.get(0).end() - 1)).isEqualTo(1);
            }
        }
        // mixed: the families take turns over the fake clips
        assertThat(
                        List.of(1, 3, 5).stream()
                                .map(i -> SyntheticClip.of(SPEC, i, 4).generator())
                                .toList())
                .containsExactly("checkerboard", "smooth", "spectral");
        assertThatThrownBy(() -> SyntheticClip.of(SPEC.withGenerator("shapes"), 0, 4))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCameraPansOverTheScene() {
        SyntheticClip c = SyntheticClip.of(SPEC, 0, 40);
        double near = meanAbsDiff(c.frame(0), c.frame(1));
        double far = meanAbsDiff(c.frame(0), c.frame(39));
        assertThat(far).isGreaterThan(near);
        assertThat(far).isGreaterThan(1.0);
    }

    @Test
    void aCheckerboardFakeFrameIsItsRealFramePlusANyquistPattern() {
        SyntheticClip c = SyntheticClip.of(SPEC.withGenerator("checkerboard"), 1, 10);
        double[][] p = power(difference(c.frame(4, 1), c.frame(4, 0)));
        double nyquist = Math.max(p[N / 2][0], Math.max(p[0][N / 2], p[N / 2][N / 2]));
        // a spectral line far above the broad detail the half-resolution step lost
        assertThat(nyquist).isGreaterThan(50 * median(p));
        // the real frame alone has no such line
        double[][] real = power(luma(c.frame(4, 0)));
        assertThat(Math.max(real[N / 2][0], Math.max(real[0][N / 2], real[N / 2][N / 2])))
                .isLessThan(nyquist / 10);
    }

    @Test
    void aSpectralFakeFrameCarriesTheFamilysPeaks() {
        SyntheticClip c = SyntheticClip.of(SPEC.withGenerator("spectral"), 1, 10);
        double[][] p = power(difference(c.frame(2, 1), c.frame(2, 0)));
        int[] peak = argmax(p);
        boolean listed = false;
        for (double[] f : FakeFamily.SPECTRAL_PEAKS) {
            int u = Math.floorMod((int) Math.round(f[0] * N), N);
            int v = Math.floorMod((int) Math.round(f[1] * N), N);
            listed |=
                    (peak[0] == u && peak[1] == v)
                            || (peak[0] == (N - u) % N && peak[1] == (N - v) % N);
        }
        assertThat(listed).as("peak at (%d, %d)", peak[0], peak[1]).isTrue();
        assertThat(p[peak[0]][peak[1]]).isGreaterThan(50 * median(p));
    }

    @Test
    void aSmoothFakeFrameHasLessFineDetailThanItsRealFrame() {
        SyntheticClip c = SyntheticClip.of(SPEC.withGenerator("smooth"), 1, 10);
        for (int k : new int[] {0, 9}) {
            assertThat(laplacianEnergy(c.frame(k, 1)))
                    .isLessThan(0.8 * laplacianEnergy(c.frame(k, 0)));
        }
    }

    private static int[] pixels(BufferedImage img) {
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }

    private static double luma(int rgb) {
        return 0.299 * (rgb >> 16 & 255) + 0.587 * (rgb >> 8 & 255) + 0.114 * (rgb & 255);
    }

    private static double[] difference(BufferedImage a, BufferedImage b) {
        int[] pa = pixels(a);
        int[] pb = pixels(b);
        double[] d = new double[pa.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = luma(pa[i]) - luma(pb[i]);
        }
        return d;
    }

    private static double meanAbsDiff(BufferedImage a, BufferedImage b) {
        double s = 0;
        for (double v : difference(a, b)) {
            s += Math.abs(v);
        }
        return s / (N * N);
    }

    private static double[] luma(BufferedImage img) {
        int[] p = pixels(img);
        double[] l = new double[p.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = luma(p[i]);
        }
        return l;
    }

    /** The power of the 2-D DFT of an N×N plane, {@code [u][v]}, DC set to 0. */
    private static double[][] power(double[] d) {
        // rows first, then columns: O(N^3)
        double[][] re = new double[N][N];
        double[][] im = new double[N][N];
        for (int y = 0; y < N; y++) {
            for (int u = 0; u < N; u++) {
                for (int x = 0; x < N; x++) {
                    double a = -2 * Math.PI * u * x / N;
                    re[y][u] += d[y * N + x] * Math.cos(a);
                    im[y][u] += d[y * N + x] * Math.sin(a);
                }
            }
        }
        double[][] p = new double[N][N];
        for (int u = 0; u < N; u++) {
            for (int v = 0; v < N; v++) {
                double r = 0;
                double i = 0;
                for (int y = 0; y < N; y++) {
                    double a = -2 * Math.PI * v * y / N;
                    r += re[y][u] * Math.cos(a) - im[y][u] * Math.sin(a);
                    i += re[y][u] * Math.sin(a) + im[y][u] * Math.cos(a);
                }
                p[u][v] = r * r + i * i;
            }
        }
        p[0][0] = 0;
        return p;
    }

    private static int[] argmax(double[][] p) {
        int[] best = {0, 0};
        for (int u = 0; u < N; u++) {
            for (int v = 0; v < N; v++) {
                if (p[u][v] > p[best[0]][best[1]]) {
                    best = new int[] {u, v};
                }
            }
        }
        return best;
    }

    private static double median(double[][] p) {
        double[] all =
                java.util.Arrays.stream(p)
                        .flatMapToDouble(java.util.Arrays::stream)
                        .sorted()
                        .toArray();
        return all[all.length / 2];
    }

    private static double laplacianEnergy(BufferedImage img) {
        int[] p = pixels(img);
        double s = 0;
        for (int y = 1; y < N - 1; y++) {
            for (int x = 1; x < N - 1; x++) {
                double l =
                        4 * luma(p[y * N + x])
                                - luma(p[y * N + x - 1])
                                - luma(p[y * N + x + 1])
                                - luma(p[(y - 1) * N + x])
                                - luma(p[(y + 1) * N + x]);
                s += l * l;
            }
        }
        return s;
    }
}
