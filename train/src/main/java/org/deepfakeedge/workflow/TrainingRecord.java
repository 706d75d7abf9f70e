package org.deepfakeedge.workflow;

import java.util.List;
import org.deepfakeedge.train.EpochRecord;
import org.deepfakeedge.train.TrainResult;

/**
 * The training record kept in {@code metrics.json} under {@code training}.
 *
 * @param trainSeconds training wall time
 * @param bestEpoch the epoch whose weights were kept
 * @param threshold decision threshold chosen on validation data
 * @param imagesSeen training images processed
 * @param stoppedEarly true if patience ended the run
 * @param epochs what each epoch did
 * @param skipped unreadable training files skipped ("path: reason")
 */
public record TrainingRecord(
        double trainSeconds,
        int bestEpoch,
        double threshold,
        long imagesSeen,
        boolean stoppedEarly,
        List<EpochRecord> epochs,
        List<String> skipped) {

    public TrainingRecord {
        epochs = List.copyOf(epochs);
        skipped = List.copyOf(skipped);
    }

    /** The record of a training run. */
    public static TrainingRecord of(TrainResult r) {
        return new TrainingRecord(
                r.trainSeconds(),
                r.bestEpoch(),
                r.threshold(),
                r.imagesSeen(),
                r.stoppedEarly(),
                r.epochs(),
                r.skippedFiles());
    }
}
