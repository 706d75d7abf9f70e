package org.deepfakeedge.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.deepfakeedge.artifact.ArtifactManifest;
import org.deepfakeedge.compress.quantize.DynamicLinearQuantizer;
import org.deepfakeedge.export.onnx.OnnxGraphBuilder;
import org.deepfakeedge.export.onnx.OnnxOp;
import org.deepfakeedge.model.Layer;
import org.deepfakeedge.model.ModelSpec;
import org.deepfakeedge.model.Tensor;
import org.deepfakeedge.model.Weights;
import org.deepfakeedge.provenance.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exports a model (spec + weights) to an fp32 ONNX graph for ONNX Runtime.
 *
 * <p>Graph: input {@value #INPUT} float32 [N, C, S, S] (N symbolic), output {@value #OUTPUT}
 * float32 [N, classes]; IR version 8, opset 17. Layers map to nodes as follows:
 *
 * <ul>
 *   <li>conv → {@code Conv}; a batchnorm directly after a conv is folded into it (w' =
 *       w·γ/√(var+ε), b' = (b − mean)·γ/√(var+ε) + β, ε = 1e-5), and the folded tensors keep the
 *       conv's names;
 *   <li>any other batchnorm → {@code BatchNormalization} (inference form);
 *   <li>relu → {@code Relu}; maxpool → {@code MaxPool}; flatten → {@code Flatten(axis=1)}; dropout
 *       → nothing (identity at inference);
 *   <li>linear → {@code Gemm(transB=1)};
 *   <li>dynamic_quant_linear → int8 weight initializer → {@code DequantizeLinear} (per-tensor
 *       scale, zero point 0) → float {@code Gemm}. The weights stay one byte each in the file and
 *       are exactly q·s at run time, but the activations are <em>not</em> quantized: the ONNX model
 *       computes the float product with the dequantized weights, whereas DJL rounds each input row
 *       to int8 first. ONNX's {@code DynamicQuantizeLinear} uses one asymmetric uint8 scale per
 *       tensor, not our symmetric per-row scale, so it could not reproduce DJL exactly either; the
 *       float form is the better-defined reference and is the more accurate of the two;
 *   <li>adapter → {@code Conv}(depthwise, group = C) → {@code Conv}(1×1, its batchnorm folded) →
 *       {@code Relu};
 *   <li>a calibrated model (temperature T ≠ 1 in the manifest) ends in {@code Div}(last layer's
 *       output, scalar initializer {@value #TEMPERATURE_INITIALIZER} = (float) T), so the {@value
 *       #OUTPUT} output is already logits / T and a softmax over it, by any tool, gives the
 *       calibrated p_fake. Uncalibrated models have no such node: their graph is the one written
 *       before calibration existed.
 * </ul>
 *
 * <p>The artifact's manifest ({@code model.json} content) is stored in {@code metadata_props} under
 * {@value #MANIFEST_KEY}, so threshold, class names and preprocessing travel with the file.
 * Stateless and thread-safe.
 */
public final class OnnxExporter {
    private static final Logger LOG = LoggerFactory.getLogger(OnnxExporter.class);

    /** Graph input name. */
    public static final String INPUT = "input";

    /** Graph output name. */
    public static final String OUTPUT = "logits";

    /** {@code metadata_props} key of the manifest JSON. */
    public static final String MANIFEST_KEY = "deepfake_edge_manifest";

    /** {@code metadata_props} key of the source artifact id (SHA-256 of its weights file). */
    public static final String ARTIFACT_ID_KEY = "deepfake_edge_artifact_id";

    /** Initializer name of a calibrated model's temperature (a float32 scalar). */
    public static final String TEMPERATURE_INITIALIZER = "calibration.temperature";

    /** BatchNorm epsilon (PyTorch default, as the DJL blocks use). */
    public static final double BN_EPSILON = 1e-5;

    /** Max |logit difference| to DJL that an fp32 export may show. */
    public static final double FP32_TOLERANCE = 1e-3;

    /** Images of the seeded random batch an export is checked on. */
    public static final int CHECK_IMAGES = 4;

    /**
     * The one seed of everything an export draws at random: the batch it is checked on, the order
     * of calibration images, the speed probe's inputs. Fixed, so that exporting the same artifact
     * twice gives the same file and the same check.
     */
    public static final long CHECK_SEED = 20240607L;

    private OnnxExporter() {}

    /**
     * Builds the ONNX model.
     *
     * @param manifest the model's manifest (spec, preprocessing, classes, threshold, lineage)
     * @param weights weights matching {@code manifest.spec()}
     * @throws org.deepfakeedge.model.InvalidSpecException if the weights do not fit the spec
     */
    public static OnnxModel toOnnx(ArtifactManifest manifest, Weights weights) {
        return toOnnx(manifest, weights, null, Map.of());
    }

    /**
     * Builds the ONNX model; with a {@link QdqPlan} the graph is INT8 QDQ (or, in calibration mode,
     * fp32 with the tensors to calibrate as extra outputs).
     */
    static OnnxModel toOnnx(
            ArtifactManifest manifest,
            Weights weights,
            QdqPlan plan,
            Map<String, String> extraMetadata) {
        ModelSpec spec = manifest.spec();
        weights.checkAgainst(spec);
        OnnxGraphBuilder g = new OnnxGraphBuilder();
        List<Layer> layers = spec.layers();
        String cur = INPUT;
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            String n = l.name();
            if (l instanceof Layer.Conv c) {
                Layer.BatchNorm bn =
                        i + 1 < layers.size() && layers.get(i + 1) instanceof Layer.BatchNorm b
                                ? b
                                : null;
                Tensor w = weights.get(n + ".weight");
                Tensor b = c.bias() ? weights.get(n + ".bias") : null;
                if (bn != null) {
                    Tensor[] f = fold(w, b, weights, bn.name() + ".");
                    w = f[0];
                    b = f[1];
                    i++;
                }
                String out = bn != null ? bn.name() : n;
                cur =
                        conv(
                                g,
                                plan,
                                c,
                                n,
                                w,
                                b,
                                cur,
                                out,
                                bn == null ? null : "folded " + bn.name());
            } else if (l instanceof Layer.BatchNorm b) {
                String p = n + ".";
                g.node(
                                OnnxOp.BATCH_NORMALIZATION,
                                n,
                                n,
                                cur,
                                g.floatInitializer(p + "gamma", weights.get(p + "gamma")),
                                g.floatInitializer(p + "beta", weights.get(p + "beta")),
                                g.floatInitializer(
                                        p + "running_mean", weights.get(p + "running_mean")),
                                g.floatInitializer(
                                        p + "running_var", weights.get(p + "running_var")))
                        .attr("epsilon", (float) BN_EPSILON);
                cur = n;
            } else if (l instanceof Layer.Relu) {
                g.node(OnnxOp.RELU, n, n, cur);
                boolean pair =
                        plan != null
                                && plan.pairAfterRelu(
                                        plan.isInt8(producer(layers, i), false), layers, i + 1);
                cur = pair ? plan.act(g, n) : n;
            } else if (l instanceof Layer.MaxPool p) {
                g.node(OnnxOp.MAX_POOL, n, n, cur)
                        .attr("kernel_shape", p.kernel(), p.kernel())
                        .attr("strides", p.stride(), p.stride());
                cur = plan == null ? n : plan.same(g, cur, n);
            } else if (l instanceof Layer.Flatten) {
                g.node(OnnxOp.FLATTEN, n, n, cur).attr("axis", 1L);
                cur = plan == null ? n : plan.same(g, cur, n);
            } else if (l instanceof Layer.Dropout) {
                continue; // identity at inference
            } else if (l instanceof Layer.Linear f) {
                cur =
                        linear(
                                g,
                                plan,
                                n,
                                cur,
                                weights.get(n + ".weight"),
                                f.bias() ? weights.get(n + ".bias") : null);
            } else if (l instanceof Layer.DynamicQuantLinear q) {
                Tensor qw = weights.get(n + ".weight");
                String wq = g.int8Initializer(n + ".weight", qw.shape(), qw.data());
                String s =
                        g.floatInitializer(
                                n + ".weight_scale",
                                new int[0],
                                new float[] {weights.get(n + ".weight_scale").data()[0]});
                String zp = g.int8Initializer(n + ".weight_zero_point", new int[0], new float[1]);
                String wf = n + ".weight_dequantized";
                g.node(OnnxOp.DEQUANTIZE_LINEAR, n, wf, wq, s, zp);
                if (plan != null) {
                    plan.record(n, "dynamic_quant_linear: int8 weights, float activations");
                    cur = plan.fp32Input(g, cur);
                }
                cur = gemm(g, n, cur, wf, q.bias() ? weights.get(n + ".bias") : null);
            } else if (l instanceof Layer.Adapter a) {
                int ch = a.channels();
                String p = n + ".";
                String dw =
                        conv(
                                g,
                                plan,
                                new Layer.Conv(p + "dw", ch, ch, 3, 1, 1, ch, true),
                                p + "dw",
                                weights.get(p + "dw.weight"),
                                weights.get(p + "dw.bias"),
                                cur,
                                p + "dw",
                                null);
                Tensor[] f =
                        fold(
                                weights.get(p + "pw.weight"),
                                weights.get(p + "pw.bias"),
                                weights,
                                p + "bn.");
                String pw =
                        conv(
                                g,
                                plan,
                                new Layer.Conv(p + "pw", ch, ch, 1, 1, 0, 1, true),
                                p + "pw",
                                f[0],
                                f[1],
                                dw,
                                p + "pw",
                                "folded " + p + "bn");
                g.node(OnnxOp.RELU, n, n, pw);
                boolean pair =
                        plan != null && plan.pairAfterRelu(plan.isInt8(a, false), layers, i + 1);
                cur = pair ? plan.act(g, n) : n;
            } else {
                throw new IllegalStateException(
                        "no ONNX mapping for layer type " + l.getClass().getSimpleName());
            }
        }
        if (plan != null && plan.mode() == QdqPlan.Mode.CALIBRATE) {
            for (String t : plan.requested()) {
                if (!t.equals(INPUT)) {
                    g.extraOutput(t);
                }
            }
        }
        double temperature = manifest.appliedTemperature();
        if (temperature != 1.0) {
            String t =
                    g.floatInitializer(
                            TEMPERATURE_INITIALIZER, new int[0], new float[] {(float) temperature});
            String scaled = "calibration.scaled_logits";
            g.node(OnnxOp.DIV, "calibration", scaled, cur, t)
                    .doc("logits / temperature " + temperature + " (deepfake-edge calibrate)");
            cur = scaled;
        }
        g.renameOutput(cur, OUTPUT);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(MANIFEST_KEY, Json.line(manifest));
        if (manifest.artifactId() != null) {
            meta.put(ARTIFACT_ID_KEY, manifest.artifactId());
        }
        meta.putAll(extraMetadata);
        byte[] bytes =
                g.build(
                                spec.arch(),
                                INPUT,
                                new int[] {spec.inChannels(), spec.imageSize(), spec.imageSize()},
                                OUTPUT,
                                spec.numClasses(),
                                version(),
                                meta)
                        .toByteArray();
        return new OnnxModel(bytes, INPUT, OUTPUT);
    }

    /** The layer whose output reaches {@code layers[i]}, skipping batchnorm and dropout. */
    private static Layer producer(List<Layer> layers, int i) {
        for (int j = i - 1; j >= 0; j--) {
            Layer l = layers.get(j);
            if (!(l instanceof Layer.BatchNorm) && !(l instanceof Layer.Dropout)) {
                return l;
            }
        }
        return layers.get(i); // nothing before: no producer layer (isInt8 is false for a relu)
    }

    /** Returns N·C·S·S values uniform in [−2, 2) from {@code seed}: normalised-image-like input. */
    public static float[] randomBatch(ModelSpec spec, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n * spec.inChannels() * spec.imageSize() * spec.imageSize()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextDouble() * 4 - 2);
        }
        return x;
    }

    /** Returns the spec with every dynamic_quant_linear layer replaced by a float linear one. */
    public static ModelSpec floatSpec(ModelSpec spec) {
        return spec.withLayers(
                ls -> {
                    List<Layer> out = new ArrayList<>(ls.size());
                    for (Layer l : ls) {
                        out.add(
                                l instanceof Layer.DynamicQuantLinear q
                                        ? new Layer.Linear(q.name(), q.in(), q.out(), q.bias())
                                        : l);
                    }
                    return out;
                });
    }

    /** Returns weights for {@link #floatSpec}: dequantized q·s instead of q and its scale. */
    public static Weights floatWeights(ModelSpec spec, Weights weights) {
        Weights out = new Weights();
        for (var e : weights.asMap().entrySet()) {
            String key = e.getKey();
            String layer = key.substring(0, key.lastIndexOf('.'));
            boolean quant = spec.layer(layer) instanceof Layer.DynamicQuantLinear;
            if (quant && key.endsWith(".weight_scale")) {
                continue;
            }
            out.put(
                    key,
                    quant && key.endsWith(".weight")
                            ? DynamicLinearQuantizer.dequantize(weights, layer)
                            : e.getValue());
        }
        return out;
    }

    private static String conv(
            OnnxGraphBuilder g,
            QdqPlan plan,
            Layer.Conv c,
            String name,
            Tensor w,
            Tensor b,
            String input,
            String output,
            String doc) {
        String reason = plan == null ? "" : plan.fp32Reason(name, c.in(), c.out(), c.groups());
        if (plan != null) {
            plan.record(name, reason);
        }
        String wName;
        String bName;
        if (reason == null) {
            input = plan.act(g, input);
        } else if (plan != null) {
            input = plan.fp32Input(g, input);
        }
        if (reason == null && plan.mode() == QdqPlan.Mode.QUANTIZE) {
            Object[] qw = QdqPlan.weight(g, name, w);
            wName = (String) qw[0];
            bName =
                    b == null
                            ? null
                            : QdqPlan.bias(g, name, b, plan.scaleOf(input), (float[]) qw[1]);
        } else {
            wName = g.floatInitializer(name + ".weight", w);
            bName = b == null ? null : g.floatInitializer(name + ".bias", b);
        }
        OnnxGraphBuilder.Node node =
                bName == null
                        ? g.node(OnnxOp.CONV, name, output, input, wName)
                        : g.node(OnnxOp.CONV, name, output, input, wName, bName);
        int p = c.padding();
        node.attr("kernel_shape", c.kernel(), c.kernel())
                .attr("strides", c.stride(), c.stride())
                .attr("pads", p, p, p, p)
                .attr("dilations", 1, 1)
                .attr("group", (long) c.groups());
        if (doc != null) {
            node.doc(doc);
        }
        return output;
    }

    private static String linear(
            OnnxGraphBuilder g, QdqPlan plan, String n, String input, Tensor w, Tensor b) {
        String reason = plan == null ? "" : plan.fp32Reason(n);
        if (plan != null) {
            plan.record(n, reason);
        }
        if (reason == null) {
            input = plan.act(g, input);
        } else if (plan != null) {
            input = plan.fp32Input(g, input);
        }
        if (reason == null && plan.mode() == QdqPlan.Mode.QUANTIZE) {
            Object[] qw = QdqPlan.weight(g, n, w);
            String bName =
                    b == null ? null : QdqPlan.bias(g, n, b, plan.scaleOf(input), (float[]) qw[1]);
            if (bName == null) {
                g.node(OnnxOp.GEMM, n, n, input, (String) qw[0]).attr("transB", 1L);
            } else {
                g.node(OnnxOp.GEMM, n, n, input, (String) qw[0], bName).attr("transB", 1L);
            }
            return n;
        }
        return gemm(g, n, input, g.floatInitializer(n + ".weight", w), b);
    }

    private static String gemm(OnnxGraphBuilder g, String n, String input, String w, Tensor bias) {
        if (bias == null) {
            g.node(OnnxOp.GEMM, n, n, input, w).attr("transB", 1L);
        } else {
            g.node(OnnxOp.GEMM, n, n, input, w, g.floatInitializer(n + ".bias", bias))
                    .attr("transB", 1L);
        }
        return n;
    }

    /**
     * Folds the batchnorm with parameters under {@code bnPrefix} into conv weights {@code w} (out,
     * ...) and optional bias {@code b}; returns {w', b'}.
     */
    static Tensor[] fold(Tensor w, Tensor b, Weights weights, String bnPrefix) {
        float[] gamma = weights.get(bnPrefix + "gamma").data();
        float[] beta = weights.get(bnPrefix + "beta").data();
        float[] mean = weights.get(bnPrefix + "running_mean").data();
        float[] var = weights.get(bnPrefix + "running_var").data();
        int out = w.shape()[0];
        int per = w.size() / out;
        Tensor w2 = Tensor.zeros(w.shape());
        Tensor b2 = Tensor.zeros(out);
        for (int o = 0; o < out; o++) {
            double k = gamma[o] / Math.sqrt(var[o] + BN_EPSILON);
            for (int j = 0; j < per; j++) {
                w2.data()[o * per + j] = (float) (w.data()[o * per + j] * k);
            }
            double bias = b == null ? 0 : b.data()[o];
            b2.data()[o] = (float) ((bias - mean[o]) * k + beta[o]);
        }
        return new Tensor[] {w2, b2};
    }

    private static String version() {
        String v = OnnxExporter.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
