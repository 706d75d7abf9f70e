package org.deepfakeedge.train;

import java.util.List;
import org.deepfakeedge.model.Weights;

/**
 * The outcome of a training run: the best epoch's weights and everything measured on the way.
 *
 * @param weights weights of the best epoch (by {@link TrainSpec#selectBy()})
 * @param bestEpoch 1-based best epoch
 * @param epochs per-epoch records (including epochs done before a resume)
 * @param threshold decision threshold chosen on the validation split with the best weights
 * @param trainSeconds wall time spent training and validating, summed over resumed sessions
 * @param imagesSeen training images processed
 * @param skippedFiles unreadable files skipped (path: reason)
 * @param stoppedEarly true if patience ended the run
 */
public record TrainResult(
        Weights weights,
        int bestEpoch,
        List<EpochRecord> epochs,
        double threshold,
        double trainSeconds,
        long imagesSeen,
        List<String> skippedFiles,
        boolean stoppedEarly) {
    public TrainResult {
        epochs = List.copyOf(epochs);
        skippedFiles = List.copyOf(skippedFiles);
    }
}
