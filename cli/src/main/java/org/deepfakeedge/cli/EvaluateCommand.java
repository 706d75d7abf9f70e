package org.deepfakeedge.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.data.DatasetIndex;
import org.deepfakeedge.data.DatasetLoader;
import org.deepfakeedge.data.Split;
import org.deepfakeedge.provenance.Json;
import org.deepfakeedge.runtime.Detector;
import org.deepfakeedge.workflow.EvaluationReport;
import org.deepfakeedge.workflow.Evaluator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code deepfake-edge evaluate}: metrics of a model on a dataset split. */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Measure a model on one split of a dataset.",
            "Accuracy, precision, recall, F1, ROC-AUC, AP, EER, confusion,",
            "per-generator results, size and parameter counts; positive class = fake. Writes the ROC curve as SVG.",
            "When the samples name their videos (a manifest's video column), also per video (mean frame score)."
        })
public final class EvaluateCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec commandSpec;

    @picocli.CommandLine.Mixin ModelMixin modelOptions;

    @picocli.CommandLine.Mixin SplitMixin splitOptions;

    @Option(names = "--data", required = true, description = "Dataset folder or CSV manifest.")
    Path data;

    @Option(
            names = "--split",
            defaultValue = "test",
            description = "train, val or test (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(
            names = "--roc",
            paramLabel = "FILE.svg",
            description =
                    "Where to write the ROC curve, an SVG file (default: MODEL/roc-SPLIT.svg).")
    Path roc;

    @Option(
            names = "--batch-size",
            defaultValue = "32",
            description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Split s = Split.parse(split);
        Path folder =
                java.nio.file.Files.isDirectory(modelOptions.model)
                        ? modelOptions.model
                        : modelOptions.model.toAbsolutePath().getParent();
        String stem =
                java.nio.file.Files.isDirectory(modelOptions.model)
                        ? "roc-"
                        : modelOptions.model.getFileName().toString().replace(".onnx", "")
                                + "-roc-";
        if (roc != null && !roc.getFileName().toString().toLowerCase().endsWith(".svg")) {
            throw new InvalidInputException(
                    "--roc "
                            + roc
                            + ": the ROC curve is written as SVG; give a path ending in .svg");
        }
        Path svg = roc != null ? roc : folder.resolve(stem + s.name().toLowerCase() + ".svg");
        EvaluationReport r;
        // the model first: a wrong --model is reported before the data set is scanned
        try (Detector det = modelOptions.load()) {
            DatasetIndex index = DatasetLoader.open(data, splitOptions.toOptions());
            r = Evaluator.evaluate(det, index, s, svg, batchSize, modelOptions.threads);
        }
        commandSpec
                .commandLine()
                .getOut()
                .print(
                        json
                                ? Json.line(r.toJson()) + System.lineSeparator()
                                : Summaries.evaluationText(r));
        return ExitCodes.OK;
    }
}
