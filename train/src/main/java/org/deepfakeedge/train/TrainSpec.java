package org.deepfakeedge.train;

import java.util.Locale;
import org.deepfakeedge.InvalidInputException;

/**
 * Settings of one training run, every default written out (they are recorded in the artifact).
 *
 * @param epochs passes over the training split
 * @param batchSize images per optimizer step
 * @param lr peak learning rate
 * @param weightDecay L2 penalty added to the gradient (PyTorch Adam semantics)
 * @param optimizer {@code adam} (default) or {@code sgd} (momentum 0.9)
 * @param lrSchedule {@code cosine} (default: decay to 0 over the run) or {@code constant}
 * @param seed master seed: weights, data order, augmentation and dropout derive from it
 * @param augmentation augmentation list for the data loader ({@code flip}, {@code none}, ...)
 * @param selectBy validation metric that picks the best epoch: {@code auc}, {@code accuracy} or
 *     {@code loss}
 * @param patience stop after this many epochs without improvement (0 = never stop early)
 * @param maxBatches cap on batches per epoch (0 = all); for smoke tests and quick looks
 * @param threads decode and engine threads (0 = all cores)
 * @param cacheMb memory budget for decoded images in MiB
 */
public record TrainSpec(
        int epochs,
        int batchSize,
        double lr,
        double weightDecay,
        String optimizer,
        String lrSchedule,
        long seed,
        String augmentation,
        String selectBy,
        int patience,
        int maxBatches,
        int threads,
        int cacheMb) {

    public TrainSpec {
        check(epochs >= 1, "--epochs must be >= 1, found " + epochs);
        check(batchSize >= 1, "--batch-size must be >= 1, found " + batchSize);
        check(lr > 0 && lr < 10, "--lr must be in (0,10), found " + lr);
        check(weightDecay >= 0, "--weight-decay must be >= 0, found " + weightDecay);
        optimizer = optimizer.toLowerCase(Locale.ROOT);
        check(
                optimizer.equals("adam") || optimizer.equals("sgd"),
                "--optimizer must be adam or sgd, found " + optimizer);
        lrSchedule = lrSchedule.toLowerCase(Locale.ROOT);
        check(
                lrSchedule.equals("cosine") || lrSchedule.equals("constant"),
                "--lr-schedule must be cosine or constant, found " + lrSchedule);
        selectBy = selectBy.toLowerCase(Locale.ROOT);
        check(
                selectBy.equals("auc") || selectBy.equals("accuracy") || selectBy.equals("loss"),
                "--select-by must be auc, accuracy or loss, found " + selectBy);
        check(patience >= 0, "--patience must be >= 0, found " + patience);
        check(maxBatches >= 0, "--max-batches must be >= 0, found " + maxBatches);
        check(threads >= 0, "--threads must be >= 0, found " + threads);
        check(cacheMb >= 0, "--cache-mb must be >= 0, found " + cacheMb);
    }

    /** Defaults: 10 epochs, batch 32, Adam lr 3e-4 with cosine decay, seed 42, flips. */
    public static TrainSpec defaults() {
        return new TrainSpec(10, 32, 3e-4, 0, "adam", "cosine", 42, "flip", "auc", 0, 0, 0, 1024);
    }

    public TrainSpec withEpochs(int e) {
        return new TrainSpec(
                e,
                batchSize,
                lr,
                weightDecay,
                optimizer,
                lrSchedule,
                seed,
                augmentation,
                selectBy,
                patience,
                maxBatches,
                threads,
                cacheMb);
    }

    public TrainSpec withLr(double v) {
        return new TrainSpec(
                epochs,
                batchSize,
                v,
                weightDecay,
                optimizer,
                lrSchedule,
                seed,
                augmentation,
                selectBy,
                patience,
                maxBatches,
                threads,
                cacheMb);
    }

    public TrainSpec withBatchSize(int b) {
        return new TrainSpec(
                epochs,
                b,
                lr,
                weightDecay,
                optimizer,
                lrSchedule,
                seed,
                augmentation,
                selectBy,
                patience,
                maxBatches,
                threads,
                cacheMb);
    }

    public TrainSpec withSeed(long s) {
        return new TrainSpec(
                epochs,
                batchSize,
                lr,
                weightDecay,
                optimizer,
                lrSchedule,
                s,
                augmentation,
                selectBy,
                patience,
                maxBatches,
                threads,
                cacheMb);
    }

    public TrainSpec withMaxBatches(int m) {
        return new TrainSpec(
                epochs,
                batchSize,
                lr,
                weightDecay,
                optimizer,
                lrSchedule,
                seed,
                augmentation,
                selectBy,
                patience,
                m,
                threads,
                cacheMb);
    }

    public TrainSpec withThreads(int t) {
        return new TrainSpec(
                epochs,
                batchSize,
                lr,
                weightDecay,
                optimizer,
                lrSchedule,
                seed,
                augmentation,
                selectBy,
                patience,
                maxBatches,
                t,
                cacheMb);
    }

    public TrainSpec withAugmentation(String a) {
        return new TrainSpec(
                epochs,
                batchSize,
                lr,
                weightDecay,
                optimizer,
                lrSchedule,
                seed,
                a,
                selectBy,
                patience,
                maxBatches,
                threads,
                cacheMb);
    }

    /** Learning rate at a fraction {@code progress} ∈ [0,1] of the run. */
    public double lrAt(double progress) {
        if (lrSchedule.equals("constant")) {
            return lr;
        }
        return lr * 0.5 * (1 + Math.cos(Math.PI * Math.min(1, Math.max(0, progress))));
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new InvalidInputException(message);
        }
    }
}
