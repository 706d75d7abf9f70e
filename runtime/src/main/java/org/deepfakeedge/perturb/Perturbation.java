package org.deepfakeedge.perturb;

import java.awt.image.BufferedImage;
import org.deepfakeedge.data.DecodedImageTransform;

/**
 * A deterministic change of a decoded RGB image, applied before the model's preprocessing: the unit
 * of robustness evaluation ({@code evaluate --perturb}).
 *
 * <p>Implementations are immutable and thread-safe, never modify their input, and give the same
 * output for the same image and seed; only {@link GaussianNoise} uses the seed.
 */
public interface Perturbation {

    /**
     * Returns the canonical name, in the command-line syntax that {@link PerturbationParser} reads
     * back to an equal perturbation, e.g. {@code jpeg:75} or {@code resize:0.5+jpeg:75}.
     *
     * @return the name
     */
    String name();

    /**
     * Applies the perturbation.
     *
     * @param rgb a decoded image; converted to 8-bit RGB first if it is of another type
     * @param seed the image's own seed (see {@link PerturbationSeeds#forSample})
     * @return a new {@link BufferedImage#TYPE_INT_RGB} image of the same width and height
     */
    BufferedImage apply(BufferedImage rgb, long seed);

    /**
     * Returns this perturbation as a data-loader hook: each sample is perturbed with the seed
     * {@link PerturbationSeeds#forSample}{@code (seed, sample.path())}, so the same file always
     * gets the same noise, whatever the order or the threads.
     *
     * @param seed the run's fixed seed, e.g. {@link PerturbationSeeds#DEFAULT_SEED}
     * @return the hook for {@link org.deepfakeedge.data.BatchLoader}
     */
    default DecodedImageTransform onDecode(long seed) {
        return (image, sample) -> apply(image, PerturbationSeeds.forSample(seed, sample.path()));
    }
}
