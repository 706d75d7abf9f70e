package org.deepfakeedge.scan.videodata;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A video data set as {@link VideoLayouts#open} found it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param root the data set's folder
 * @param layout {@code faceforensics++}, {@code celeb-df-v2}, {@code dfdc} or {@code video-folders}
 * @param videos the videos, sorted by id
 * @param hasOwnTestSplit true when the layout says which videos are test (Celeb-DF's test list,
 *     DFDC metadata naming a test split)
 * @param warnings things the user should know, one line each
 */
public record VideoDataset(
        Path root,
        String layout,
        List<VideoItem> videos,
        boolean hasOwnTestSplit,
        List<String> warnings) {

    /** Validates and copies the components. */
    public VideoDataset {
        Objects.requireNonNull(root, "root must not be null");
        Objects.requireNonNull(layout, "layout must not be null");
        videos = List.copyOf(videos);
        warnings = List.copyOf(warnings);
    }
}
