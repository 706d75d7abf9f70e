package org.deepfakeedge.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.deepfakeedge.workflow.CompressionWorkflow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code deepfake-edge quantize}. */
@Command(name = "quantize", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Quantize a model to INT8.",
            "--mode dynamic-linear is the paper's: linear-layer weights to int8 (per-tensor",
            "symmetric, scale = max|W|/127.5, stored as int8), activations quantized at run time, convolutions in fp32."})
public final class QuantizeCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "Model artifact to quantize.")
    Path model;

    @Option(names = "--mode", defaultValue = "dynamic-linear", description = "dynamic-linear (default: ${DEFAULT-VALUE}).")
    String mode;

    @Mixin CompressMixin common;

    @Override
    public Integer call() throws Exception {
        CompressionWorkflow wf = new CompressionWorkflow(common.toOptions(0, 0, 0), null);
        System.out.print(CompressionSummary.render(wf.quantize(model, mode), common.json));
        return ExitCodes.OK;
    }
}
