package org.deepfakeedge.workflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;
import org.deepfakeedge.artifact.ModelArtifact;
import org.deepfakeedge.provenance.Json;
import org.deepfakeedge.train.TrainResult;

/**
 * Writes an artifact's {@code metrics.json}: the test evaluation's flat keys (or, without test
 * data, the cost figures alone), step-specific entries, and the training record.
 */
final class MetricsFile {
    private MetricsFile() {}

    static void write(
            ModelArtifact saved,
            EvaluationReport test,
            TrainResult training,
            Map<String, Object> extra)
            throws IOException {
        ObjectNode m = test != null ? test.toJson() : Json.MAPPER.createObjectNode();
        if (test == null) {
            m.put("params", saved.manifest().spec().parameterCount());
            m.put("nonzero_params", saved.weights().nonZeroParameters());
            m.put("model_bytes", saved.bytesOnDisk());
        }
        extra.forEach((k, v) -> m.set(k, Json.MAPPER.valueToTree(v)));
        if (training != null) {
            ObjectNode t = m.putObject("training");
            t.put("train_seconds", training.trainSeconds());
            t.put("best_epoch", training.bestEpoch());
            t.put("threshold", training.threshold());
            t.put("images_seen", training.imagesSeen());
            t.put("stopped_early", training.stoppedEarly());
            t.set("epochs", Json.MAPPER.valueToTree(training.epochs()));
            t.set("skipped", Json.MAPPER.valueToTree(training.skippedFiles()));
        }
        Json.write(saved.dir().resolve(ModelArtifact.METRICS), m);
    }
}
