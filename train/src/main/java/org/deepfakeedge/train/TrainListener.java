package org.deepfakeedge.train;

/** Receives progress from a training run; the CLI draws a progress bar from it. */
public interface TrainListener {
    /** Called before the first batch of an epoch. */
    default void onEpochStart(int epoch, int epochs, int batches) {}

    /** Called after every optimizer step. */
    default void onBatch(
            int epoch,
            int batch,
            int batches,
            double loss,
            double accuracy,
            double imagesPerSecond) {}

    /** Called after validation of an epoch. */
    default void onEpochEnd(EpochRecord record, boolean best) {}

    /** A listener that ignores everything. */
    TrainListener NONE = new TrainListener() {};
}
