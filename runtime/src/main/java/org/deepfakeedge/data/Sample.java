package org.deepfakeedge.data;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One image file of a data set with its label, split, generator and, for frames taken from a video,
 * the video it came from.
 *
 * <p>Immutable and thread-safe.
 *
 * @param path the image file (absolute for indexes built by {@link DatasetLoader})
 * @param label 0 = real (or class 0), 1 = fake (or class 1)
 * @param split the partition the sample belongs to
 * @param generator the generator (or source) folder the image came from, {@code ""} when none
 * @param video the source video the image was cut from (any stable id, e.g. its path relative to
 *     the video data set), {@code ""} when none; frames of one video are scored together at the
 *     video level
 */
public record Sample(Path path, int label, Split split, String generator, String video) {

    /** Validates the components. */
    public Sample {
        Objects.requireNonNull(path, "path must not be null");
        Objects.requireNonNull(split, "split must not be null for " + path);
        Objects.requireNonNull(generator, "generator must not be null (use \"\") for " + path);
        Objects.requireNonNull(video, "video must not be null (use \"\") for " + path);
        if (label != 0 && label != 1) {
            throw new IllegalArgumentException(
                    "label must be 0 (real) or 1 (fake), found " + label + " for " + path);
        }
    }

    /**
     * A sample that comes from no video.
     *
     * @param path the image file
     * @param label 0 or 1
     * @param split the partition
     * @param generator the generator, {@code ""} when none
     */
    public Sample(Path path, int label, Split split, String generator) {
        this(path, label, split, generator, "");
    }

    /**
     * Returns a copy assigned to another split.
     *
     * @param newSplit the split of the copy
     * @return the copy
     */
    public Sample withSplit(Split newSplit) {
        return new Sample(path, label, newSplit, generator, video);
    }
}
