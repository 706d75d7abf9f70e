package org.deepfakeedge.data;

import java.util.Locale;
import java.util.Optional;
import org.deepfakeedge.InvalidInputException;

/**
 * The partition of a data set a sample belongs to.
 *
 * <p>Folder and manifest names are matched case-insensitively: {@code train}; {@code val}, {@code
 * valid} or {@code validation}; {@code test}. Immutable and thread-safe.
 */
public enum Split {
    /** Data the model is fitted on. */
    TRAIN,
    /** Held-out data for choosing epochs, thresholds and hyper-parameters. */
    VAL,
    /** Held-out data reported once, at the end. */
    TEST;

    /**
     * Parses a split name.
     *
     * @param name {@code train}, {@code val}, {@code valid}, {@code validation} or {@code test}, in
     *     any case, surrounding blanks ignored
     * @return the split
     * @throws InvalidInputException if the name is none of these
     */
    public static Split parse(String name) {
        return fromName(name)
                .orElseThrow(
                        () ->
                                new InvalidInputException(
                                        "Unknown split '"
                                                + name
                                                + "': expected train, val (or valid, validation)"
                                                + " or test"));
    }

    /**
     * Lenient variant of {@link #parse} for names that may be something else (folder names, a
     * list's split field).
     *
     * @param name a possible split name
     * @return the split, empty when the name is none
     */
    public static Optional<Split> fromName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "train":
                return Optional.of(TRAIN);
            case "val":
            case "valid":
            case "validation":
                return Optional.of(VAL);
            case "test":
                return Optional.of(TEST);
            default:
                return Optional.empty();
        }
    }

    /**
     * Returns the lower-case name used in counts, manifests and reports.
     *
     * @return {@code train}, {@code val} or {@code test}
     */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
