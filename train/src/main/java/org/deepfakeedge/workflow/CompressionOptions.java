package org.deepfakeedge.workflow;

import java.nio.file.Path;
import org.deepfakeedge.data.DatasetOptions;
import org.deepfakeedge.train.TrainSpec;

/**
 * Options every compression command shares.
 *
 * @param out output artifact folder
 * @param force overwrite a model already in {@code out}
 * @param data dataset for evaluation before/after and for (fine-)tuning; null for none
 * @param split how to split data without splits of its own
 * @param train settings of fine-tuning or distillation training (epochs 0 = none where optional)
 * @param fineTuneEpochs epochs of fine-tuning after the transformation (0 = none)
 * @param scoreSource also score the input model on the test split, for the commands' before → after
 *     summary; an experiment grid, which has the input's own cell, turns it off (it is one more
 *     pass of the teacher over the test split per cell)
 */
public record CompressionOptions(
        Path out,
        boolean force,
        Path data,
        DatasetOptions split,
        TrainSpec train,
        int fineTuneEpochs,
        boolean scoreSource) {

    /** The same options writing to {@code dir}. */
    public CompressionOptions withOut(Path dir) {
        return new CompressionOptions(dir, force, data, split, train, fineTuneEpochs, scoreSource);
    }
}
