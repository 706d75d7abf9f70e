package org.deepfakeedge.scan;

import java.nio.file.Path;

/**
 * One file to scan, as {@link ScanInputs} found it.
 *
 * @param path the file, as named (folders: the folder's path joined with the entry)
 * @param kind image or video by name and content; {@code UNKNOWN} when {@code error} is set
 * @param error why the entry cannot be scanned (a dangling link, a loop, an unreadable folder), or
 *     null
 */
public record ScanInput(Path path, Kind kind, String error) {

    /** What a file holds. */
    public enum Kind {
        IMAGE,
        VIDEO,
        UNKNOWN;

        /** The name written into results: {@code image}, {@code video}, {@code unknown}. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    static ScanInput of(Path path, Kind kind) {
        return new ScanInput(path, kind, null);
    }

    static ScanInput failed(Path path, String error) {
        return new ScanInput(path, Kind.UNKNOWN, error);
    }
}
