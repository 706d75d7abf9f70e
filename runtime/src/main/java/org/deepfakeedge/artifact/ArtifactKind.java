package org.deepfakeedge.artifact;

import java.util.Locale;

/**
 * What made an artifact, as {@code model.json}'s {@code kind} spells it. The manifest keeps the
 * field a string so that a model made by a newer version (with a kind this one does not know) still
 * loads; the tool itself writes only these.
 */
public enum ArtifactKind {
    /** Trained from scratch ({@code train}). */
    TRAINED,
    /** Magnitude- or filter-pruned, possibly fine-tuned. */
    PRUNED,
    /** A student trained with a teacher's soft labels. */
    DISTILLED,
    /** Dynamic-linear INT8 weights. */
    QUANTIZED,
    /** A linear layer replaced by its truncated-SVD factors. */
    LOWRANK,
    /** Fine-tuned on another task. */
    FINETUNED,
    /** An adapter trained on another task. */
    ADAPTED;

    /** The name in {@code model.json}: lower case. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return id();
    }
}
