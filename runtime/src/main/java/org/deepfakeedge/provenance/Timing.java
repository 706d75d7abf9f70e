package org.deepfakeedge.provenance;

/**
 * How long a step trained.
 *
 * <p>JSON: {@code {train_seconds, epochs_run, best_epoch, images_seen}}; training from scratch
 * writes all four, a compression step that fine-tunes writes {@code train_seconds} and {@code
 * best_epoch}.
 *
 * @param trainSeconds training wall time
 * @param epochsRun epochs run (null for compression steps)
 * @param bestEpoch the epoch whose weights were kept
 * @param imagesSeen training images processed (null for compression steps)
 */
public record Timing(
        double trainSeconds,
        @JsonOptional Integer epochsRun,
        int bestEpoch,
        @JsonOptional Long imagesSeen) {}
