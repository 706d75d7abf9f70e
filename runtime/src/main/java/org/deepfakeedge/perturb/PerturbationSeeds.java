package org.deepfakeedge.perturb;

import java.nio.file.Path;

/**
 * Derives the seed of each image (and of each step of a chain) from one fixed seed. Stateless and
 * thread-safe.
 */
public final class PerturbationSeeds {

    /** The seed {@code evaluate --perturb} uses, so that every run draws the same noise. */
    public static final long DEFAULT_SEED = 0x726f_6275_7374L; // "robust"

    private PerturbationSeeds() {}

    /**
     * Returns the seed of one image: a 64-bit FNV-1a hash of the path's text, mixed with {@code
     * seed}. The same path gives the same seed in every run and on every thread; a data set moved
     * to another folder gets other (equally distributed) noise.
     *
     * @param seed the run's fixed seed
     * @param path the image's path as the data set lists it
     * @return the image's seed
     */
    public static long forSample(long seed, Path path) {
        long h = 0xcbf2_9ce4_8422_2325L;
        String text = path.toString();
        for (int i = 0; i < text.length(); i++) {
            h ^= text.charAt(i);
            h *= 0x0000_0100_0000_01b3L;
        }
        return mix(mix(seed) ^ h);
    }

    /** The seed of step {@code index} of a chain, so two noise steps draw different noise. */
    static long forStep(long seed, int index) {
        return mix(seed ^ mix(index + 1L));
    }

    /** SplitMix64's finaliser: nearby inputs give unrelated outputs. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
