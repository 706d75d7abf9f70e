/**
 * Pruning: magnitude (L1) unstructured pruning, local or global, with masks for fine-tuning; and
 * structured pruning that removes whole filters and neurons so the model really gets smaller and
 * faster.
 */
package org.deepfakeedge.compress.prune;
