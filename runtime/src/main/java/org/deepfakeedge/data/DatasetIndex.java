package org.deepfakeedge.data;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result of scanning a data set: every image file with its label, split and generator.
 *
 * <p>Built by {@link DatasetLoader#open}; no image has been decoded yet, so undecodable files are
 * still listed here and skipped later by {@link BatchLoader}. Immutable and thread-safe.
 *
 * @param root the data set's root folder (the folder of a CSV manifest)
 * @param layout the detected layout: {@code standard}, {@code forensynths}, {@code 140k-faces},
 *     {@code deepfake-and-real}, {@code synthbuster-raise}, {@code class-folders} or {@code csv}
 * @param classNames the names of class 0 and class 1, e.g. {@code [real, fake]}
 * @param samples the samples, sorted by split then path
 * @param warnings things the user should know (a carved-out validation split, ignored folders,
 *     skipped manifest rows), one line each
 */
public record DatasetIndex(
        Path root,
        String layout,
        List<String> classNames,
        List<Sample> samples,
        List<String> warnings) {

    /** Validates and copies the components. */
    public DatasetIndex {
        Objects.requireNonNull(root, "root must not be null");
        Objects.requireNonNull(layout, "layout must not be null");
        if (layout.isBlank()) {
            throw new IllegalArgumentException("layout must not be blank");
        }
        classNames = List.copyOf(classNames);
        samples = List.copyOf(samples);
        warnings = List.copyOf(warnings);
        if (classNames.size() != 2) {
            throw new IllegalArgumentException(
                    "classNames must hold 2 names (class 0, class 1), found " + classNames);
        }
    }

    /**
     * Returns the samples of one split, in index order.
     *
     * @param s the split
     * @return the samples, possibly empty
     */
    public List<Sample> split(Split s) {
        return samples.stream().filter(x -> x.split() == s).toList();
    }

    /**
     * Tells whether any sample has a generator name.
     *
     * @return true when per-generator metrics are possible
     */
    public boolean hasGenerators() {
        return samples.stream().anyMatch(x -> !x.generator().isEmpty());
    }

    /**
     * Counts samples per split and class.
     *
     * @return split id ({@code train}, {@code val}, {@code test}) → class name → count; every split
     *     and class is present, with 0 when empty; unmodifiable, in a fixed order
     */
    public Map<String, Map<String, Integer>> counts() {
        int[][] n = new int[Split.values().length][2];
        for (Sample s : samples) {
            n[s.split().ordinal()][s.label()]++;
        }
        Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
        for (Split split : Split.values()) {
            Map<String, Integer> perClass = new LinkedHashMap<>();
            perClass.put(classNames.get(0), n[split.ordinal()][0]);
            perClass.put(classNames.get(1), n[split.ordinal()][1]);
            counts.put(split.id(), Collections.unmodifiableMap(perClass));
        }
        return Collections.unmodifiableMap(counts);
    }

    /**
     * Computes the data set's content fingerprint with {@link DatasetFingerprint#of(DatasetIndex)}.
     *
     * <p>Not cached: every call reads every file (records hold no derived state), so call it once
     * per run and keep the result.
     *
     * @return 64 lower-case hex digits
     */
    public String fingerprint() {
        return DatasetFingerprint.of(this);
    }
}
