package org.deepfakeedge.scan.videodata;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.deepfakeedge.data.Split;

/**
 * One video of a video data set.
 *
 * <p>Immutable and thread-safe.
 *
 * @param path the video file, absolute
 * @param id the video's id: its path relative to the data set's root with {@code /} separators
 * @param label 0 = real, 1 = fake
 * @param generator the manipulation method (FF++'s {@code Deepfakes}, ...), {@code ""} for reals
 *     and when the layout does not name one
 * @param compression the compression level ({@code c0}, {@code c23}, {@code c40}, {@code raw}),
 *     {@code ""} when the layout has none
 * @param split the layout's own split (a test list), or {@code null} when the split is to be
 *     assigned
 * @param identities the source identities the video shows or was made from; videos sharing one are
 *     kept in the same split
 */
public record VideoItem(
        Path path,
        String id,
        int label,
        String generator,
        String compression,
        Split split,
        List<String> identities) {

    /** Validates and copies the components. */
    public VideoItem {
        Objects.requireNonNull(path, "path must not be null");
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(generator, "generator must not be null");
        Objects.requireNonNull(compression, "compression must not be null");
        identities = List.copyOf(identities);
        if (label != 0 && label != 1) {
            throw new IllegalArgumentException("label must be 0 or 1, found " + label);
        }
        if (identities.isEmpty()) {
            throw new IllegalArgumentException("a video needs at least one identity: " + id);
        }
    }

    /**
     * Returns a copy in another split.
     *
     * @param s the split
     * @return the copy
     */
    public VideoItem withSplit(Split s) {
        return new VideoItem(path, id, label, generator, compression, s, identities);
    }
}
