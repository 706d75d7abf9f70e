package org.deepfakeedge.export;

import ai.onnx.proto.OnnxMl;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.deepfakeedge.export.onnx.OnnxGraphBuilder;
import org.deepfakeedge.export.onnx.OnnxOp;
import org.deepfakeedge.model.InvalidSpecException;
import org.deepfakeedge.model.Layer;
import org.deepfakeedge.model.ModelSpec;
import org.deepfakeedge.model.Tensor;

/**
 * One-layer ONNX graphs for timing a layer's INT8 form against its fp32 form, as the layer runs
 * inside an otherwise INT8 model.
 *
 * <p>Both forms read the layer's real input shape at batch 1 as uint8 (the previous layer's
 * quantized output; float for the model's first layer) and write uint8 (float for the last layer),
 * so each costs exactly what it would cost in the exported graph: INT8 = DQ→Conv/Gemm(int8 weights,
 * int32 bias)→[Relu]→Q, which ORT fuses into one {@code QLinearConv}/{@code QGemm}; fp32 = DQ →
 * Relu guard → float Conv/Gemm → [Relu] → Q, i.e. the layer in fp32 plus the conversions that
 * keeping it fp32 between INT8 neighbours adds (the guard is what the export puts there too, see
 * {@link QdqPlan#fp32Input}). Weights are seeded random values of the real shapes: ORT's dense
 * kernels take the same time whatever the values. Stateless.
 */
final class LayerProbeGraphs {
    static final String INPUT = "x";
    static final String OUTPUT = "y";

    private LayerProbeGraphs() {}

    /**
     * A quantizable layer as the probe builds it.
     *
     * @param name spec layer name, or {@code <adapter>.dw}/{@code .pw}
     * @param conv the conv, or null for a linear layer
     * @param linear the linear layer, or null for a conv
     * @param input its input shape
     * @param floatInput true if it reads the model's (float) input
     * @param relu true if a relu follows (fused into the INT8 kernel's output)
     * @param floatOutput true if its output is the model's (float) logits
     */
    record Probe(
            String name,
            Layer.Conv conv,
            Layer.Linear linear,
            ModelSpec.Shape input,
            boolean floatInput,
            boolean relu,
            boolean floatOutput) {
        long[] inputDims() {
            return input.isFlat()
                    ? new long[] {1, input.c()}
                    : new long[] {1, input.c(), input.h(), input.w()};
        }

        long[] outputDims() {
            if (linear != null) {
                return new long[] {1, linear.out()};
            }
            int k = conv.kernel(), s = conv.stride(), p = conv.padding();
            return new long[] {
                1, conv.out(), (input.h() + 2L * p - k) / s + 1, (input.w() + 2L * p - k) / s + 1
            };
        }
    }

    /** Describes the quantizable layer {@code name} of {@code spec}. */
    static Probe describe(ModelSpec spec, String name) {
        List<Layer> layers = spec.layers();
        int dot = name.lastIndexOf('.');
        boolean adapterPart = dot > 0 && !(hasLayer(spec, name));
        String top = adapterPart ? name.substring(0, dot) : name;
        int i = indexOf(layers, top);
        Layer l = layers.get(i);
        ModelSpec.Shape in = spec.shapes().get(i);
        boolean last = true;
        for (int j = i + 1; j < layers.size(); j++) {
            Layer after = layers.get(j);
            last &= !QdqPlan.quantizable(after) && !(after instanceof Layer.DynamicQuantLinear);
        }
        if (l instanceof Layer.Adapter a) {
            int ch = a.channels();
            boolean dw = name.endsWith(".dw");
            Layer.Conv c =
                    dw
                            ? new Layer.Conv(name, ch, ch, 3, 1, 1, ch, true)
                            : new Layer.Conv(name, ch, ch, 1, 1, 0, 1, true);
            return new Probe(name, c, null, in, dw && i == 0, !dw, !dw && last);
        }
        int j = i + 1;
        while (j < layers.size() && layers.get(j) instanceof Layer.BatchNorm) {
            j++;
        }
        boolean relu = j < layers.size() && layers.get(j) instanceof Layer.Relu;
        if (l instanceof Layer.Conv c) {
            return new Probe(name, c, null, in, i == 0, relu, last);
        }
        if (l instanceof Layer.Linear f) {
            return new Probe(name, null, f, in, i == 0, relu, last);
        }
        throw new InvalidSpecException(name + " is not a conv or linear layer of " + spec.arch());
    }

