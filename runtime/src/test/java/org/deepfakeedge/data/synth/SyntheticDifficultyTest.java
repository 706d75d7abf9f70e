package org.deepfakeedge.data.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks that each fake family is learnable but not trivial at 64×64.
 *
 * <p>A one-number baseline that ignores the artifact (mean absolute Laplacian of the grey image,
 * i.e. high-pass energy) must not separate 200 real from 200 fake images (ROC-AUC in either
 * direction below 0.97), while an oracle feature that knows the family's fingerprint must (ROC-AUC
 * above 0.8), so the artifact is really present and a detector has to find it.
 */
class SyntheticDifficultyTest {
    private static final Logger logger = LoggerFactory.getLogger(SyntheticDifficultyTest.class);
    private static final int SAMPLES = 200;
    private static final SynthSpec SPEC = SynthSpec.defaults().withImageSize(64);

    /** Nyquist frequencies, in cycles per pixel, where a stride-2 checkerboard puts its energy. */
    private static final double[][] NYQUIST = {{0.5, 0.0}, {0.0, 0.5}, {0.5, 0.5}};

    @ParameterizedTest
    @ValueSource(strings = {"checkerboard", "smooth", "spectral"})
    void baseline_fails_and_oracle_succeeds(String family) {
        Function<BufferedImage, Double> oracle =
                switch (family) {
                    case "checkerboard" -> image -> peakToBackground(grey(image), NYQUIST);
                    case "spectral" ->
                            image -> peakToBackground(grey(image), FakeFamily.SPECTRAL_PEAKS);
                    // Fakes lack per-channel sensor noise: less colour in the high-pass.
                    default -> image -> -chromaToLumaHighPass(image);
                };
        double[] realBaseline = new double[SAMPLES];
        double[] fakeBaseline = new double[SAMPLES];
        double[] realOracle = new double[SAMPLES];
        double[] fakeOracle = new double[SAMPLES];
        SynthSpec spec = SPEC.withGenerator(family);
        for (int i = 0; i < SAMPLES; i++) {
            BufferedImage real = SyntheticDatasets.render(spec, "test", 0, i);
            BufferedImage fake = SyntheticDatasets.render(spec, "test", 1, i);
            realBaseline[i] = meanAbsLaplacian(grey(real), real.getWidth());
            fakeBaseline[i] = meanAbsLaplacian(grey(fake), fake.getWidth());
            realOracle[i] = oracle.apply(real);
            fakeOracle[i] = oracle.apply(fake);
        }

        double baseline = auc(fakeBaseline, realBaseline);
        double separability = Math.max(baseline, 1.0 - baseline);
        double oracleAuc = auc(fakeOracle, realOracle);
        logger.info(
                "{}: baseline (mean |Laplacian|) AUC {} (separability {}), oracle AUC {}",
                family,
                String.format("%.3f", baseline),
                String.format("%.3f", separability),
                String.format("%.3f", oracleAuc));

        assertThat(separability)
                .as(
                        "%s: high-pass energy alone separates real from fake (AUC %.3f)",
                        family, baseline)
                .isLessThan(0.97);
        assertThat(oracleAuc)
                .as("%s: the artifact is too faint for an oracle feature to detect", family)
                .isGreaterThan(0.8);
    }

    /**
     * ROC-AUC of scores where {@code positives} should be higher, by the Mann–Whitney U statistic
     * (ties count one half).
     */
    static double auc(double[] positives, double[] negatives) {
        double wins = 0.0;
        for (double p : positives) {
            for (double n : negatives) {
                wins += p > n ? 1.0 : (p == n ? 0.5 : 0.0);
            }
        }
        return wins / ((double) positives.length * negatives.length);
    }

    private static double[][] channels(BufferedImage image) {
        int n = image.getWidth();
        int[] rgb = image.getRGB(0, 0, n, n, null, 0, n);
        double[][] c = new double[3][rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            c[0][i] = (rgb[i] >> 16) & 255;
            c[1][i] = (rgb[i] >> 8) & 255;
            c[2][i] = rgb[i] & 255;
        }
        return c;
    }

    private static double[] grey(BufferedImage image) {
        double[][] c = channels(image);
        double[] g = new double[c[0].length];
        for (int i = 0; i < g.length; i++) {
            g[i] = (c[0][i] + c[1][i] + c[2][i]) / 3.0;
        }
        return g;
    }

    /** Mean |4-neighbour Laplacian| over interior pixels: the high-pass energy baseline. */
    private static double meanAbsLaplacian(double[] g, int n) {
        double sum = 0.0;
        for (int y = 1; y < n - 1; y++) {
            for (int x = 1; x < n - 1; x++) {
                int i = y * n + x;
                sum += Math.abs(g[i - 1] + g[i + 1] + g[i - n] + g[i + n] - 4.0 * g[i]);
            }
        }
        return sum / ((double) (n - 2) * (n - 2));
    }

    /**
     * High-pass colour energy relative to high-pass grey energy; real sensor noise is partly
     * independent per channel, a reconstruction's residual is grey.
     */
    private static double chromaToLumaHighPass(BufferedImage image) {
        double[][] c = channels(image);
        int n = image.getWidth();
        double[] redGreen = new double[c[0].length];
        double[] blueGreen = new double[c[0].length];
        double[] grey = new double[c[0].length];
        for (int i = 0; i < grey.length; i++) {
            redGreen[i] = c[0][i] - c[1][i];
            blueGreen[i] = c[2][i] - c[1][i];
            grey[i] = (c[0][i] + c[1][i] + c[2][i]) / 3.0;
        }
        return (meanAbsLaplacian(redGreen, n) + meanAbsLaplacian(blueGreen, n))
                / (meanAbsLaplacian(grey, n) + 1e-9);
    }

    /**
     * Sum over the given frequencies of the Fourier amplitude there divided by the mean amplitude
     * on the ring of frequencies two bins away, so that broadband content does not count.
     */
    private static double peakToBackground(double[] g, double[][] frequencies) {
        int n = (int) Math.round(Math.sqrt(g.length));
        double sum = 0.0;
        for (double[] f : frequencies) {
            double background = 0.0;
            int ring = 0;
            for (int du = -2; du <= 2; du++) {
                for (int dv = -2; dv <= 2; dv++) {
                    if (Math.max(Math.abs(du), Math.abs(dv)) == 2) {
                        background +=
                                amplitude(g, n, f[0] + du / (double) n, f[1] + dv / (double) n);
                        ring++;
                    }
                }
            }
            sum += amplitude(g, n, f[0], f[1]) / (background / ring + 1e-9);
        }
        return sum;
    }

    /** |Σ g(x, y) exp(-2πi(u·x + v·y))| / n², computed separably. */
    private static double amplitude(double[] g, int n, double u, double v) {
        double re = 0.0;
        double im = 0.0;
        for (int y = 0; y < n; y++) {
            double rowRe = 0.0;
            double rowIm = 0.0;
            for (int x = 0; x < n; x++) {
                double phase = 2.0 * Math.PI * u * x;
                rowRe += g[y * n + x] * Math.cos(phase);
                rowIm -= g[y * n + x] * Math.sin(phase);
            }
            double phase = 2.0 * Math.PI * v * y;
            double c = Math.cos(phase);
            double s = -Math.sin(phase);
            re += rowRe * c - rowIm * s;
            im += rowRe * s + rowIm * c;
        }
        return Math.hypot(re, im) / ((double) n * n);
    }
}
