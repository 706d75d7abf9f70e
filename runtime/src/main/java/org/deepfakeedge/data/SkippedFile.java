package org.deepfakeedge.data;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file that {@link BatchLoader} could not decode and left out of every batch.
 *
 * <p>Immutable and thread-safe.
 *
 * @param path the file
 * @param reason one-line reason, e.g. {@code "empty file (0 bytes)"}
 */
public record SkippedFile(Path path, String reason) {

    /** Validates the components. */
    public SkippedFile {
        Objects.requireNonNull(path, "path must not be null");
        Objects.requireNonNull(reason, "reason must not be null");
    }
}
