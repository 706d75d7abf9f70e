package org.deepfakeedge.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.data.DatasetIndex;
import org.deepfakeedge.data.DatasetLoader;
import org.deepfakeedge.data.Split;
import org.deepfakeedge.eval.UnsureBand;
import org.deepfakeedge.perturb.Perturbation;
import org.deepfakeedge.perturb.PerturbationParser;
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
            "When the samples name their videos (a manifest's video column), also per video (mean frame score).",
            "Calibration of p_fake: ECE over 15 equal-width bins, Brier score, and a reliability diagram (SVG next to the ROC curve).",
            "With --unsure LOW,HIGH, also the coverage and the accuracy on the images outside the band.",
            "With --perturb, also scores perturbed copies of every image (applied to the decoded image before the model's preprocessing; deterministic) and reports accuracy, ROC-AUC, recall and flipped verdicts at the clean threshold.",
            "See docs/robustness.md."
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

    @Option(
            names = "--perturb",
            paramLabel = "SPEC",
            description = {
                "Also evaluate on perturbed copies of the images; repeatable. SPEC: KIND:V1,V2,... (one run per value), a chain STEP+STEP+... (one value per step), or the preset social (= resize:0.5+jpeg:75).",
                "Kinds: jpeg:Q (re-encode at JPEG quality Q, 1-100), resize:F (down by F in (0, 1], then back up), blur:SIGMA (Gaussian, SIGMA 0.1-50 pixels), noise:STD (additive Gaussian, STD in (0, 1] as a fraction of 255, seeded per file), crop:F (centre crop keeping F of each side, resized back).",
                "E.g. --perturb jpeg:95,75,50 --perturb social"
            })
    List<String> perturb = new ArrayList<>();

    @Option(
            names = "--unsure",
            paramLabel = "LOW,HIGH",
            description = {
                "Also measure an abstain band: images with LOW <= p_fake < HIGH are not decided; reports the coverage (share decided) and the accuracy on the decided images (JSON key unsure).",
                "Needs 0 <= LOW <= threshold <= HIGH <= 1. Every other number is unchanged. E.g. --unsure 0.3,0.7"
            })
    String unsure;

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
        // parsed before anything is loaded, so a typo fails at once
        List<Perturbation> perturbations = PerturbationParser.parseAll(perturb);
        UnsureBand band = unsure == null ? null : UnsureBand.parse(unsure);
        Path svg = roc != null ? roc : folder.resolve(stem + s.name().toLowerCase() + ".svg");
        EvaluationReport r;
        // the model first: a wrong --model is reported before the data set is scanned
        try (Detector det = modelOptions.load()) {
            DatasetIndex index = DatasetLoader.open(data, splitOptions.toOptions());
            r =
                    Evaluator.evaluate(
                            det,
                            index,
                            index.fingerprint(),
                            s,
                            svg,
                            batchSize,
                            modelOptions.threads,
                            perturbations,
                            band);
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
