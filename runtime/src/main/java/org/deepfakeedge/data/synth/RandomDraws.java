package org.deepfakeedge.data.synth;

import java.util.SplittableRandom;

/**
 * Draws from the distributions the renderers need, all from an explicit {@link SplittableRandom}.
 *
 * <p>Transcendental functions use {@link StrictMath} so that the same seed gives the same bits on
 * every JVM; {@link Math} may use platform intrinsics whose last bit can differ.
 */
final class RandomDraws {
    private static final double SQRT3 = Math.sqrt(3.0);

    private RandomDraws() {}

    /** Returns a uniform draw from [lo, hi). */
    static double uniform(SplittableRandom rng, double lo, double hi) {
        return lo + (hi - lo) * rng.nextDouble();
    }

    /** Returns a draw whose logarithm is uniform in [log lo, log hi), for scale parameters. */
    static double logUniform(SplittableRandom rng, double lo, double hi) {
        return lo * StrictMath.exp(rng.nextDouble() * StrictMath.log(hi / lo));
    }

    /** Returns true with probability {@code p}. */
    static boolean chance(SplittableRandom rng, double p) {
        return rng.nextDouble() < p;
    }

    /** Returns -1 or +1 with equal probability. */
    static double sign(SplittableRandom rng) {
        return rng.nextBoolean() ? 1.0 : -1.0;
    }

    /**
     * Returns an approximately standard normal draw.
     *
     * <p>The sum of four uniforms (Irwin–Hall) is scaled to unit variance: it is close enough to a
     * Gaussian for sensor noise, needs no transcendental function per pixel, and is several times
     * faster than Box–Muller.
     */
    static double gaussian(SplittableRandom rng) {
        return (rng.nextDouble() + rng.nextDouble() + rng.nextDouble() + rng.nextDouble() - 2.0)
                * SQRT3;
    }
}
