package org.deepfakeedge.export.onnx;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites a static INT8 graph from the QDQ form ONNX Runtime fuses (float ops between
 * QuantizeLinear/DequantizeLinear pairs, int8 weights behind DequantizeLinear) into the QOperator
 * form that runtimes without QDQ fusion import: OpenCV's DNN module 4.6 (Debian 12's
 * python3-opencv) refuses every DequantizeLinear on an initializer ("Per-channel scales/zeropoints
 * are not supported" with an axis, "inputs.size() == 1" without one), but imports QuantizeLinear,
 * DequantizeLinear on activations, {@code QLinearConv} (per-channel weight scales included) and
 * MaxPool on 8-bit values.
 *
 * <p>The rewrite keeps every quantization parameter and integer weight; only the encoding changes:
 *
 * <ul>
 *   <li>DQ(x) → Conv(·, DQ(w), DQ(b)) → [Relu] → Q(y) becomes one {@code QLinearConv} writing y's
 *       quantized value (a Relu folds in when y's uint8 zero point is 0: clamping at the zero point
 *       is the Relu);
 *   <li>DQ → MaxPool → Q with the same parameters becomes MaxPool on the 8-bit value;
 *   <li>Flatten is deferred to the end of the graph and every Gemm becomes a Conv (k×k over the
 *       flattened C×H×W tensor, then 1×1), because {@code QLinearMatMul} has no bias and its
 *       pre-bias output has no calibrated range; the same weights, reshaped;
 *   <li>a DequantizeLinear left on an initializer (the int8 weights of a layer that could not be
 *       fused, e.g. a dynamic-linear layer's) is folded into a float initializer, (q − zp)·s as the
 *       runtime computes it;
 *   <li>float values are never named {@code *quantized}: OpenCV 4.6 decides a layer's output type
 *       by name (an output ending in {@code quantized} is int8, with scale and zero point read from
 *       {@code <prefix>scale} / {@code <prefix>zero_point}), so DQ outputs are renamed from {@code
 *       _dequantized} to {@code _float}; the 8-bit values keep {@code X_quantized} next to {@code
 *       X_scale} and {@code X_zero_point}.
 * </ul>
 *
 * A Conv/Gemm with int8 weights whose output is not re-quantized (no Q after it, as for the layer
 * writing the logits) cannot become {@code QLinearConv}, which only writes 8-bit values; it is
 * reported in {@link Result#unfused()} so that the caller can keep it fp32. Stateless and
 * thread-safe.
 */
public final class QOperatorRewrite {
    private static final String DQ_SUFFIX = "_dequantized";
    private static final String FLOAT_SUFFIX = "_float";

    private QOperatorRewrite() {}

    /**
     * The rewritten model.
     *
     * @param model the QOperator-form model
     * @param unfused layers (node context, e.g. {@code fc3}) with int8 weights that stayed float
     *     because nothing re-quantizes their output; their weights were dequantized into float
     */
    public record Result(OnnxMl.ModelProto model, List<String> unfused) {}

    /** A Conv/Gemm to fuse with its input DQ, weight and bias DQs, optional Relu and output Q. */
    private record Fusion(
            OnnxMl.NodeProto xdq,
            OnnxMl.NodeProto wdq,
            OnnxMl.NodeProto bdq,
            OnnxMl.NodeProto relu,
            OnnxMl.NodeProto q) {}

    /**
     * Rewrites {@code model}.
     *
     * @param flattenInputs per Flatten node output name, the C×H×W shape of its input (needed to
     *     turn the Gemms after it into convolutions)
     * @throws IllegalArgumentException if a Flatten has no entry in {@code flattenInputs}, or a
     *     Gemm follows no Flatten
     */
    public static Result apply(OnnxMl.ModelProto model, Map<String, int[]> flattenInputs) {
        return new Rewriter(model.getGraph(), flattenInputs).run(model);
    }

    /** One rewrite's state. Not thread-safe. */
    private static final class Rewriter {
        private final OnnxMl.GraphProto graph;
        private final Map<String, int[]> flattenInputs;
        private final Map<String, OnnxMl.TensorProto> inits = new LinkedHashMap<>();
        private final Map<String, OnnxMl.NodeProto> producer = new HashMap<>();
        private final Map<String, List<OnnxMl.NodeProto>> consumers = new HashMap<>();
        private final Set<String> graphOutputs = new HashSet<>();

        /** Conv/Gemm output → its fusion. */
        private final Map<String, Fusion> fusions = new HashMap<>();

        /** Output names of nodes folded into another node (Relu and Q of a fusion, …). */
        private final Set<String> absorbed = new HashSet<>();

        /** Value → the value that replaces it (deferred Flatten). */
        private final Map<String, String> alias = new HashMap<>();

        /** Value downstream of a deferred Flatten → its C, H, W. */
        private final Map<String, int[]> chw = new HashMap<>();

        private final List<String> unfused = new ArrayList<>();

        Rewriter(OnnxMl.GraphProto graph, Map<String, int[]> flattenInputs) {
            this.graph = graph;
            this.flattenInputs = Map.copyOf(flattenInputs);
            for (OnnxMl.TensorProto t : graph.getInitializerList()) {
                inits.put(t.getName(), t);
            }
            for (OnnxMl.NodeProto n : graph.getNodeList()) {
                for (String o : n.getOutputList()) {
                    producer.put(o, n);
                }
                for (String i : n.getInputList()) {
                    consumers.computeIfAbsent(i, k -> new ArrayList<>()).add(n);
                }
            }
            for (OnnxMl.ValueInfoProto v : graph.getOutputList()) {
                graphOutputs.add(v.getName());
            }
        }

        Result run(OnnxMl.ModelProto model) {
            for (OnnxMl.NodeProto n : graph.getNodeList()) {
                String op = n.getOpType();
                if (op.equals(OnnxOp.CONV.opType()) || op.equals(OnnxOp.GEMM.opType())) {
                    Fusion f = fusion(n);
                    if (f != null) {
                        fusions.put(out(n), f);
                        if (f.relu() != null) {
                            absorbed.add(out(f.relu()));
                        }
                        absorbed.add(out(f.q()));
                    }
                } else if (op.equals(OnnxOp.MAX_POOL.opType())) {
                    OnnxMl.NodeProto q = samePair(n);
                    if (q != null) {
                        absorbed.add(out(q));
                    }
                }
            }
            List<OnnxMl.NodeProto> out = new ArrayList<>();
            boolean deferred = false;
            for (OnnxMl.NodeProto n : graph.getNodeList()) {
                String op = n.getOpType();
                if (absorbed.contains(out(n))) {
                    continue;
                }
                if (op.equals(OnnxOp.DEQUANTIZE_LINEAR.opType()) && isConstant(n.getInput(0))) {
                    boolean fusedOnly =
                            consumers.getOrDefault(out(n), List.of()).stream()
                                    .allMatch(c -> fusions.containsKey(out(c)));
                    if (!fusedOnly) {
                        fold(n);
                    }
                    continue;
                }
                if (op.equals(OnnxOp.FLATTEN.opType())) {
                    deferFlatten(n);
                    deferred = true;
                    continue;
                }
                if (op.equals(OnnxOp.CONV.opType()) || op.equals(OnnxOp.GEMM.opType())) {
                    out.add(conv(n));
                    continue;
                }
                OnnxMl.NodeProto.Builder b = n.toBuilder();
                for (int i = 0; i < b.getInputCount(); i++) {
                    b.setInput(i, resolve(b.getInput(i)));
                }
                OnnxMl.NodeProto q = op.equals(OnnxOp.MAX_POOL.opType()) ? samePair(n) : null;
                if (q != null) {
                    // MaxPool on the 8-bit value, writing what the Q wrote
                    b.setInput(0, resolve(producer.get(n.getInput(0)).getInput(0)));
                    b.setOutput(0, out(q));
                } else if (passesShape(op) && chw.containsKey(b.getInput(0))) {
                    chw.put(b.getOutput(0), chw.get(b.getInput(0)));
                }
                out.add(b.build());
            }
            if (deferred) {
                out = flattenAtEnd(out);
            }
            return new Result(build(model, out), List.copyOf(unfused));
        }

        /** Returns the fusion of Conv/Gemm {@code n}, or null if its pattern is incomplete. */
        private Fusion fusion(OnnxMl.NodeProto n) {
            if (n.getInputCount() < 2 || !gemmIsPlain(n)) {
                return null;
            }
            OnnxMl.NodeProto xdq = producer.get(n.getInput(0));
            OnnxMl.NodeProto wdq = producer.get(n.getInput(1));
            OnnxMl.NodeProto bdq = n.getInputCount() > 2 ? producer.get(n.getInput(2)) : null;
            if (!isActivationDq(xdq)
                    || !isConstantDq(wdq, OnnxMl.TensorProto.DataType.INT8)
                    || (n.getInputCount() > 2
                            && !isConstantDq(bdq, OnnxMl.TensorProto.DataType.INT32))) {
                return null;
            }
            OnnxMl.NodeProto next = sole(out(n));
            OnnxMl.NodeProto relu = null;
            if (next != null && next.getOpType().equals(OnnxOp.RELU.opType())) {
                relu = next;
                next = sole(out(relu));
            }
            if (next == null
                    || !next.getOpType().equals(OnnxOp.QUANTIZE_LINEAR.opType())
                    || next.getInputCount() != 3
                    || !isConstant(next.getInput(1))
                    || !isConstant(next.getInput(2))) {
                return null;
            }
            if (relu != null && !isUint8Zero(inits.get(next.getInput(2)))) {
                return null; // the clamp at the zero point would not be the Relu
            }
            return new Fusion(xdq, wdq, bdq, relu, next);
        }

        /** The Q after MaxPool {@code n} if it re-quantizes with the input DQ's parameters. */
        private OnnxMl.NodeProto samePair(OnnxMl.NodeProto n) {
            OnnxMl.NodeProto dq = producer.get(n.getInput(0));
            OnnxMl.NodeProto q = sole(out(n));
            if (!isActivationDq(dq)
                    || q == null
                    || !q.getOpType().equals(OnnxOp.QUANTIZE_LINEAR.opType())
                    || q.getInputCount() != 3
                    || !sameTensor(dq.getInput(1), q.getInput(1))
                    || !sameTensor(dq.getInput(2), q.getInput(2))) {
                return null;
            }
            return q;
        }

        /**
         * Drops a Flatten: its consumers read its 4-D input (or, for DQ → Flatten → Q with the same
         * parameters, the 8-bit 4-D value), and the Gemms after it become convolutions.
         */
        private void deferFlatten(OnnxMl.NodeProto n) {
            int[] shape = flattenInputs.get(out(n));
            if (shape == null) {
                throw new IllegalArgumentException("no input shape for Flatten " + out(n));
            }
            OnnxMl.NodeProto dq = producer.get(n.getInput(0));
            OnnxMl.NodeProto q = sole(out(n));
            boolean quantized =
                    isActivationDq(dq)
                            && q != null
                            && q.getOpType().equals(OnnxOp.QUANTIZE_LINEAR.opType())
                            && q.getInputCount() == 3
                            && sameTensor(dq.getInput(1), q.getInput(1))
                            && sameTensor(dq.getInput(2), q.getInput(2));
            if (quantized) {
                absorbed.add(out(q));
                String src = resolve(dq.getInput(0));
                alias.put(out(q), src);
                chw.put(src, shape);
            }
            String src = resolve(n.getInput(0));
            alias.put(out(n), src);
            chw.put(src, shape);
        }

        /** Emits Conv/Gemm {@code n}: fused into QLinearConv, or float (a Gemm as a Conv). */
        private OnnxMl.NodeProto conv(OnnxMl.NodeProto n) {
            boolean gemm = n.getOpType().equals(OnnxOp.GEMM.opType());
            String context = context(n);
            Fusion f = fusions.get(out(n));
            String x = resolve(f == null ? n.getInput(0) : f.xdq().getInput(0));
            String w = f == null ? resolve(n.getInput(1)) : f.wdq().getInput(0);
            int[] kernel = null;
            if (gemm) {
                int[] s = chw.get(x);
                if (s == null) {
                    throw new IllegalArgumentException(
                            "Gemm " + n.getName() + " reads " + x + ", which follows no Flatten");
                }
                reshape(w, s);
                kernel = new int[] {s[1], s[2]};
            }
            if (f == null && isConstantDqOutput(n.getInput(1))) {
                unfused.add(context);
            }
            OnnxMl.NodeProto.Builder b = OnnxMl.NodeProto.newBuilder();
            String output;
            if (f != null) {
                output = out(f.q());
                OnnxOp.QLINEAR_CONV.checkArity(f.bdq() == null ? 8 : 9);
                b.setName(context + "/" + OnnxOp.QLINEAR_CONV.opType())
                        .setOpType(OnnxOp.QLINEAR_CONV.opType())
                        .addInput(x)
                        .addInput(f.xdq().getInput(1))
                        .addInput(f.xdq().getInput(2))
                        .addInput(w)
                        .addInput(f.wdq().getInput(1))
                        .addInput(f.wdq().getInput(2))
                        .addInput(f.q().getInput(1))
                        .addInput(f.q().getInput(2));
                if (f.bdq() != null) {
                    b.addInput(f.bdq().getInput(0));
                }
                b.setDocString(
                        "fused from DequantizeLinear → "
                                + n.getOpType()
                                + (f.relu() == null ? "" : " → Relu")
                                + " → QuantizeLinear");
            } else {
                output = out(n);
                b.setName(gemm ? context + "/" + OnnxOp.CONV.opType() : n.getName())
                        .setOpType(OnnxOp.CONV.opType())
                        .addInput(x)
                        .addInput(w);
                if (n.getInputCount() > 2) {
                    b.addInput(resolve(n.getInput(2)));
                }
                if (!gemm) {
                    b.setDocString(n.getDocString());
                }
            }
            b.addOutput(output);
            if (gemm) {
                b.addAttribute(ints("kernel_shape", kernel[0], kernel[1]));
                chw.put(output, new int[] {outChannels(w), 1, 1});
            } else {
                b.addAllAttribute(n.getAttributeList());
            }
            return b.build();
        }

        /** Replaces DQ {@code n} on an initializer by a float initializer (q − zp)·s. */
        private void fold(OnnxMl.NodeProto n) {
            OnnxMl.TensorProto q = inits.get(n.getInput(0));
            float[] scale = floats(inits.get(n.getInput(1)));
            long[] zp =
                    n.getInputCount() > 2
                            ? integers(inits.get(n.getInput(2)))
                            : new long[scale.length];
            long[] v = integers(q);
            int axis = 1; // the ONNX default
            for (OnnxMl.AttributeProto a : n.getAttributeList()) {
                if (a.getName().equals("axis")) {
                    axis = (int) a.getI();
                }
            }
            if (axis < 0) {
                axis += q.getDimsCount();
            }
            int inner = 1;
            for (int d = axis + 1; d < q.getDimsCount(); d++) {
                inner *= (int) q.getDims(d);
            }
            ByteBuffer buf = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < v.length; i++) {
                int c = scale.length == 1 ? 0 : (i / inner) % scale.length;
                buf.putFloat((float) (v[i] - zp[c]) * scale[c]);
            }
            String name = rename(out(n));
            if (inits.containsKey(name) || producer.containsKey(name)) {
                throw new IllegalStateException("ONNX value name '" + name + "' is used twice");
            }
            inits.put(
                    name,
                    OnnxMl.TensorProto.newBuilder()
                            .setName(name)
                            .setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())
                            .addAllDims(q.getDimsList())
                            .setRawData(ByteString.copyFrom(buf.array()))
                            .build());
            alias.put(out(n), name);
        }

        /** Appends Flatten after the node writing the graph output, if that output is 4-D. */
        private List<OnnxMl.NodeProto> flattenAtEnd(List<OnnxMl.NodeProto> nodes) {
            List<OnnxMl.NodeProto> out = new ArrayList<>(nodes);
            for (String g : graphOutputs) {
                String v = resolve(g);
                if (!chw.containsKey(v)) {
                    continue;
                }
                String nchw = g + "_nchw";
                for (int i = 0; i < out.size(); i++) {
                    OnnxMl.NodeProto n = out.get(i);
                    if (n.getOutputCount() > 0 && n.getOutput(0).equals(v)) {
                        out.set(i, n.toBuilder().setOutput(0, nchw).build());
                    }
                }
                out.add(
                        OnnxMl.NodeProto.newBuilder()
                                .setName(g + "/" + OnnxOp.FLATTEN.opType())
                                .setOpType(OnnxOp.FLATTEN.opType())
                                .addInput(nchw)
                                .addOutput(g)
                                .addAttribute(
                                        OnnxMl.AttributeProto.newBuilder()
                                                .setName("axis")
                                                .setType(OnnxMl.AttributeProto.AttributeType.INT)
                                                .setI(1))
                                .setDocString(
                                        "the Flatten of the model, deferred to the end: the Gemms"
                                                + " before it run as convolutions")
                                .build());
            }
            return out;
        }

        /** Renames float values, drops dead nodes and initializers, assembles the model. */
        private OnnxMl.ModelProto build(OnnxMl.ModelProto model, List<OnnxMl.NodeProto> nodes) {
            Set<String> names = new HashSet<>(inits.keySet());
            for (OnnxMl.NodeProto n : nodes) {
                names.addAll(n.getOutputList());
            }
            Map<String, String> renamed = new HashMap<>();
            for (String v : names) {
                String r = rename(v);
                if (!r.equals(v)) {
                    if (names.contains(r)) {
                        throw new IllegalStateException(
                                "ONNX value name '" + r + "' is used twice");
                    }
                    renamed.put(v, r);
                }
            }
            List<OnnxMl.NodeProto> live = new ArrayList<>();
            Set<String> needed = new HashSet<>(graphOutputs);
            for (int i = nodes.size() - 1; i >= 0; i--) {
                OnnxMl.NodeProto n = nodes.get(i);
                if (n.getOutputList().stream().noneMatch(needed::contains)) {
                    continue;
                }
                needed.addAll(n.getInputList());
                OnnxMl.NodeProto.Builder b = n.toBuilder();
                for (int k = 0; k < b.getInputCount(); k++) {
                    b.setInput(k, renamed.getOrDefault(b.getInput(k), b.getInput(k)));
                }
                for (int k = 0; k < b.getOutputCount(); k++) {
                    b.setOutput(k, renamed.getOrDefault(b.getOutput(k), b.getOutput(k)));
                }
                live.add(0, b.build());
            }
            OnnxMl.GraphProto.Builder g = graph.toBuilder().clearNode().clearInitializer();
            g.addAllNode(live);
            for (OnnxMl.TensorProto t : inits.values()) {
                if (needed.contains(t.getName())) {
                    g.addInitializer(t);
                }
            }
            return model.toBuilder().setGraph(g).build();
        }

        private void reshape(String weight, int[] s) {
            OnnxMl.TensorProto t = inits.get(weight);
            if (t == null || t.getDimsCount() != 2 || t.getDims(1) != (long) s[0] * s[1] * s[2]) {
                throw new IllegalArgumentException(
                        "Gemm weight "
                                + weight
                                + " does not fit an input of C×H×W "
                                + s[0]
                                + "×"
                                + s[1]
                                + "×"
                                + s[2]);
            }
            inits.put(
                    weight,
                    t.toBuilder()
                            .clearDims()
                            .addDims(t.getDims(0))
                            .addDims(s[0])
                            .addDims(s[1])
                            .addDims(s[2])
                            .build());
        }

        private int outChannels(String weight) {
            return (int) inits.get(weight).getDims(0);
        }

        /** True for a Gemm computing x·Wᵀ + b (the only form the exporter writes) or any Conv. */
        private static boolean gemmIsPlain(OnnxMl.NodeProto n) {
            if (!n.getOpType().equals(OnnxOp.GEMM.opType())) {
                return true;
            }
            boolean transB = false;
            for (OnnxMl.AttributeProto a : n.getAttributeList()) {
                switch (a.getName()) {
                    case "transB" -> transB = a.getI() == 1;
                    case "transA" -> {
                        if (a.getI() != 0) {
                            return false;
                        }
                    }
                    case "alpha", "beta" -> {
                        if (a.getF() != 1f) {
                            return false;
                        }
                    }
                    default -> {
                        return false;
                    }
                }
            }
            return transB;
        }

        private boolean isConstant(String v) {
            return inits.containsKey(v);
        }

        private boolean isActivationDq(OnnxMl.NodeProto n) {
            return n != null
                    && n.getOpType().equals(OnnxOp.DEQUANTIZE_LINEAR.opType())
                    && n.getInputCount() == 3
                    && !isConstant(n.getInput(0))
                    && isConstant(n.getInput(1))
                    && isConstant(n.getInput(2));
        }

        private boolean isConstantDq(OnnxMl.NodeProto n, OnnxMl.TensorProto.DataType type) {
            return n != null
                    && n.getOpType().equals(OnnxOp.DEQUANTIZE_LINEAR.opType())
                    && n.getInputCount() == 3
                    && isConstant(n.getInput(0))
                    && inits.get(n.getInput(0)).getDataType() == type.getNumber()
                    && isConstant(n.getInput(1))
                    && isConstant(n.getInput(2));
        }

        private boolean isConstantDqOutput(String v) {
            OnnxMl.NodeProto p = producer.get(v);
            return p != null
                    && p.getOpType().equals(OnnxOp.DEQUANTIZE_LINEAR.opType())
                    && isConstant(p.getInput(0));
        }

        /** The only consumer of {@code v}, or null if it has several or is a graph output. */
        private OnnxMl.NodeProto sole(String v) {
            List<OnnxMl.NodeProto> c = consumers.getOrDefault(v, List.of());
            return c.size() == 1 && !graphOutputs.contains(v) ? c.get(0) : null;
        }

        private boolean sameTensor(String a, String b) {
            OnnxMl.TensorProto x = inits.get(a);
            OnnxMl.TensorProto y = inits.get(b);
            return x != null
                    && y != null
                    && x.getDataType() == y.getDataType()
                    && x.getDimsList().equals(y.getDimsList())
                    && x.getRawData().equals(y.getRawData());
        }

        private String resolve(String v) {
            Set<String> seen = new LinkedHashSet<>();
            while (alias.containsKey(v)) {
                if (!seen.add(v)) {
                    throw new IllegalStateException("alias cycle " + seen);
                }
                v = alias.get(v);
            }
            return v;
        }
    }

    /**
     * Ops whose output has the shape of their first input (a Div only as the exporter writes it: by
     * the scalar temperature).
     */
    private static boolean passesShape(String op) {
        return op.equals(OnnxOp.RELU.opType())
                || op.equals(OnnxOp.DIV.opType())
                || op.equals(OnnxOp.QUANTIZE_LINEAR.opType())
                || op.equals(OnnxOp.DEQUANTIZE_LINEAR.opType())
                || op.equals(OnnxOp.BATCH_NORMALIZATION.opType());
    }

    private static String rename(String v) {
        return v.endsWith(DQ_SUFFIX)
                ? v.substring(0, v.length() - DQ_SUFFIX.length()) + FLOAT_SUFFIX
                : v;
    }

    private static String out(OnnxMl.NodeProto n) {
        return n.getOutput(0);
    }

    /** The naming context of a node written by {@link OnnxGraphBuilder}: its layer name. */
    private static String context(OnnxMl.NodeProto n) {
        int slash = n.getName().lastIndexOf('/');
        return slash < 0 ? n.getName() : n.getName().substring(0, slash);
    }

    private static boolean isUint8Zero(OnnxMl.TensorProto t) {
        return t.getDataType() == OnnxMl.TensorProto.DataType.UINT8.getNumber()
                && t.getRawData().size() == 1
                && t.getRawData().byteAt(0) == 0;
    }

    private static OnnxMl.AttributeProto ints(String name, long... values) {
        OnnxMl.AttributeProto.Builder a =
                OnnxMl.AttributeProto.newBuilder()
                        .setName(name)
                        .setType(OnnxMl.AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    /** The values of a float32 initializer written with raw data. */
    private static float[] floats(OnnxMl.TensorProto t) {
        if (t.getDataType() != OnnxMl.TensorProto.DataType.FLOAT.getNumber()) {
            throw new IllegalArgumentException(t.getName() + " is not float32");
        }
        ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }

    /** The values of an int8, uint8 or int32 initializer written with raw data. */
    private static long[] integers(OnnxMl.TensorProto t) {
        ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        int type = t.getDataType();
        if (type == OnnxMl.TensorProto.DataType.INT32.getNumber()) {
            long[] out = new long[b.remaining() / 4];
            for (int i = 0; i < out.length; i++) {
                out[i] = b.getInt();
            }
            return out;
        }
        boolean signed = type == OnnxMl.TensorProto.DataType.INT8.getNumber();
        if (!signed && type != OnnxMl.TensorProto.DataType.UINT8.getNumber()) {
            throw new IllegalArgumentException(t.getName() + " is not int8, uint8 or int32");
        }
        long[] out = new long[b.remaining()];
        for (int i = 0; i < out.length; i++) {
            byte v = b.get();
            out[i] = signed ? v : v & 0xff;
        }
        return out;
    }
}