    /** Serialized one-layer graph, INT8 (QDQ) or fp32 form. */
    static byte[] graph(Probe p, boolean int8) {
        OnnxGraphBuilder g = new OnnxGraphBuilder();
        String n = p.name();
        float sIn = 0.02f;
        String cur;
        if (p.floatInput()) {
            cur = int8 ? qdq(g, n + "_in", INPUT, sIn, 128) : INPUT;
        } else {
            cur = dq(g, n + "_in", INPUT, sIn, 0);
            if (!int8) {
                // as the export feeds an fp32 layer (QdqPlan.fp32Input): without it ORT would
                // quantize the float weights and run this form in INT8 too
                g.node(OnnxOp.RELU, n + "_in", n + "_in_fp32", cur);
                cur = n + "_in_fp32";
            }
        }
        SplittableRandom r = new SplittableRandom(n.hashCode());
        int out = p.conv() != null ? p.conv().out() : p.linear().out();
        int[] wShape =
                p.conv() != null
                        ? new int[] {
                            out,
                            p.conv().in() / p.conv().groups(),
                            p.conv().kernel(),
                            p.conv().kernel()
                        }
                        : new int[] {out, p.linear().in()};
        Tensor w = random(r, 0.1f, wShape);
        Tensor b = random(r, 0.01f, out);
        String wName;
        String bName;
        if (int8) {
            Object[] qw = QdqPlan.weight(g, n, w);
            wName = (String) qw[0];
            bName = QdqPlan.bias(g, n, b, sIn, (float[]) qw[1]);
        } else {
            wName = g.floatInitializer(n + ".weight", w);
            bName = g.floatInitializer(n + ".bias", b);
        }
        String y = n + "_out";
        if (p.conv() != null) {
            Layer.Conv c = p.conv();
            int pad = c.padding();
            g.node(OnnxOp.CONV, n, y, cur, wName, bName)
                    .attr("kernel_shape", c.kernel(), c.kernel())
                    .attr("strides", c.stride(), c.stride())
                    .attr("pads", pad, pad, pad, pad)
                    .attr("dilations", 1, 1)
                    .attr("group", (long) c.groups());
        } else {
            g.node(OnnxOp.GEMM, n, y, cur, wName, bName).attr("transB", 1L);
        }
        cur = y;
        if (p.relu()) {
            g.node(OnnxOp.RELU, n, n + "_relu", cur);
            cur = n + "_relu";
        }
        OnnxMl.TensorProto.DataType outType;
        if (p.floatOutput()) {
            outType = OnnxMl.TensorProto.DataType.FLOAT;
        } else {
            outType = OnnxMl.TensorProto.DataType.UINT8;
            g.node(
                    OnnxOp.QUANTIZE_LINEAR,
                    n,
                    n + "_q",
                    cur,
                    g.floatInitializer(n + "_out_scale", new int[0], new float[] {0.05f}),
                    g.uint8Initializer(
                            n + "_out_zero_point", new int[0], new int[] {p.relu() ? 0 : 128}));
            cur = n + "_q";
        }
        g.renameOutput(cur, OUTPUT);
        OnnxMl.TensorProto.DataType inType =
                p.floatInput()
                        ? OnnxMl.TensorProto.DataType.FLOAT
                        : OnnxMl.TensorProto.DataType.UINT8;
        return g.build(
                        n + (int8 ? "-int8" : "-fp32"),
                        List.of(OnnxGraphBuilder.tensorValue(INPUT, inType, p.inputDims())),
                        List.of(OnnxGraphBuilder.tensorValue(OUTPUT, outType, p.outputDims())),
                        "probe",
                        Map.of())
                .toByteArray();
    }

    private static String dq(OnnxGraphBuilder g, String ctx, String in, float s, int zp) {
        String out = ctx + "_dequantized";
        g.node(
                OnnxOp.DEQUANTIZE_LINEAR,
                ctx,
                out,
                in,
                g.floatInitializer(ctx + "_scale", new int[0], new float[] {s}),
                g.uint8Initializer(ctx + "_zero_point", new int[0], new int[] {zp}));
        return out;
    }

    private static String qdq(OnnxGraphBuilder g, String ctx, String in, float s, int zp) {
        String sName = g.floatInitializer(ctx + "_scale", new int[0], new float[] {s});
        String zName = g.uint8Initializer(ctx + "_zero_point", new int[0], new int[] {zp});
        g.node(OnnxOp.QUANTIZE_LINEAR, ctx, ctx + "_quantized", in, sName, zName);
        g.node(
                OnnxOp.DEQUANTIZE_LINEAR,
                ctx,
                ctx + "_dequantized",
                ctx + "_quantized",
                sName,
                zName);
        return ctx + "_dequantized";
    }

    private static Tensor random(SplittableRandom r, float scale, int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) ((r.nextDouble() * 2 - 1) * scale);
        }
        return t;
    }

    private static boolean hasLayer(ModelSpec spec, String name) {
        return spec.layers().stream().anyMatch(l -> l.name().equals(name));
    }

    private static int indexOf(List<Layer> layers, String name) {
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new InvalidSpecException("no layer '" + name + "'");
    }
}
