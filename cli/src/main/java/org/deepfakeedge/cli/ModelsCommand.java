package org.deepfakeedge.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.deepfakeedge.model.ModelSpec;
import org.deepfakeedge.model.ModelZoo;
import org.deepfakeedge.provenance.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code deepfake-edge models}: the architecture zoo with sizes and costs. */
@Command(
        name = "models",
        mixinStandardHelpOptions = true,
        description = "List the paper's five architectures with parameters and multiply-adds.")
public final class ModelsCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec commandSpec;

    @Option(
            names = "--image-size",
            defaultValue = "224",
            description = "Input size, a multiple of 32 (default: ${DEFAULT-VALUE}).")
    int imageSize;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        if (json) {
            ArrayNode arr = Json.MAPPER.createArrayNode();
            for (String n : ModelZoo.NAMES) {
                ModelSpec s = ModelZoo.build(n, imageSize);
                arr.addObject()
                        .put("name", n)
                        .put("image_size", imageSize)
                        .put("params", s.parameterCount())
                        .put("multiply_adds", s.multiplyAdds())
                        .put("layers", s.layers().size())
                        .put("fp32_mb", s.parameterCount() * 4 / 1e6);
            }
            commandSpec.commandLine().getOut().println(Json.pretty(arr));
            return ExitCodes.OK;
        }
        commandSpec
                .commandLine()
                .getOut()
                .printf(
                        Locale.ROOT,
                        "%-11s %12s %12s %10s   (input %dx%d)%n",
                        "model",
                        "params",
                        "MACs",
                        "fp32 size",
                        imageSize,
                        imageSize);
        for (String n : ModelZoo.NAMES) {
            ModelSpec s = ModelZoo.build(n, imageSize);
            commandSpec
                    .commandLine()
                    .getOut()
                    .printf(
                            Locale.ROOT,
                            "%-11s %,12d %11.3fG %8.2f MB%n",
                            n,
                            s.parameterCount(),
                            s.multiplyAdds() / 1e9,
                            s.parameterCount() * 4 / 1e6);
        }
        return ExitCodes.OK;
    }
}
