package org.deepfakeedge.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.deepfakeedge.compress.quantize.QuantizationMode;
import org.deepfakeedge.workflow.CompressionWorkflow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code deepfake-edge quantize}. */
@Command(
        name = "quantize",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Quantize a model to INT8.",
            "--mode dynamic-linear is the paper's: linear-layer weights to int8 (per-tensor",
            "symmetric, scale = max|W|/127.5, stored as int8), activations quantized at run time, convolutions in fp32;",
            "--out is a model folder. --mode static-int8 quantizes every layer (weights and calibrated activations)",
            "and writes the same ONNX file as `export --int8` (--out FILE.onnx, --calibration DIR required).",
            "With --qat-epochs N (static-int8), the model is first fine-tuned for N epochs on --data with",
            "fake-quantized weights and layer inputs (quantization-aware training; the fp32 result is kept",
            "next to --out as NAME-qat-fp32/), then exported: for models that lose accuracy in plain INT8."
        })
public final class QuantizeCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec commandSpec;

    @Option(names = "--model", required = true, description = "Model artifact to quantize.")
    Path model;

    @Option(
            names = "--mode",
            defaultValue = "dynamic-linear",
            description = "dynamic-linear or static-int8 (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--calibration", description = "static-int8: calibration images.")
    Path calibration;

    @Option(
            names = "--calibration-count",
            defaultValue = "100",
            description = "static-int8: calibration images used (default: ${DEFAULT-VALUE}).")
    int calibrationCount;

    @Option(
            names = "--calibration-method",
            defaultValue = "minmax",
            description = "static-int8: minmax or percentile (default: ${DEFAULT-VALUE}).")
    String calibrationMethod;

    @Option(names = "--keep-fp32", split = ",", description = "static-int8: layers kept in fp32.")
    java.util.List<String> keepFp32 = new java.util.ArrayList<>();

    @Option(
            names = "--int8-layer-timing",
            paramLabel = "on|off",
            defaultValue = "on",
            description =
                    "static-int8: time layers and keep the slower ones fp32 (on), or rules only (off) (default: ${DEFAULT-VALUE}).")
    String layerTiming;

    @Option(
            names = "--qat-epochs",
            defaultValue = "0",
            description =
                    "static-int8: epochs of quantization-aware fine-tuning on --data before the export (default: ${DEFAULT-VALUE}, post-training quantization).")
    int qatEpochs;

    @Mixin CompressMixin common;

    @Override
    public Integer call() throws Exception {
        boolean isStatic = QuantizationMode.parse(mode) == QuantizationMode.STATIC_INT8;
        if (qatEpochs < 0 || (qatEpochs > 0 && !isStatic)) {
            throw new org.deepfakeedge.InvalidInputException(
                    "--qat-epochs must be >= 0 and is for --mode static-int8, found "
                            + qatEpochs
                            + " with --mode "
                            + mode);
        }
        if (isStatic) {
            Path source = model;
            if (qatEpochs > 0) {
                source = quantizeAwareFinetune();
            }
            // one code path with `export --int8`, so both give the same model
            ExportCommand export = new ExportCommand();
            export.model = source;
            export.format = "onnx";
            export.out = common.out;
            export.int8 = true;
            export.calibration = calibration;
            export.calibrationCount = calibrationCount;
            export.calibrationMethod = calibrationMethod;
            export.keepFp32 = keepFp32;
            export.layerTiming = layerTiming;
            export.threads =
                    common.threads; // the mixin's --threads: the cores the model will run on
            export.json = common.json;
            export.commandSpec = commandSpec; // prints where this command prints
            return export.call();
        }
        CompressionWorkflow wf = new CompressionWorkflow(common.toOptions(0, 0, 0), null);
        return printed(wf.quantize(model));
    }

    /** Fine-tunes the model with fake quantization into {@code NAME-qat-fp32/} beside --out. */
    private Path quantizeAwareFinetune() throws java.io.IOException {
        if (common.data == null) {
            throw new org.deepfakeedge.InvalidInputException(
                    "--qat-epochs trains, so it needs --data (the training data)");
        }
        if (common.out == null) {
            throw new org.deepfakeedge.InvalidInputException("--qat-epochs needs --out FILE.onnx");
        }
        String name = common.out.getFileName().toString().replaceFirst("\\.onnx$", "");
        Path dir = common.out.toAbsolutePath().resolveSibling(name + "-qat-fp32");
        var options = common.toOptions(qatEpochs, qatEpochs, 1e-4).withOut(dir);
        var wf = new CompressionWorkflow(options, new ConsoleProgress("qat-finetune"));
        var outcome = wf.quantizeAwareFinetune(model);
        if (!common.json) {
            commandSpec.commandLine().getOut().print(CompressionSummary.render(outcome, false));
        }
        return dir;
    }

    private int printed(org.deepfakeedge.workflow.CompressionOutcome outcome) {
        commandSpec.commandLine().getOut().print(CompressionSummary.render(outcome, common.json));
        return ExitCodes.OK;
    }
}
