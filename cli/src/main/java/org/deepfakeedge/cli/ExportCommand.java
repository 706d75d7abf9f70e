package org.deepfakeedge.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.artifact.ModelArtifact;
import org.deepfakeedge.export.ExportCheck;
import org.deepfakeedge.export.Int8Exporter;
import org.deepfakeedge.export.Int8Options;
import org.deepfakeedge.provenance.Json;
import org.deepfakeedge.render.Format;
import org.deepfakeedge.verify.ExportVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code deepfake-edge export}: a model artifact as an ONNX file for any edge runtime. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Export a model artifact to ONNX for any edge runtime.",
            "fp32 (default): opset 17, BatchNorm folded into the convolutions, the model.json manifest in the file's",
            "metadata; the export runs the source and the ONNX model on sample inputs and fails if any logit differs",
            "by more than 1e-3. --int8: static QDQ, weights int8 per output channel, activations uint8 calibrated on",
            "--calibration images; layers without a fast INT8 kernel (grouped convs) and --keep-fp32 layers stay fp32,",
            "and (--int8-layer-timing on) every other layer is timed in INT8 and fp32 on ONNX Runtime with --threads",
            "and kept fp32 if INT8 is not faster; the whole INT8 model is then timed against fp32 and never written slower.",
            "--int8-form portable writes the same INT8 model in operators that OpenCV's DNN module (tested: 4.6) imports too."
        })
