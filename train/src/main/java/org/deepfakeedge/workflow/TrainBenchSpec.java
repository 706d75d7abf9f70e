package org.deepfakeedge.workflow;

import java.nio.file.Path;
import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.model.ModelZoo;

/**
 * What {@link TrainBenchmark} measures: one architecture trained on real image files for a few
 * epochs, with the same loop, optimizer and loader as {@code train}.
 *
 * @param arch zoo architecture
 * @param imageSize input size, a multiple of 32
 * @param batchSize images per step
 * @param threads engine and decode threads (0 = all cores)
 * @param epochs epochs to time (the first decodes every file; later ones read the decoded-image
 *     cache, as {@code train} does)
 * @param images training images when the built-in data is generated (half real, half fake); with
 *     {@code data} the training split is used as it is
 * @param data a dataset folder (its training split is timed), or null for built-in data written as
 *     PNG files at {@code imageSize}
 * @param seed weights, data order and augmentation
 */
public record TrainBenchSpec(
        String arch,
        int imageSize,
        int batchSize,
        int threads,
        int epochs,
        int images,
        Path data,
        long seed) {

    public TrainBenchSpec {
        ModelZoo.build(arch, imageSize); // validates both, with the CLI's wording
        if (batchSize < 1) {
            throw new InvalidInputException("--batch must be >= 1, found " + batchSize);
        }
        if (threads < 0) {
            throw new InvalidInputException("--threads must be >= 0, found " + threads);
        }
        if (epochs < 1) {
            throw new InvalidInputException("--epochs must be >= 1, found " + epochs);
        }
        if (data == null && images < 2 * batchSize) {
            throw new InvalidInputException(
                    "--images must be at least two batches ("
                            + 2 * batchSize
                            + "), found "
                            + images);
        }
    }
}
