package org.deepfakeedge.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.artifact.ModelArtifact;
import org.deepfakeedge.export.ExportCheck;
import org.deepfakeedge.export.OnnxExporter;
import org.deepfakeedge.provenance.Json;
import org.deepfakeedge.report.MarkdownReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code deepfake-edge export}: a model artifact as an ONNX file for any edge runtime. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Export a model artifact to ONNX (fp32, opset 17, BatchNorm folded into the convolutions,",
            "the model.json manifest in the file's metadata). The export checks itself: it runs the source model and",
            "the ONNX model on sample inputs and fails if any logit differs by more than 1e-3."})
public final class ExportCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "Model artifact folder.")
    Path model;

    @Option(names = "--format", defaultValue = "onnx", description = "onnx (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--out", required = true, description = "Output .onnx file.")
    Path out;

    @Option(names = "--json", description = "Print the result as one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (!"onnx".equals(format)) {
            throw new InvalidInputException("--format must be onnx, found " + format);
        }
        if (!out.getFileName().toString().endsWith(".onnx")) {
            throw new InvalidInputException("--out must name a .onnx file, found " + out);
        }
        ModelArtifact a = ModelArtifact.load(model);
        org.deepfakeedge.engine.DjlEngine.start(0);
        ExportCheck c = OnnxExporter.export(a, out);
        long bytes = java.nio.file.Files.size(out);
        if (json) {
            var o = Json.MAPPER.createObjectNode();
            o.put("model", model.toString());
            o.put("onnx", out.toString());
            o.put("bytes", bytes);
            o.set("check", Json.MAPPER.valueToTree(c));
            System.out.println(Json.line(o));
        } else {
            System.out.printf(Locale.ROOT, "wrote %s (%s): max |logit diff| vs source %.2e on %d sample images, agreement %.0f%%%n",
                    out, MarkdownReport.bytes(bytes), c.maxAbsLogitDiff(), c.images(), 100 * c.agreement());
        }
        return ExitCodes.OK;
    }
}
