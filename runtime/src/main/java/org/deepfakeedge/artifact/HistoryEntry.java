package org.deepfakeedge.artifact;

import java.util.Map;

/**
 * One step in a model's lineage: how it was made from its parent.
 *
 * @param method {@code train}, {@code prune}, {@code distill}, ... as the CLI verb
 * @param options the fully resolved options of that step (defaults included)
 * @param createdAt UTC ISO-8601 time the step finished
 * @param parentId artifact id (weights SHA-256) of the parent, null for a model trained from
 *     scratch
 * @param parentPath where the parent was read from, for humans
 */
public record HistoryEntry(
        String method,
        Map<String, Object> options,
        String createdAt,
        String parentId,
        String parentPath) {
    public HistoryEntry {
        options =
                options == null
                        ? Map.of()
                        : java.util.Collections.unmodifiableMap(
                                new java.util.LinkedHashMap<>(options));
    }
}
