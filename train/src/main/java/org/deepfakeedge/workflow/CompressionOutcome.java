package org.deepfakeedge.workflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.deepfakeedge.artifact.ModelArtifact;
import org.deepfakeedge.provenance.Json;

/**
 * What a compression command produced, with its cost and (when data was given) quality before and
 * after.
 *
 * @param method prune, distill, quantize or factorize
 * @param source the input model (the teacher for distillation)
 * @param artifact the new model
 * @param before the input model on the test split (null without data, or when the options do not
 *     score the source)
 * @param after the new model on the test split (null without data)
 * @param seconds wall time of the whole command
 * @param details method-specific figures (sparsity, rank, retained energy, ...)
 */
public record CompressionOutcome(
        String method,
        ModelArtifact source,
        ModelArtifact artifact,
        EvaluationReport before,
        EvaluationReport after,
        double seconds,
        Map<String, Object> details) {

    /** The JSON summary printed by {@code --json}. */
    public ObjectNode toJson() {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("method", method);
        o.put("model", artifact.dir().toString());
        o.put("source", source.dir().toString());
        o.set(
                "size",
                Json.MAPPER.valueToTree(
                        Map.of(
                                "params_before", source.manifest().spec().parameterCount(),
                                "params_after", artifact.manifest().spec().parameterCount(),
                                "nonzero_params_before", source.weights().nonZeroParameters(),
                                "nonzero_params_after", artifact.weights().nonZeroParameters(),
                                "bytes_before", source.bytesOnDisk(),
                                "bytes_after", artifact.bytesOnDisk())));
        o.put("seconds", seconds);
        o.set("details", Json.MAPPER.valueToTree(details));
        if (before != null) {
            o.set("before", before.toJson());
        }
        if (after != null) {
            o.set("after", after.toJson());
        }
        return o;
    }
}
