package org.deepfakeedge.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.artifact.ArtifactManifest;
import org.deepfakeedge.artifact.ModelArtifact;
import org.deepfakeedge.artifact.Preprocessors;
import org.deepfakeedge.export.onnx.QOperatorRewrite;
import org.deepfakeedge.io.AtomicFiles;
import org.deepfakeedge.model.Layer;
import org.deepfakeedge.model.ModelSpec;
import org.deepfakeedge.model.Weights;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Static INT8 export: QDQ for ONNX Runtime, or the same model in the portable QOperator form.
 *
 * <p>Steps: (1) build the fp32 graph with every tensor that will get a Q→DQ pair as an extra
 * output; (2) run it in ORT on the calibration images (preprocessed like the artifact) and take
 * min/max or the 99.99th percentile of |x| per tensor; (3) build the QDQ graph: int8 symmetric
 * per-output-channel weights on the grid ±{@value #WEIGHT_MAX} (axis 0, zero point 0) as int8
 * initializers behind DequantizeLinear, int32 biases with scale s_x·s_w, uint8 asymmetric
 * per-tensor activations (see {@link QdqPlan} for placement); (4) compare its logits with fp32 on
 * the calibration images. Grouped convs with more than one output per input channel and layers
 * named in {@link Int8Options#keepFp32()} stay fp32; with {@link Int8Options#layerTiming()} every
 * other layer is timed in INT8 and fp32 on ONNX Runtime and the slower ones stay fp32 too, checked
 * on the whole model ({@link MeasuredFallback}). The manifest travels in the metadata as for fp32,
 * plus {@value #PRECISION_KEY} = {@code int8}, {@value #LAYER_TIMING_KEY} and {@value
 * #FP32_LAYERS_KEY}.
 *
 * <p>{@link Int8Options.Form#PORTABLE} re-encodes the same quantized graph for runtimes that do not
 * fuse QDQ ({@link QOperatorRewrite}: QLinearConv, no DequantizeLinear on a weight), keeps fp32 the
 * layers whose output nothing re-quantizes (the logits layer), is never timed, and records {@value
 * #FORM_KEY} = {@code portable}. The default {@link Int8Options.Form#ORT} file is written exactly
 * as before forms existed, without that key: a file without it is in the ort form.
 *
 * <p>Stateless and thread-safe.
 */
public final class Int8Exporter {
    /**
     * The largest |q| of an int8 weight: 64, not 127, so that every x86 CPU computes the same
     * integers. Without VNNI (AVX2, or AVX-512 without VNNI) ONNX Runtime multiplies uint8 inputs
     * by int8 weights with {@code vpmaddubsw}, which adds two products into a saturating int16: 2 ·
     * 255 · 127 overflows it and those CPUs return other logits than VNNI ones (measured on an AVX2
     * EPYC: the teacher's logits 0.0165 off OpenCV's exact integers, against 1.7e-6 with this
     * grid), while 2 · 255 · 64 = 32,640 fits. The cost is one bit of weight precision (ONNX
     * Runtime's quantizer calls it {@code reduce_range}).
     */
    public static final int WEIGHT_MAX = 64;

    private static final Logger LOG = LoggerFactory.getLogger(Int8Exporter.class);

    /** {@code metadata_props} key of the numeric precision. */
    public static final String PRECISION_KEY = "deepfake_edge_precision";

    /** {@code metadata_props} key: {@code off}, or {@code on, N threads} for measured fallback. */
    public static final String LAYER_TIMING_KEY = "deepfake_edge_int8_layer_timing";

    /** {@code metadata_props} key: JSON object of the layers kept fp32 → why. */
    public static final String FP32_LAYERS_KEY = "deepfake_edge_int8_fp32_layers";

    /**
     * {@code metadata_props} key of the INT8 form, written for {@link Int8Options.Form#PORTABLE}
     * only (so that ort-form files stay byte for byte what they were).
     */
    public static final String FORM_KEY = "deepfake_edge_int8_form";

    /** Why the portable form keeps a layer fp32 that the ort form quantizes. */
    static final String PORTABLE_FP32_REASON =
            "portable form: nothing re-quantizes its output (QLinearConv writes 8-bit values only)";

    private Int8Exporter() {}

    /**
     * What an INT8 export produced.
     *
     * @param file the INT8 .onnx file
     * @param bytes its size
     * @param fp32Bytes size of the equivalent fp32 .onnx
     * @param calibrationImages images used for calibration and for the check
     * @param method the range estimator
     * @param form the INT8 form: {@code ort} or {@code portable}
     * @param layers per Conv/Gemm layer: int8 or fp32 and why
     * @param vsFp32 INT8 vs fp32 ONNX logits on the calibration images (max |diff|, agreement)
     * @param layerTiming whether layers were timed (measured fallback) or chosen by rule only
     * @param timing the whole-model timing check, or null without layer timing
     */
    public record Result(
            Path file,
            long bytes,
            long fp32Bytes,
            int calibrationImages,
            String method,
            String form,
            List<LayerPrecision> layers,
            ExportCheck vsFp32,
            boolean layerTiming,
            Int8Timing timing) {
        /** Names of the INT8 layers. */
        public List<String> int8Layers() {
            return layers.stream()
                    .filter(l -> l.precision().equals("int8"))
                    .map(l -> l.layer())
                    .toList();
        }

        /** Names of the layers kept in fp32. */
        public List<String> fp32Layers() {
            return layers.stream()
                    .filter(l -> l.precision().equals("fp32"))
                    .map(l -> l.layer())
                    .toList();
        }
    }

    /**
     * Calibrates on images from {@code options.calibrationDir()}, writes the INT8 model to {@code
     * target} atomically and checks it against fp32 on the calibration images.
     *
     * @throws InvalidInputException if a {@code --keep-fp32} name is not a layer of the model, or
     *     the calibration folder has no images
     */
    public static Result export(ModelArtifact artifact, Int8Options options, Path target)
            throws IOException {
        ArtifactManifest manifest = artifact.manifest();
        checkKeep(manifest.spec(), options.keepFp32());
        Calibration.Images images =
                Calibration.loadImages(
                        options.calibrationDir(),
                        Preprocessors.of(manifest.preprocessing()),
                        options.calibrationCount());
        return export(manifest, artifact.weights(), options, images, target);
    }

    /** Like {@link #export(ModelArtifact, Int8Options, Path)} with images already loaded. */
    static Result export(
            ArtifactManifest manifest,
            Weights weights,
            Int8Options options,
            Calibration.Images images,
            Path target)
            throws IOException {
        SpeedProbe probe = options.layerTiming() ? new OrtSpeedProbe(options.threads()) : null;
        return export(manifest, weights, options, images, target, probe);
    }

    /**
     * As above with the layer timer given; {@code probe} null = rules only (always for the portable
     * form).
     */
    static Result export(
            ArtifactManifest manifest,
            Weights weights,
            Int8Options options,
            Calibration.Images images,
            Path target,
            SpeedProbe probe)
            throws IOException {
        ModelSpec spec = manifest.spec();
        boolean portable = options.form() == Int8Options.Form.PORTABLE;
        if (portable) {
            probe = null; // ONNX Runtime timings say nothing about the runtimes this form is for
        }
        // the calibration plan applies only the rules: measured fallback keeps more layers fp32,
        // which need a subset of these tensors' ranges
        QdqPlan cal = new QdqPlan(QdqPlan.Mode.CALIBRATE, options.keepFp32(), null);
        OnnxModel calModel = OnnxExporter.toOnnx(manifest, weights, cal, Map.of());
        byte[] fp32 = OnnxExporter.toOnnx(manifest, weights).bytes();
        long[] chw = {spec.inChannels(), spec.imageSize(), spec.imageSize()};
        Calibration.Result r =
                Calibration.measure(
                        calModel.bytes(), cal.requested(), images, chw, options.method());
        List<String> ruleInt8 =
                cal.layers().stream()
                        .filter(l -> l.precision().equals("int8"))
                        .map(LayerPrecision::layer)
                        .toList();
        MeasuredFallback.Outcome outcome = null;
        if (probe != null && !ruleInt8.isEmpty()) {
            outcome =
                    MeasuredFallback.decide(
                            spec,
                            ruleInt8,
                            probe,
                            extra ->
                                    quantize(manifest, weights, options, r, extra, Map.of())
                                            .bytes(),
                            fp32);
        }
        Map<String, String> extra =
                new java.util.LinkedHashMap<>(outcome == null ? Map.of() : outcome.fp32Reasons());
        QdqPlan plan = new QdqPlan(QdqPlan.Mode.QUANTIZE, options.keepFp32(), extra, r.ranges());
        byte[] q =
                OnnxExporter.toOnnx(
                                manifest,
                                weights,
                                plan,
                                metadata(probe, cal.layers(), extra, options.form()))
                        .bytes();
        while (portable) {
            QOperatorRewrite.Result rw =
                    QOperatorRewrite.apply(
                            ai.onnx.proto.OnnxMl.ModelProto.parseFrom(q), flattenInputs(spec));
            // an INT8 layer that cannot become QLinearConv would compute in float anyway: keep it
            // fp32 (exact weights) and build again; every round adds a layer, so this ends
            List<String> int8 = names(plan.layers(), "int8");
            List<String> more = rw.unfused().stream().filter(int8::contains).toList();
            if (more.isEmpty()) {
                q = rw.model().toByteArray();
                break;
            }
            more.forEach(l -> extra.put(l, PORTABLE_FP32_REASON));
            plan = new QdqPlan(QdqPlan.Mode.QUANTIZE, options.keepFp32(), extra, r.ranges());
            q =
                    OnnxExporter.toOnnx(
                                    manifest,
                                    weights,
                                    plan,
                                    metadata(probe, cal.layers(), extra, options.form()))
                            .bytes();
        }
        AtomicFiles.write(target, q);
        // the bytes just written, run as the file would be (OrtDetector is a layer above this
        // package)
        float[] got = Calibration.logits(q, images, chw);
        ExportCheck check = ExportCheck.compare(r.fp32Logits(), got, images.count());
        List<LayerPrecision> layers = plan.layers();
        if (outcome != null) {
            Map<String, LayerTiming> t = outcome.layerTimings();
            layers = layers.stream().map(l -> l.withTiming(t.get(l.layer()))).toList();
        }
        Result res =
                new Result(
                        target,
                        q.length,
                        fp32.length,
                        images.count(),
                        options.method().name().toLowerCase(java.util.Locale.ROOT),
                        options.form().label(),
                        layers,
                        check,
                        probe != null,
                        outcome == null ? null : outcome.model());
        LOG.info(
                "INT8 export ({} form) of {} to {} ({} bytes, fp32 {}): int8 {}, fp32 {}; vs fp32 on"
                        + " {} calibration images: max |logit diff| {}, agreement {}; timing {}",
                res.form(),
                spec.arch(),
                target,
                res.bytes(),
                fp32.length,
                res.int8Layers(),
                res.fp32Layers(),
                images.count(),
                check.maxAbsLogitDiff(),
                check.agreement(),
                res.timing());
        return res;
    }

    private static OnnxModel quantize(
            ArtifactManifest manifest,
            Weights weights,
            Int8Options options,
            Calibration.Result r,
            Map<String, String> extraFp32,
            Map<String, String> meta) {
        QdqPlan plan =
                new QdqPlan(QdqPlan.Mode.QUANTIZE, options.keepFp32(), extraFp32, r.ranges());
        return OnnxExporter.toOnnx(manifest, weights, plan, meta);
    }

    /** The INT8 entries of {@code metadata_props}, in the order the ort form always wrote them. */
    private static Map<String, String> metadata(
            SpeedProbe probe,
            List<LayerPrecision> rule,
            Map<String, String> extra,
            Int8Options.Form form) {
        Map<String, String> meta = new java.util.LinkedHashMap<>();
        meta.put(PRECISION_KEY, "int8");
        meta.put(LAYER_TIMING_KEY, probe == null ? "off" : "on, " + probe.threads() + " threads");
        meta.put(FP32_LAYERS_KEY, org.deepfakeedge.provenance.Json.line(fp32Layers(rule, extra)));
        if (form != Int8Options.Form.ORT) {
            meta.put(FORM_KEY, form.label());
        }
        return meta;
    }

    private static List<String> names(List<LayerPrecision> layers, String precision) {
        return layers.stream()
                .filter(l -> l.precision().equals(precision))
                .map(LayerPrecision::layer)
                .toList();
    }

    /** Per Flatten layer (its ONNX output name), the C×H×W shape of its input. */
    private static Map<String, int[]> flattenInputs(ModelSpec spec) {
        Map<String, int[]> out = new java.util.HashMap<>();
        List<ModelSpec.Shape> shapes = spec.shapes();
        for (int i = 0; i < spec.layers().size(); i++) {
            if (spec.layers().get(i) instanceof Layer.Flatten f) {
                ModelSpec.Shape s = shapes.get(i);
                out.put(f.name(), new int[] {s.c(), s.h(), s.w()});
            }
        }
        return out;
    }

    /** Layers kept fp32 → why, in graph order: the rules' reasons, then the measured ones. */
    private static Map<String, String> fp32Layers(
            List<LayerPrecision> rule, Map<String, String> extra) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (LayerPrecision l : rule) {
            if (l.precision().equals("fp32")) {
                out.put(l.layer(), l.reason());
            } else if (extra.containsKey(l.layer())) {
                out.put(l.layer(), extra.get(l.layer()));
            }
        }
        return out;
    }

    private static void checkKeep(ModelSpec spec, Set<String> keep) {
        Set<String> names = new TreeSet<>();
        for (Layer l : spec.layers()) {
            if (l instanceof Layer.Conv || l instanceof Layer.Linear) {
                names.add(l.name());
            } else if (l instanceof Layer.Adapter) {
                names.add(l.name() + ".dw");
                names.add(l.name() + ".pw");
            }
        }
        List<String> bad = new ArrayList<>();
        for (String k : keep) {
            if (!names.contains(k)) {
                bad.add(k);
            }
        }
        if (!bad.isEmpty()) {
            throw new InvalidInputException(
                    "--keep-fp32 names no conv/linear layer of "
                            + spec.arch()
                            + ": "
                            + bad
                            + "; choose from "
                            + names);
        }
    }
}
