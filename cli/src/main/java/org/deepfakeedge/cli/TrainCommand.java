package org.deepfakeedge.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.deepfakeedge.provenance.Json;
import org.deepfakeedge.train.TrainSpec;
import org.deepfakeedge.workflow.TrainOutcome;
import org.deepfakeedge.workflow.TrainRequest;
import org.deepfakeedge.workflow.TrainWorkflow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code deepfake-edge train}: train a zoo architecture from scratch. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Train a detector from scratch on a dataset.",
            "Keeps the best epoch, chooses the decision threshold on validation data,",
            "evaluates on the test split and saves the model artifact (model.json, weights.bin, metrics.json, roc.svg).",
            "A killed run continues with --resume."
        })
public final class TrainCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec commandSpec;

    @picocli.CommandLine.Mixin SplitMixin splitOptions;

    @Option(
            names = "--data",
            required = true,
            description = "Dataset folder or CSV manifest (see docs/datasets.md).")
    Path data;

    @Option(
            names = "--arch",
            defaultValue = "teacher",
            description =
                    "teacher, student-40, student-30, student-20 or student-10 (default: ${DEFAULT-VALUE}).")
    String arch;

    @Option(
            names = "--image-size",
            defaultValue = "224",
            description = "Input size, a multiple of 32 (default: ${DEFAULT-VALUE}, the paper's).")
    int imageSize;

    @Option(names = "--out", required = true, description = "Folder for the model artifact.")
    Path out;

    @Option(
            names = "--epochs",
            defaultValue = "10",
            description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(
            names = "--batch-size",
            defaultValue = "32",
            description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(
            names = "--lr",
            description =
                    "Peak learning rate (default: 3e-4 for the teacher, 1e-3 for the students).")
    Double lr;

    @Option(
            names = "--weight-decay",
            defaultValue = "0",
            description = "L2 weight decay (default: ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(
            names = "--optimizer",
            defaultValue = "adam",
            description = "adam or sgd (momentum 0.9) (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(
            names = "--lr-schedule",
            defaultValue = "cosine",
            description = "cosine or constant (default: ${DEFAULT-VALUE}).")
    String lrSchedule;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Master seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--augment",
            defaultValue = "flip",
            description =
                    "Comma list of flip, crop, jpeg, blur; or none / standard (default: ${DEFAULT-VALUE}).")
    String augment;

    @Option(
            names = "--select-by",
            defaultValue = "auc",
            description =
                    "Best-epoch metric on validation: auc, accuracy or loss (default: ${DEFAULT-VALUE}).")
    String selectBy;

    @Option(
            names = "--patience",
            defaultValue = "0",
            description =
                    "Stop after N epochs without improvement; 0 = never (default: ${DEFAULT-VALUE}).")
    int patience;

    @Option(
            names = "--max-batches",
            defaultValue = "0",
            description = "Cap batches per epoch, 0 = all (quick looks).")
    int maxBatches;

    @Option(
            names = "--threads",
            defaultValue = "0",
            description = "CPU threads, 0 = all cores (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(
            names = "--cache-mb",
            defaultValue = "1024",
            description = "Memory for decoded images in MiB (default: ${DEFAULT-VALUE}).")
    int cacheMb;

    @Option(
            names = "--normalization",
            defaultValue = "imagenet",
            description = "imagenet or half (mean=std=0.5) (default: ${DEFAULT-VALUE}).")
    String normalization;

    @Option(
            names = "--resize",
            defaultValue = "stretch",
            description = "stretch (the paper) or center-crop (default: ${DEFAULT-VALUE}).")
    String resize;

    @Option(
            names = "--device",
            defaultValue = "cpu",
            description = "cpu (GPU training needs a CUDA libtorch; not bundled).")
    String device;

    @Option(
            names = "--resume",
            description = "Continue the killed run whose checkpoint is in --out.")
    boolean resume;

    @Option(names = "--force", description = "Overwrite a model already in --out.")
    boolean force;

    @Option(names = "--json", description = "Print the result as one JSON object on stdout.")
    boolean json;

    TrainRequest toRequest() {
        if (!"cpu".equals(device.toLowerCase(Locale.ROOT))) {
            throw new org.deepfakeedge.InvalidInputException(
                    "--device "
                            + device
                            + " is not available in this build: only the CPU libtorch is bundled; use --device cpu");
        }
        double rate = lr != null ? lr : org.deepfakeedge.train.Recipes.scratchLr(arch);
        TrainSpec spec =
                new TrainSpec(
                        epochs,
                        batchSize,
                        rate,
                        weightDecay,
                        optimizer,
                        lrSchedule,
                        seed,
                        augment,
                        selectBy,
                        patience,
                        maxBatches,
                        threads,
                        cacheMb);
        return new TrainRequest(
                data,
                splitOptions.toOptions(),
                arch,
                imageSize,
                spec,
                normalization,
                resize,
                out,
                resume,
                force);
    }

    @Override
    public Integer call() throws Exception {
        TrainOutcome o = TrainWorkflow.run(toRequest(), new ConsoleProgress(arch));
        if (json) {
            commandSpec.commandLine().getOut().println(Json.line(Summaries.train(o)));
        } else {
            commandSpec.commandLine().getOut().print(Summaries.trainText(o));
        }
        return ExitCodes.OK;
    }
}
