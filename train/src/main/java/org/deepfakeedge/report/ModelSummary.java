package org.deepfakeedge.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deepfakeedge.ArtifactException;
import org.deepfakeedge.artifact.ArtifactManifest;
import org.deepfakeedge.artifact.ModelArtifact;
import org.deepfakeedge.eval.Evaluation;
import org.deepfakeedge.provenance.Json;
import org.deepfakeedge.workflow.ModelMetrics;

/**
 * One row of a report, read only from an artifact's {@code model.json} and {@code metrics.json}:
 * reports are pure functions of files and never re-run anything. The metrics file is read strictly
 * ({@link ModelMetrics#read}), so a renamed field fails instead of showing "–".
 *
 * @param name row label
 * @param arch architecture
 * @param kind trained, pruned, ...
 * @param params trainable parameters (-1 without a metrics file)
 * @param nonzeroParams non-zero trainable parameters (-1 without a metrics file)
 * @param modelBytes bytes on disk (-1 without a metrics file)
 * @param trainSeconds training wall time (NaN if unknown)
 * @param metrics the metrics file (null if the folder has none)
 */
public record ModelSummary(
        String name,
        String arch,
        String kind,
        long params,
        long nonzeroParams,
        long modelBytes,
        double trainSeconds,
        ModelMetrics metrics) {

    /** Reads the summary of the artifact in {@code dir}. */
    public static ModelSummary read(String name, Path dir) {
        Path mj = dir.resolve(ModelArtifact.MANIFEST);
        if (!Files.isRegularFile(mj)) {
            throw new ArtifactException(
                    dir + " has no " + ModelArtifact.MANIFEST + ": not a model artifact");
        }
        ArtifactManifest model;
        try {
            model = Json.MAPPER.readValue(mj.toFile(), ArtifactManifest.class);
        } catch (IOException | RuntimeException e) {
            throw new ArtifactException("cannot read " + mj + ": " + e.getMessage(), e);
        }
        Path mf = dir.resolve(ModelArtifact.METRICS);
        ModelMetrics metrics = Files.isRegularFile(mf) ? ModelMetrics.read(mf) : null;
        Double train = metrics == null ? null : metrics.trainSeconds();
        return new ModelSummary(
                name,
                model.spec() == null ? null : model.spec().arch(),
                model.kind(),
                metrics == null ? -1 : metrics.params(),
                metrics == null ? -1 : metrics.nonzeroParams(),
                metrics == null ? -1 : metrics.modelBytes(),
                train == null ? Double.NaN : train,
                metrics);
    }

    /** The test evaluation, null without test data. */
    public Evaluation evaluation() {
        return metrics == null ? null : metrics.evaluation();
    }
}
