package org.deepfakeedge.workflow;

import java.io.IOException;
import org.deepfakeedge.artifact.ModelArtifact;
import org.deepfakeedge.provenance.Json;
import org.deepfakeedge.train.TrainResult;

/**
 * Writes an artifact's {@code metrics.json} ({@link ModelMetrics}): the test evaluation's flat keys
 * (or, without test data, the cost figures alone), what the step did, and the training record.
 */
final class MetricsFile {
    private MetricsFile() {}

    static void write(
            ModelArtifact saved,
            EvaluationReport test,
            TrainResult training,
            ModelMetrics.StepRecord step)
            throws IOException {
        TrainingRecord t = training == null ? null : TrainingRecord.of(training);
        ModelMetrics m =
                test != null
                        ? ModelMetrics.of(test, step, t)
                        : new ModelMetrics(
                                null,
                                saved.manifest().spec().parameterCount(),
                                saved.weights().nonZeroParameters(),
                                saved.bytesOnDisk(),
                                step,
                                t);
        Json.write(saved.dir().resolve(ModelArtifact.METRICS), m);
    }
}
