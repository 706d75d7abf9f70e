package org.deepfakeedge.eval;

import org.deepfakeedge.InvalidInputException;

/**
 * Temperature scaling: one positive number T that turns a binary detector's logits into
 * probabilities that mean what they say.
 *
 * <p>Guo, Pleiss, Sun and Weinberger, <a href="https://arxiv.org/abs/1706.04599">On Calibration of
 * Modern Neural Networks</a> (ICML 2017). Use it when a model ranks well but its p_fake is over- or
 * under-confident (high ECE): it changes no verdict and no ranking, only how far the scores are
 * from 0.5. With the logit difference z = l_fake − l_real of each validation image and its label y
 * (1 = fake), the fitted T minimises the mean negative log-likelihood
 *
 * <pre>
 * NLL(T) = (1/n) Σ_i [ softplus(z_i / T) − y_i · z_i / T ],   p_i = sigmoid(z_i / T)
 * </pre>
 *
 * <p>(softmax over two logits divided by T is exactly sigmoid(z / T)). As a function of β = 1/T the
 * NLL is convex: NLL'(β) = (1/n) Σ z_i (p_i − y_i) rises monotonically, NLL''(β) = (1/n) Σ z_i² p_i
 * (1 − p_i) ≥ 0. The fit finds the root of NLL'(β) on [1/{@value #MAX_TEMPERATURE}, 1/{@value
 * #MIN_TEMPERATURE}] by Newton steps kept inside a shrinking sign-change bracket (a bisection
 * whenever a step would leave it), starting at β = 1: deterministic, no random start, converged
 * when the step is below 1e-12·β. When the slope has one sign over the whole range the optimum lies
 * beyond it and the fit stops at the bound ({@link TemperatureFit#atBound()}): e.g. separable data,
 * whose likelihood keeps rising as T → 0.
 *
 * <p>Stateless and thread-safe.
 */
public final class TemperatureScaling {
    /** The smallest temperature fitted (a 20-fold sharpening of the logits). */
    public static final double MIN_TEMPERATURE = 0.05;

    /** The largest temperature fitted (a 20-fold softening of the logits). */
    public static final double MAX_TEMPERATURE = 20.0;

    private static final int MAX_ITERATIONS = 200;

    private TemperatureScaling() {}

    /**
     * Fits T on logit differences and labels.
     *
     * @param z logit difference l_fake − l_real per sample (uncalibrated: temperature 1)
     * @param labels 0 (real) or 1 (fake), same length
     * @return the temperature and the NLL, ECE and Brier score before (T = 1) and after
     * @throws InvalidInputException if the arrays differ in length, are empty, a label is not 0/1
     *     or a logit is not finite
     */
    public static TemperatureFit fit(float[] z, int[] labels) {
        Inputs.check(z, labels);
        if (z.length == 0) {
            throw new InvalidInputException("temperature scaling needs at least one sample");
        }
        double lo = 1 / MAX_TEMPERATURE;
        double hi = 1 / MIN_TEMPERATURE;
        double beta;
        int iterations = 0;
        boolean atBound = false;
        double gLo = slope(z, labels, lo);
        double gHi = slope(z, labels, hi);
        if (allZero(z)) {
            beta = 1; // every p is 0.5 whatever T: nothing to fit, keep the scores as they are
        } else if (gLo >= 0) {
            beta = lo; // the NLL rises from the smallest β on: the optimum is at T ≥ 20
            atBound = true;
        } else if (gHi <= 0) {
            beta = hi; // still falling at the largest β: T ≤ 0.05 (e.g. separable data)
            atBound = true;
        } else {
            beta = 1;
            while (iterations < MAX_ITERATIONS) {
                iterations++;
                double g = slope(z, labels, beta);
                if (g == 0) {
                    break;
                }
                if (g < 0) {
                    lo = beta;
                } else {
                    hi = beta;
                }
                double h = curvature(z, labels, beta);
                double next = h > 0 ? beta - g / h : Double.NaN;
                if (!(next > lo && next < hi)) {
                    next = (lo + hi) / 2; // the Newton step left the bracket: bisect
                }
                double step = Math.abs(next - beta);
                beta = next;
                if (step <= 1e-12 * beta || hi - lo <= 1e-15 * hi) {
                    break;
                }
            }
        }
        double t = 1 / beta;
        return new TemperatureFit(
                t,
                iterations,
                atBound,
                TemperatureFit.Quality.of(z, labels, 1.0),
                TemperatureFit.Quality.of(z, labels, t));
    }

    /**
     * Returns the mean negative log-likelihood (natural log) of the labels under p = sigmoid(z /
     * t).
     *
     * @throws InvalidInputException if the arrays differ in length, a label is not 0/1, a logit is
     *     not finite or {@code t} is not a positive finite number
     */
    public static double nll(float[] z, int[] labels, double t) {
        Inputs.check(z, labels);
        checkTemperature(t);
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            double s = z[i] / t;
            sum += softplus(s) - labels[i] * s;
        }
        return z.length == 0 ? Double.NaN : sum / z.length;
    }

    /** Returns p_fake = sigmoid(z / t) per sample, as the runtimes report it (float). */
    public static float[] pFake(float[] z, double t) {
        checkTemperature(t);
        float[] p = new float[z.length];
        for (int i = 0; i < z.length; i++) {
            p[i] = (float) sigmoid(z[i] / t);
        }
        return p;
    }

    /**
     * Maps a decision threshold on p under temperature {@code from} to the threshold under {@code
     * to} that gives the same verdicts: sigmoid(logit(threshold) · from / to). Since p = sigmoid(z
     * / T) is increasing in z for every T &gt; 0, "p ≥ threshold" under {@code from} and "p ≥
     * mapped" under {@code to} both say z ≥ logit(threshold) · from (up to float rounding of scores
     * within about 1e-7 of the threshold). Thresholds 0 and 1 map to themselves.
     */
    public static double mapThreshold(double threshold, double from, double to) {
        checkTemperature(from);
        checkTemperature(to);
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new InvalidInputException("threshold must be in [0, 1], found " + threshold);
        }
        if (from == to || threshold == 0 || threshold == 1) {
            return threshold;
        }
        return sigmoid(logit(threshold) * from / to);
    }

    /** The logistic function, 1 / (1 + e^−x), without overflow. */
    public static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }

    /** The inverse of {@link #sigmoid}: log(p / (1 − p)). */
    public static double logit(double p) {
        return Math.log(p) - Math.log1p(-p);
    }

    /** log(1 + e^x) without overflow or loss for large |x|. */
    static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    /** NLL'(β) = (1/n) Σ z_i (sigmoid(β z_i) − y_i). */
    private static double slope(float[] z, int[] labels, double beta) {
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            sum += z[i] * (sigmoid(beta * z[i]) - labels[i]);
        }
        return sum / z.length;
    }

    /** NLL''(β) = (1/n) Σ z_i² p_i (1 − p_i). */
    private static double curvature(float[] z, int[] labels, double beta) {
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            double p = sigmoid(beta * z[i]);
            sum += (double) z[i] * z[i] * p * (1 - p);
        }
        return sum / z.length;
    }

    private static boolean allZero(float[] z) {
        for (float v : z) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }

    static void checkTemperature(double t) {
        if (!(t > 0 && Double.isFinite(t))) {
            throw new InvalidInputException("temperature must be a finite number > 0, found " + t);
        }
    }
}
