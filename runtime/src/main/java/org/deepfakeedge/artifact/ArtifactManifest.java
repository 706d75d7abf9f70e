package org.deepfakeedge.artifact;

import java.util.ArrayList;
import java.util.List;
import org.deepfakeedge.model.ModelSpec;
import org.deepfakeedge.provenance.Provenance;

/**
 * The content of {@code model.json}: everything needed to use, trust and reproduce a model.
 *
 * @param schemaVersion format version of this file
 * @param kind trained | pruned | distilled | quantized | lowrank | finetuned | adapted
 * @param spec the model's layers (the weights file must match it)
 * @param preprocessing how images become input
 * @param classNames class 0 and class 1 names (real, fake for detectors)
 * @param threshold decision threshold on p(class 1), chosen on validation data
 * @param history lineage, oldest first
 * @param weights the weights file's name, size and SHA-256 (its artifact id)
 * @param provenance environment, tool, data fingerprint, seed and timing of the last step ({@link
 *     Provenance#NONE} when unknown)
 */
public record ArtifactManifest(
        int schemaVersion,
        String kind,
        ModelSpec spec,
        Preprocessing preprocessing,
        List<String> classNames,
        double threshold,
        List<HistoryEntry> history,
        WeightsInfo weights,
        Provenance provenance) {

    /** Current {@code model.json} format version. */
    public static final int SCHEMA_VERSION = 1;

    public ArtifactManifest {
        classNames = List.copyOf(classNames);
        history = List.copyOf(history);
        provenance = provenance == null ? Provenance.NONE : provenance;
    }

    /**
     * The weights file record.
     *
     * @param file file name inside the artifact directory
     * @param bytes file size
     * @param sha256 hex SHA-256 of the file, also the artifact id
     */
    public record WeightsInfo(String file, long bytes, String sha256) {}

    /** Returns the artifact id: the SHA-256 of the weights file. */
    public String artifactId() {
        return weights == null ? null : weights.sha256();
    }

    /** Returns a copy with the weights record replaced. */
    public ArtifactManifest withWeights(WeightsInfo w) {
        return new ArtifactManifest(
                schemaVersion,
                kind,
                spec,
                preprocessing,
                classNames,
                threshold,
                history,
                w,
                provenance);
    }

    /** Returns a copy with another threshold. */
    public ArtifactManifest withThreshold(double t) {
        return new ArtifactManifest(
                schemaVersion,
                kind,
                spec,
                preprocessing,
                classNames,
                t,
                history,
                weights,
                provenance);
    }

    /** Returns a copy with other class names (a model transferred to a new task). */
    public ArtifactManifest withClassNames(List<String> names) {
        return new ArtifactManifest(
                schemaVersion,
                kind,
                spec,
                preprocessing,
                names,
                threshold,
                history,
                weights,
                provenance);
    }

    /**
     * Returns a derived manifest: new kind/spec, this lineage plus {@code step}, new provenance.
     */
    public ArtifactManifest derive(
            String newKind, ModelSpec newSpec, HistoryEntry step, Provenance newProvenance) {
        List<HistoryEntry> h = new ArrayList<>(history);
        h.add(step);
        return new ArtifactManifest(
                SCHEMA_VERSION,
                newKind,
                newSpec,
                preprocessing,
                classNames,
                threshold,
                h,
                null,
                newProvenance);
    }
}
