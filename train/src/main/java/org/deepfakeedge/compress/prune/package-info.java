/**
 * Pruning: magnitude (L1) unstructured pruning, local or global, with masks for fine-tuning (the
 * paper's method, {@link org.deepfakeedge.compress.prune.MagnitudePruner}); and L1 structured
 * pruning that removes whole filters and neurons so the model really gets smaller and faster on a
 * dense runtime ({@link org.deepfakeedge.compress.prune.StructuredPruner}, beyond the paper).
 */
package org.deepfakeedge.compress.prune;
