package org.deepfakeedge.cli;

import java.nio.file.Path;
import org.deepfakeedge.runtime.Detector;
import org.deepfakeedge.runtime.RuntimeChoice;
import picocli.CommandLine.Option;

/**
 * The options of every command that runs a model: {@code --model}, {@code --runtime}, {@code
 * --threads}.
 */
final class ModelMixin {
    @Option(
            names = "--model",
            required = true,
            description = "Model artifact folder, or an exported .onnx/.ort file.")
    Path model;

    @Option(
            names = "--runtime",
            defaultValue = "auto",
            description =
                    "auto (ONNX Runtime unless the model has layers only DJL runs), djl or onnx"
                            + " (default: ${DEFAULT-VALUE}).")
    String runtime;

    @Option(
            names = "--threads",
            defaultValue = "0",
            description =
                    "CPU threads the model runs on, 0 = all cores (default: ${DEFAULT-VALUE}).")
    int threads;

    /** Loads the model as the options say. */
    Detector load() {
        return load(RuntimeChoice.parse(runtime));
    }

    /** Loads the model on {@code runtime} instead of {@code --runtime}'s choice. */
    Detector load(RuntimeChoice runtime) {
        return Detector.load(model, runtime, threads);
    }
}
