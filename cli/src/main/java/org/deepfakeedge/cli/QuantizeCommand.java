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
            "and writes the same ONNX file as `export --int8` (--out FILE.onnx, --calibration DIR required)."
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

    @Mixin CompressMixin common;

    @Override
    public Integer call() throws Exception {
        if (QuantizationMode.parse(mode) == QuantizationMode.STATIC_INT8) {
            // one code path with `export --int8`, so both give the same model
            ExportCommand export = new ExportCommand();
            export.model = model;
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
        commandSpec
                .commandLine()
                .getOut()
                .print(CompressionSummary.render(wf.quantize(model), common.json));
        return ExitCodes.OK;
    }
}