public final class ExportCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec commandSpec;

    @Option(names = "--model", required = true, description = "Model artifact folder.")
    Path model;

    @Option(
            names = "--format",
            defaultValue = "onnx",
            description = "onnx (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--out", required = true, description = "Output .onnx file.")
    Path out;

    @Option(
            names = "--ort",
            description =
                    "Also write FILE.ort (ONNX Runtime format) for minimal and mobile ONNX Runtime builds.")
    boolean ort;

    @Option(names = "--json", description = "Print the result as one JSON object.")
    boolean json;

    @Option(
            names = "--int8",
            description = {
                "Static INT8 export: int8 per-channel weights, uint8 activations calibrated on",
                "--calibration images (encoding: --int8-form); checked against fp32 on those images."
            })
    boolean int8;

    @Option(
            names = "--calibration",
            paramLabel = "DIR",
            description =
                    "Calibration images (any data-set layout; the train split if present). Required with --int8.")
    Path calibration;

    @Option(
            names = "--calibration-count",
            paramLabel = "N",
            defaultValue = "100",
            description = "Calibration images (default: ${DEFAULT-VALUE}).")
    int calibrationCount;

    @Option(
            names = "--calibration-method",
            paramLabel = "minmax|percentile",
            defaultValue = "minmax",
            description =
                    "Activation ranges: min/max, or the 99.99th percentile of |x| (default: ${DEFAULT-VALUE}).")
    String calibrationMethod;

    @Option(
            names = "--keep-fp32",
            paramLabel = "LAYERS",
            split = ",",
            description = {
                "Layers kept in fp32, e.g. conv1 (the first conv is the most sensitive).",
                "Grouped convs with more than one output per input channel always stay fp32."
            })
    java.util.List<String> keepFp32 = new java.util.ArrayList<>();

    @Option(
            names = "--int8-layer-timing",
            paramLabel = "on|off",
            defaultValue = "on",
            description = {
                "on: time each layer INT8 vs fp32 and keep the slower ones fp32, then check the whole model",
                "(adds seconds; decisions can differ between runs on a busy machine). off: rules only, reproducible",
                "files (default: ${DEFAULT-VALUE})."
            })
    String layerTiming;

    @Option(
            names = "--int8-form",
            paramLabel = "ort|portable",
            description = {
                "ort (default): QDQ, the form ONNX Runtime fuses into its fastest integer kernels; OpenCV 4.6 refuses",
                "it (per-channel DequantizeLinear). portable: the same int8 weights and calibration as QLinearConv, which",
                "OpenCV's DNN module and ONNX Runtime both run; the logits layer stays fp32, and layers are chosen by",
                "rule only (no --int8-layer-timing: the timing is ONNX Runtime's). Choose portable for OpenCV or",
                "another runtime without QDQ support, ort for ONNX Runtime."
            })
    String int8Form;

    @Option(
            names = "--threads",
            paramLabel = "N",
            defaultValue = "0",
            description =
                    "--int8: intra-op threads the model will run with, for the layer timing; 0 = all cores (default: ${DEFAULT-VALUE}).")
    int threads;

    @Override
    public Integer call() throws Exception {
        if (!"onnx".equals(format)) {
            throw new InvalidInputException("--format must be onnx, found " + format);
        }
        if (!out.getFileName().toString().endsWith(".onnx")) {
            throw new InvalidInputException("--out must name a .onnx file, found " + out);
        }
        if (!int8 && (calibration != null || !keepFp32.isEmpty() || int8Form != null)) {
            throw new InvalidInputException(
                    "--calibration, --keep-fp32 and --int8-form need --int8");
        }
        if (int8) {
            return exportInt8();
        }
        ModelArtifact a = ModelArtifact.load(model);
        org.deepfakeedge.engine.DjlEngine.start(0);
        ExportCheck c = ExportVerifier.export(a, out);
        long bytes = java.nio.file.Files.size(out);
        Path ortFile = writeOrt();
        if (json) {
            var o = Json.MAPPER.createObjectNode();
            o.put("model", model.toString());
            o.put("onnx", out.toString());
            if (ortFile != null) {
                o.put("ort", ortFile.toString());
            }
            o.put("bytes", bytes);
            o.set("check", Json.MAPPER.valueToTree(c));
            commandSpec.commandLine().getOut().println(Json.line(o));
        } else {
            commandSpec
                    .commandLine()
                    .getOut()
                    .printf(
                            Locale.ROOT,
                            "wrote %s (%s): max |logit diff| vs source %.2e on %d sample images, agreement %.0f%%%n",
                            out,
                            Format.bytes(bytes),
                            c.maxAbsLogitDiff(),
                            c.images(),
                            100 * c.agreement());
            if (ortFile != null) {
                commandSpec
                        .commandLine()
                        .getOut()
                        .println("wrote " + ortFile + " (ONNX Runtime format)");
            }
        }
        return ExitCodes.OK;
    }

    /** With --ort, converts the written .onnx to FILE.ort next to it; returns its path or null. */
    private Path writeOrt() throws java.io.IOException {
        if (!ort) {
            return null;
        }
        String name = out.getFileName().toString();
        Path ortFile =
                out.resolveSibling(name.substring(0, name.length() - ".onnx".length()) + ".ort");
        org.deepfakeedge.export.OrtFormat.convert(out, ortFile);
        return ortFile;
    }

    private int exportInt8() throws Exception {
        if (calibration == null) {
            throw new InvalidInputException("--int8 needs --calibration DIR (a folder of images)");
        }
        Int8Options o =
                new Int8Options(
                        calibration,
                        calibrationCount,
                        Int8Options.Method.parse(calibrationMethod),
                        new java.util.HashSet<>(keepFp32),
                        Int8Options.parseTiming(layerTiming),
                        threads,
                        int8Form == null ? Int8Options.Form.ORT : Int8Options.Form.parse(int8Form));
        ModelArtifact a = ModelArtifact.load(model);
        Int8Exporter.Result r = Int8Exporter.export(a, o, out);
        Path ortFile = writeOrt();
        if (json) {
            var obj = Json.MAPPER.createObjectNode();
            obj.put("model", model.toString());
            obj.put("onnx", out.toString());
            if (ortFile != null) {
                obj.put("ort", ortFile.toString());
            }
            obj.put("precision", "int8");
            obj.put("int8_form", r.form());
            obj.put("bytes", r.bytes());
            obj.put("fp32_bytes", r.fp32Bytes());
            obj.put("calibration_images", r.calibrationImages());
            obj.put("calibration_method", r.method());
            obj.set("int8_layers", Json.MAPPER.valueToTree(r.int8Layers()));
            obj.set("layers", Json.MAPPER.valueToTree(r.layers()));
            obj.set("check_vs_fp32", Json.MAPPER.valueToTree(r.vsFp32()));
            obj.put("layer_timing", r.layerTiming());
            obj.set("timing", Json.MAPPER.valueToTree(r.timing()));
            commandSpec.commandLine().getOut().println(Json.line(obj));
        } else {
            commandSpec
                    .commandLine()
                    .getOut()
                    .printf(
                            Locale.ROOT,
                            "wrote %s (%s form, %s, fp32 would be %s): %d INT8 layers; vs fp32 on %d"
                                    + " calibration images: max |logit diff| %.3g, agreement %.1f%%%n",
                            out,
                            r.form(),
                            Format.bytes(r.bytes()),
                            Format.bytes(r.fp32Bytes()),
                            r.int8Layers().size(),
                            r.calibrationImages(),
                            r.vsFp32().maxAbsLogitDiff(),
                            100 * r.vsFp32().agreement());
            for (var l : r.layers()) {
                if (l.precision().equals("fp32")) {
                    commandSpec
                            .commandLine()
                            .getOut()
                            .printf(Locale.ROOT, "  %s kept fp32: %s%n", l.layer(), l.reason());
                }
            }
            if (r.timing() != null) {
                var t = r.timing();
                commandSpec
                        .commandLine()
                        .getOut()
                        .printf(
                                Locale.ROOT,
                                "measured whole model (batch 1, %d threads, medians): INT8 %.3f ms vs fp32 %.3f ms"
                                        + " (%.2f×); candidates %s; wrote: %s%n",
                                t.threads(),
                                t.int8Ms(),
                                t.fp32Ms(),
                                t.int8Ms() / t.fp32Ms(),
                                t.candidatesMs(),
                                t.chosen());
            } else {
                commandSpec
                        .commandLine()
                        .getOut()
                        .println(
                                r.form().equals(Int8Options.Form.PORTABLE.label())
                                        ? "portable form: fp32 layers chosen by rule only (it is"
                                                + " not timed: its runtimes are not ONNX Runtime)"
                                        : "layer timing off: fp32 layers chosen by rule only");
            }
            if (ortFile != null) {
                commandSpec
                        .commandLine()
                        .getOut()
                        .println("wrote " + ortFile + " (ONNX Runtime format)");
            }
        }
        return ExitCodes.OK;
    }
}
