package org.deepfakeedge.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deepfakeedge.ArtifactException;
import org.deepfakeedge.artifact.ModelArtifact;
import org.deepfakeedge.provenance.Json;

/**
 * One row of a report, read only from an artifact's {@code model.json} and {@code metrics.json}:
 * reports are pure functions of files and never re-run anything.
 *
 * @param name row label
 * @param arch architecture
 * @param kind trained, pruned, ...
 * @param params trainable parameters
 * @param nonzeroParams non-zero trainable parameters
 * @param modelBytes bytes on disk
 * @param trainSeconds training wall time (NaN if unknown)
 * @param metrics the test metrics object (may be empty)
 */
public record ModelSummary(
        String name,
        String arch,
        String kind,
        long params,
        long nonzeroParams,
        long modelBytes,
        double trainSeconds,
        JsonNode metrics) {

    /** Reads the summary of the artifact in {@code dir}. */
    public static ModelSummary read(String name, Path dir) {
        if (!Files.isRegularFile(dir.resolve(ModelArtifact.MANIFEST))) {
            throw new ArtifactException(
                    dir + " has no " + ModelArtifact.MANIFEST + ": not a model artifact");
        }
        try {
            JsonNode model = Json.MAPPER.readTree(dir.resolve(ModelArtifact.MANIFEST).toFile());
            Path mf = dir.resolve(ModelArtifact.METRICS);
            JsonNode metrics =
                    Files.isRegularFile(mf)
                            ? Json.MAPPER.readTree(mf.toFile())
                            : Json.MAPPER.createObjectNode();
            return new ModelSummary(
                    name,
                    model.path("spec").path("arch").asText(),
                    model.path("kind").asText(),
                    metrics.path("params").asLong(-1),
                    metrics.path("nonzero_params").asLong(-1),
                    metrics.path("model_bytes").asLong(-1),
                    metrics.path("training").path("train_seconds").asDouble(Double.NaN),
                    metrics);
        } catch (IOException e) {
            throw new ArtifactException(
                    "cannot read the model files in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Returns a top-level metric, NaN when absent or null. */
    public double metric(String key) {
        JsonNode n = metrics.path(key);
        return n.isNumber() ? n.asDouble() : Double.NaN;
    }
}
