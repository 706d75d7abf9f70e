package org.deepfakeedge.cli;

import java.nio.file.Path;
import org.deepfakeedge.train.TrainSpec;
import org.deepfakeedge.workflow.CompressionOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options shared by the compression commands: output, data, and (fine-)tuning settings. */
public final class CompressMixin {
    @Option(names = "--out", required = true, description = "Folder for the new model artifact.")
    Path out;

    @Option(
            names = "--data",
            description =
                    "Dataset: evaluates before/after on its test split and is used for training.")
    Path data;

    @Mixin SplitMixin split;

    @Option(
            names = "--lr",
            description =
                    "Learning rate of (fine-)tuning (default: 1e-4; 3e-4 after pruning and for other new layers; 1e-3 for a student trained from scratch).")
    Double lr;

    @Option(
            names = "--batch-size",
            defaultValue = "32",
            description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--augment",
            defaultValue = "flip",
            description = "Augmentation while training (default: ${DEFAULT-VALUE}).")
    String augment;

    @Option(names = "--threads", defaultValue = "0", description = "CPU threads, 0 = all cores.")
    int threads;

    @Option(names = "--force", description = "Overwrite a model already in --out.")
    boolean force;

    @Option(names = "--json", description = "Print the summary as one JSON object.")
    boolean json;

    /** True if the user set --lr (it then wins over every command's default). */
    boolean lrGiven() {
        return lr != null;
    }

    CompressionOptions toOptions(int epochs, int fineTuneEpochs, double lrOverride) {
        double rate = lr != null ? lr : lrOverride > 0 ? lrOverride : 1e-4;
        TrainSpec t =
                new TrainSpec(
                        Math.max(1, epochs),
                        batchSize,
                        rate,
                        0,
                        "adam",
                        "cosine",
                        seed,
                        augment,
                        "auc",
                        0,
                        0,
                        threads,
                        1024);
        return new CompressionOptions(out, force, data, split.toOptions(), t, fineTuneEpochs, true);
    }
}
