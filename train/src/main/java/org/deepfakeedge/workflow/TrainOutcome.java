package org.deepfakeedge.workflow;

import org.deepfakeedge.artifact.ModelArtifact;
import org.deepfakeedge.train.TrainResult;

/**
 * What a training request produced.
 *
 * @param artifact the saved model
 * @param training the run's record
 * @param test evaluation on the test split (null when the data has none)
 */
public record TrainOutcome(ModelArtifact artifact, TrainResult training, EvaluationReport test) {}
