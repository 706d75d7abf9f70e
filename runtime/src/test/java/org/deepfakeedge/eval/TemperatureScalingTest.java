package org.deepfakeedge.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.deepfakeedge.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Temperature scaling against hand-computed likelihoods and synthetic logits of known T. */
class TemperatureScalingTest {

    @Test
    void nll_of_two_samples_is_the_hand_computed_value() {
        // z = {2, -1}, y = {1, 0}, T = 2: s = {1, -0.5};
        // -log sigmoid(1) = log(1 + e^-1) = 0.313261687518223
        // -log(1 - sigmoid(-0.5)) = log(1 + e^-0.5) = 0.474076984180100
        double nll = TemperatureScaling.nll(new float[] {2, -1}, new int[] {1, 0}, 2.0);
        assertThat(nll).isCloseTo((0.313261687518223 + 0.474076984180100) / 2, within(1e-12));
        // T = 1 and a wrong label: -log(1 - sigmoid(2)) = log(1 + e^2) = 2.126928011042973
        assertThat(TemperatureScaling.nll(new float[] {2}, new int[] {0}, 1.0))
                .isCloseTo(2.126928011042973, within(1e-12));
    }

    @Test
    void fit_finds_the_analytic_optimum() {
        // four images at z = 1 (3 fake, 1 real) and four at z = -1 (3 real, 1 fake): the
        // likelihood is best when sigmoid(1/T) = 3/4, i.e. T = 1 / ln 3 = 0.910239226626837
        float[] z = {1, 1, 1, 1, -1, -1, -1, -1};
        int[] y = {1, 1, 1, 0, 0, 0, 0, 1};
        TemperatureFit f = TemperatureScaling.fit(z, y);
        assertThat(f.temperature()).isCloseTo(1 / Math.log(3), within(1e-10));
        assertThat(f.atBound()).isFalse();
        assertThat(f.before().temperature()).isEqualTo(1.0);
        // at the optimum the NLL is the entropy of Bernoulli(3/4): -(3/4 ln 3/4 + 1/4 ln 1/4)
        double entropy = -(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25));
        assertThat(f.after().nll()).isCloseTo(entropy, within(1e-12));
        assertThat(f.after().nll()).isLessThan(f.before().nll());
        // every p is 3/4 or 1/4 and matches its bin's share of fakes exactly
        assertThat(f.after().ece()).isCloseTo(0.0, within(1e-7));
    }

    /**
     * Logits z ~ N(0, 3²), labels ~ Bernoulli(sigmoid(z / T0)): the maximum-likelihood T must come
     * back within 4 standard errors. The standard error is that of the MLE of β = 1/T, 1 /
     * sqrt(n·I(β)) with I(β) = mean(z² p (1 − p)) the Fisher information per sample (the NLL's
     * curvature), carried to T by the delta method (SE_T = T² SE_β): for n = 100,000 about 0.8% of
     * T at T0 = 2.5 and 0.7% at T0 = 0.5, so a 4-SE miss is a 1-in-15,000 event for a correct
     * fitter and a biased one fails.
     */
    @ParameterizedTest
    @ValueSource(doubles = {2.5, 0.5})
    void fit_recovers_a_known_temperature_from_synthetic_logits(double t0) {
        int n = 100_000;
        SplittableRandom r = new SplittableRandom(20261202L + (long) (t0 * 10));
        float[] z = new float[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            z[i] = (float) (3 * gaussian(r));
            y[i] = r.nextDouble() < TemperatureScaling.sigmoid(z[i] / t0) ? 1 : 0;
        }
        TemperatureFit f = TemperatureScaling.fit(z, y);
        double beta = 1 / f.temperature();
        double info = 0;
        for (float v : z) {
            double p = TemperatureScaling.sigmoid(beta * v);
            info += (double) v * v * p * (1 - p);
        }
        info /= n;
        double seT = f.temperature() * f.temperature() / Math.sqrt(n * info);
        assertThat(f.temperature())
                .as("fitted T for T0 = %s (SE %s)", t0, seT)
                .isCloseTo(t0, within(4 * seT));
        assertThat(seT / t0).as("relative SE").isLessThan(0.01);
        assertThat(f.atBound()).isFalse();
        // the fitted T is the NLL's minimum: nudging it either way costs likelihood
        double best = TemperatureScaling.nll(z, y, f.temperature());
        assertThat(f.after().nll()).isEqualTo(best);
        assertThat(TemperatureScaling.nll(z, y, f.temperature() * 1.01)).isGreaterThan(best);
        assertThat(TemperatureScaling.nll(z, y, f.temperature() / 1.01)).isGreaterThan(best);
        assertThat(f.after().ece()).isLessThan(f.before().ece());
    }

    @Test
    void separable_data_stops_at_the_smallest_temperature() {
        TemperatureFit f =
                TemperatureScaling.fit(new float[] {2, 3, -1, -4}, new int[] {1, 1, 0, 0});
        assertThat(f.atBound()).isTrue();
        assertThat(f.temperature()).isEqualTo(TemperatureScaling.MIN_TEMPERATURE);
    }

    @Test
    void logits_that_say_the_opposite_stop_at_the_largest_temperature() {
        // z points the wrong way: the closer to 0.5, the better, up to the bound
        TemperatureFit f =
                TemperatureScaling.fit(new float[] {2, 3, -1, -4}, new int[] {0, 0, 1, 1});
        assertThat(f.atBound()).isTrue();
        assertThat(f.temperature()).isEqualTo(TemperatureScaling.MAX_TEMPERATURE);
    }

    @Test
    void zero_logits_keep_temperature_one() {
        TemperatureFit f = TemperatureScaling.fit(new float[] {0, 0, 0}, new int[] {1, 0, 1});
        assertThat(f.temperature()).isEqualTo(1.0);
    }

    @Test
    void the_mapped_threshold_gives_the_same_verdicts() {
        SplittableRandom r = new SplittableRandom(5);
        double t = 0.4497;
        double temperature = 2.3;
        double mapped = TemperatureScaling.mapThreshold(t, 1.0, temperature);
        // logit(0.4497) = -0.2019..., divided by 2.3: sigmoid(-0.08779) = 0.47807
        assertThat(mapped)
                .isCloseTo(
                        TemperatureScaling.sigmoid(TemperatureScaling.logit(t) / temperature),
                        within(0.0))
                .isCloseTo(0.47807, within(1e-5));
        for (int i = 0; i < 10_000; i++) {
            double z = r.nextDouble() * 16 - 8;
            boolean before = TemperatureScaling.sigmoid(z) >= t;
            boolean after = TemperatureScaling.sigmoid(z / temperature) >= mapped;
            if (Math.abs(z - TemperatureScaling.logit(t)) > 1e-9) {
                assertThat(after).as("z = %s", z).isEqualTo(before);
            }
        }
        assertThat(TemperatureScaling.mapThreshold(mapped, temperature, 1.0))
                .isCloseTo(t, within(1e-12));
        assertThat(TemperatureScaling.mapThreshold(0.0, 1, 3)).isEqualTo(0.0);
        assertThat(TemperatureScaling.mapThreshold(1.0, 1, 3)).isEqualTo(1.0);
        assertThat(TemperatureScaling.mapThreshold(0.5, 1, 3)).isEqualTo(0.5);
    }

    @Test
    void bad_input_is_refused_with_the_value() {
        assertThatThrownBy(() -> TemperatureScaling.fit(new float[0], new int[0]))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("at least one sample");
        assertThatThrownBy(() -> TemperatureScaling.fit(new float[] {Float.NaN}, new int[] {1}))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("finite");
        assertThatThrownBy(() -> TemperatureScaling.nll(new float[] {1}, new int[] {1}, 0))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("found 0.0");
    }

    /** A standard normal from two uniforms (Box–Muller), independent of the JDK's algorithm. */
    private static double gaussian(SplittableRandom r) {
        double u = 1 - r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
