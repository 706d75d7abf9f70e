package org.deepfakeedge.workflow;

import java.nio.file.Path;
import org.deepfakeedge.data.DatasetOptions;
import org.deepfakeedge.train.TrainSpec;

/**
 * A request to train one zoo architecture on a dataset and save the artifact.
 *
 * @param data dataset root or CSV manifest
 * @param split how to split data that has no splits of its own
 * @param arch zoo architecture name
 * @param imageSize input size (multiple of 32)
 * @param train training settings
 * @param normalization {@code imagenet} or {@code half}
 * @param resize {@code stretch} or {@code center-crop}
 * @param out artifact folder
 * @param resume continue from the checkpoint in {@code out}
 * @param force overwrite an existing artifact in {@code out}
 */
public record TrainRequest(
        Path data,
        DatasetOptions split,
        String arch,
        int imageSize,
        TrainSpec train,
        String normalization,
        String resize,
        Path out,
        boolean resume,
        boolean force) {}
