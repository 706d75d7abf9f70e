package org.deepfakeedge.train;

import org.deepfakeedge.provenance.JsonOptional;

/**
 * What one epoch did.
 *
 * @param epoch 1-based epoch number
 * @param trainLoss mean training loss
 * @param trainAccuracy training accuracy (train mode, argmax)
 * @param valLoss validation cross-entropy (inference mode)
 * @param valAccuracy validation accuracy at threshold 0.5
 * @param valAuc validation ROC-AUC
 * @param lr learning rate at the end of the epoch
 * @param seconds wall time of the epoch including validation
 * @param imagesPerSecond training throughput
 * @param phaseSeconds wall time of the epoch by phase ({@code data}, {@code to_tensor}, {@code
 *     forward}, {@code backward}, {@code optimizer}, {@code metrics}, {@code validation}); null in
 *     records written before phases were timed
 */
public record EpochRecord(
        int epoch,
        double trainLoss,
        double trainAccuracy,
        double valLoss,
        double valAccuracy,
        double valAuc,
        double lr,
        double seconds,
        double imagesPerSecond,
        @JsonOptional java.util.Map<String, Double> phaseSeconds) {}
