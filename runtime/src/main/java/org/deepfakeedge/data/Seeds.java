package org.deepfakeedge.data;

/** Derives independent seeds from a master seed and a few integers. Stateless and thread-safe. */
final class Seeds {

    private Seeds() {}

    /** SplitMix64's finaliser: spreads nearby inputs over the whole 64-bit range. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /**
     * Returns a seed for one purpose: the same inputs always give the same seed, and changing any
     * of them gives an unrelated one.
     */
    static long derive(long seed, long stream, long a, long b) {
        return mix(mix(mix(mix(seed) ^ stream) ^ a) ^ b);
    }
}
