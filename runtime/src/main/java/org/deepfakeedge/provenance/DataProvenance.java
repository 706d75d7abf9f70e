package org.deepfakeedge.provenance;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deepfakeedge.data.DatasetIndex;

/**
 * The data a step saw: where it was, how it was laid out, its content fingerprint and sizes.
 *
 * <p>JSON: {@code {root, layout, fingerprint, counts {split: {class: n}}, class_names}}.
 *
 * @param root the data set's folder or manifest (absolute in {@code model.json}, relative to the
 *     experiment folder in {@code results.json} when inside it)
 * @param layout the layout the loader recognised
 * @param fingerprint SHA-256 content fingerprint ({@link DatasetIndex#fingerprint()})
 * @param counts images per split and class, in split order
 * @param classNames class 0 and class 1 names (not in {@code results.json} of schema 1)
 */
public record DataProvenance(
        String root,
        String layout,
        String fingerprint,
        Map<String, Map<String, Integer>> counts,
        @JsonOptional List<String> classNames) {

    public DataProvenance {
        counts =
                counts == null
                        ? Map.of()
                        : Collections.unmodifiableMap(new LinkedHashMap<>(counts));
        classNames = classNames == null ? null : List.copyOf(classNames);
    }

    /** The provenance of an opened data set, its root made absolute. */
    public static DataProvenance of(DatasetIndex data, String fingerprint) {
        return of(data, fingerprint, data.root().toAbsolutePath().toString());
    }

    /** The provenance of an opened data set, with the root written as given. */
    public static DataProvenance of(DatasetIndex data, String fingerprint, String root) {
        return new DataProvenance(
                root, data.layout(), fingerprint, data.counts(), data.classNames());
    }
}
