package org.deepfakeedge.data.synth;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link SyntheticDatasets#write} produced.
 *
 * <p>Immutable and thread-safe.
 *
 * @param root the dataset folder (absolute), holding {@code train/}, {@code val/}, {@code test/}
 *     and {@code dataset.json}
 * @param countsBySplitAndClass images per {@code "split/classFolder"}, e.g. {@code "train/real"} or
 *     {@code "val/0_round"}, in the order split, class; splits with no images are listed with 0
 * @param imagesWritten the number of PNG files written
 * @param millis the wall time of the whole write, in milliseconds
 */
public record SynthResult(
        Path root, Map<String, Integer> countsBySplitAndClass, long imagesWritten, long millis) {

    /** Checks the values and freezes the map (keeping its order, for stable printing). */
    public SynthResult {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(countsBySplitAndClass, "countsBySplitAndClass");
        if (imagesWritten < 0 || millis < 0) {
            throw new IllegalArgumentException(
                    "imagesWritten and millis must be >= 0, found "
                            + imagesWritten
                            + " and "
                            + millis);
        }
        // Map.copyOf would lose the split/class order that reports print in.
        countsBySplitAndClass =
                Collections.unmodifiableMap(new LinkedHashMap<>(countsBySplitAndClass));
    }
}
