package org.deepfakeedge.data;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One image file of a data set with its label, split and generator.
 *
 * <p>Immutable and thread-safe.
 *
 * @param path the image file (absolute for indexes built by {@link DatasetLoader})
 * @param label 0 = real (or class 0), 1 = fake (or class 1)
 * @param split the partition the sample belongs to
 * @param generator the generator (or source) folder the image came from, {@code ""} when none
 */
public record Sample(Path path, int label, Split split, String generator) {

    /** Validates the components. */
    public Sample {
        Objects.requireNonNull(path, "path must not be null");
        Objects.requireNonNull(split, "split must not be null for " + path);
        Objects.requireNonNull(generator, "generator must not be null (use \"\") for " + path);
        if (label != 0 && label != 1) {
            throw new IllegalArgumentException(
                    "label must be 0 (real) or 1 (fake), found " + label + " for " + path);
        }
    }

    /**
     * Returns a copy assigned to another split.
     *
     * @param newSplit the split of the copy
     * @return the copy
     */
    public Sample withSplit(Split newSplit) {
        return new Sample(path, label, newSplit, generator);
    }
}
