package org.deepfakeedge.export;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deepfakeedge.export.onnx.OnnxGraphBuilder;
import org.deepfakeedge.export.onnx.OnnxOp;
import org.deepfakeedge.model.Layer;
import org.deepfakeedge.model.Tensor;

/**
 * Decides, while {@link OnnxExporter} walks the layers, which Conv/Gemm nodes become INT8 and where
 * QuantizeLinear→DequantizeLinear pairs go; in {@link Mode#CALIBRATE} it only records the float
 * tensors that would get a pair, so that they can be read from an fp32 graph.
 *
 * <p>Placement follows ORT's static QDQ quantizer: a pair on the input of every INT8 Conv/Gemm and
 * after every Relu; MaxPool and Flatten outputs of a quantized value get a pair with the same
 * parameters, so ORT runs them on uint8 and fuses DQ→Conv→(Relu)→Q into {@code QLinearConv}.
 * Weights: int8 symmetric per output channel (axis 0, zero point 0) on the grid ±{@link
 * Int8Exporter#WEIGHT_MAX}. Biases of INT8 layers: int32 with scale s_x·s_w[o] (the form ORT's
 * fusion requires). Not thread-safe: one plan per export.
 */
final class QdqPlan {
    /** What the plan does to the graph. */
    enum Mode {
        /** Record the tensors to calibrate; emit a float graph. */
        CALIBRATE,
        /** Emit QDQ pairs and int8 weights with the given ranges. */
        QUANTIZE
    }

    private final Mode mode;
    private final Set<String> keepFp32;
    private final Map<String, String> measuredFp32;
    private final Map<String, Calibration.Range> ranges;
    private final List<String> requested = new ArrayList<>();

    /** Value as seen by consumers (a DQ output in QUANTIZE mode) → calibrated tensor. */
    private final Map<String, String> source = new HashMap<>();

    /** Float value → its DQ output. */
    private final Map<String, String> dqOf = new HashMap<>();

    /** DQ output → the float value quantized into it. */
    private final Map<String, String> floatOf = new HashMap<>();

    /** Relu guards already added by {@link #fp32Input}. */
    private final java.util.Set<String> guards = new java.util.HashSet<>();

    private final Map<String, LayerPrecision> layers = new LinkedHashMap<>();

    QdqPlan(Mode mode, Set<String> keepFp32, Map<String, Calibration.Range> ranges) {
        this(mode, keepFp32, Map.of(), ranges);
    }

    /**
     * @param measuredFp32 layers kept fp32 because they measured slower in INT8 (layer → reason),
     *     see {@link MeasuredFallback}; applied after {@code --keep-fp32} and the grouped-conv rule
     */
    QdqPlan(
            Mode mode,
            Set<String> keepFp32,
            Map<String, String> measuredFp32,
            Map<String, Calibration.Range> ranges) {
        this.mode = mode;
        this.keepFp32 = Set.copyOf(keepFp32);
        this.measuredFp32 = Map.copyOf(measuredFp32);
        this.ranges = ranges == null ? Map.of() : Map.copyOf(ranges);
    }

    Mode mode() {
        return mode;
    }

    /** Tensors recorded for calibration, in graph order ({@link OnnxExporter#INPUT} included). */
    List<String> requested() {
        return List.copyOf(requested);
    }

    /** Per layer: int8 or fp32 and why, in graph order. */
    List<LayerPrecision> layers() {
        return List.copyOf(layers.values());
    }

    /** Returns null if the conv becomes INT8, else the reason it stays fp32. */
    String fp32Reason(String name, int in, int out, int groups) {
        if (keepFp32.contains(name)) {
            return "--keep-fp32";
        }
        if (groups > 1 && !(groups == in && out == in)) {
            return "grouped conv with "
                    + (out / groups)
                    + " outputs per group of "
                    + (in / groups)
                    + " input channel(s): ORT's INT8 kernel is 3–7× slower than fp32";
        }
        return measuredFp32.get(name);
    }

    /** Returns null if the linear layer becomes INT8, else the reason it stays fp32. */
    String fp32Reason(String name) {
        return keepFp32.contains(name) ? "--keep-fp32" : measuredFp32.get(name);
    }

    /**
     * True if a Q→DQ pair belongs after the relu at {@code layers[next - 1]} (or inside an adapter,
     * then {@code next} is the adapter's index + 1): when the layer producing it or the next
     * Conv/Gemm consuming it (through max-pool, flatten, dropout) is INT8. The pair lets ORT fuse
     * the producer's relu and output quantization, or feeds the consumer uint8; between two fp32
     * layers it would only round the activation and cost two extra ops.
     */
    boolean pairAfterRelu(boolean producerInt8, List<Layer> layers, int next) {
        if (producerInt8) {
            return true;
        }
        for (int j = next; j < layers.size(); j++) {
            Layer l = layers.get(j);
            if (l instanceof Layer.MaxPool
                    || l instanceof Layer.Flatten
                    || l instanceof Layer.Dropout) {
                continue;
            }
            return isInt8(l, true);
        }
        return false;
    }

    /**
     * True if the plan makes {@code l} INT8: for an adapter its first ({@code .dw}) or, with {@code
     * consumerSide} false, its last ({@code .pw}) conv.
     */
    boolean isInt8(Layer l, boolean consumerSide) {
        if (l instanceof Layer.Conv c) {
            return fp32Reason(c.name(), c.in(), c.out(), c.groups()) == null;
        }
        if (l instanceof Layer.Linear) {
            return fp32Reason(l.name()) == null;
        }
        if (l instanceof Layer.Adapter a) {
            int ch = a.channels();
            return consumerSide
                    ? fp32Reason(a.name() + ".dw", ch, ch, ch) == null
                    : fp32Reason(a.name() + ".pw", ch, ch, 1) == null;
        }
        return false;
    }

    void record(String layer, String reason) {
        layers.put(
                layer,
                new LayerPrecision(
                        layer, reason == null ? "int8" : "fp32", reason == null ? "" : reason));
    }

    /** Returns the value to feed a quantized consumer: {@code value} behind a Q→DQ pair. */
    String act(OnnxGraphBuilder g, String value) {
        if (source.containsKey(value)) {
            return value; // already the output of a pair
        }
        if (mode == Mode.CALIBRATE) {
            if (!requested.contains(value)) {
                requested.add(value);
            }
            source.put(value, value);
            return value;
        }
        return pair(g, value, value);
    }

    /**
     * For a same-scale op (MaxPool, Flatten) {@code out = op(in)}: if {@code in} is quantized, puts
     * a pair with {@code in}'s parameters on {@code out} and returns its DQ output.
     */
    String same(OnnxGraphBuilder g, String in, String out) {
        String src = source.get(in);
        if (src == null) {
            return out;
        }
        if (mode == Mode.CALIBRATE) {
            source.put(out, src);
            return out;
        }
        return pair(g, out, src);
    }

    private String pair(OnnxGraphBuilder g, String value, String paramsOf) {
        String done = dqOf.get(value);
        if (done != null) {
            return done;
        }
        Calibration.Range r = ranges.get(paramsOf);
        if (r == null) {
            throw new IllegalStateException("no calibration range for " + paramsOf);
        }
        String s = g.floatInitializer(value + "_scale", new int[0], new float[] {r.scale()});
        String zp =
                g.uint8Initializer(value + "_zero_point", new int[0], new int[] {r.zeroPoint()});
        String q = value + "_quantized";
        String dq = value + "_dequantized";
        g.node(OnnxOp.QUANTIZE_LINEAR, value, q, value, s, zp);
        g.node(OnnxOp.DEQUANTIZE_LINEAR, value, dq, q, s, zp);
        dqOf.put(value, dq);
        floatOf.put(dq, value);
        source.put(dq, paramsOf);
        return dq;
    }

    /**
     * Returns the value an fp32 Conv/Gemm must read instead of {@code value}. ONNX Runtime's
     * WeightBiasQuantization optimizer quantizes the float weights (per tensor) of every Conv/Gemm
     * whose input comes straight from a DequantizeLinear, so an fp32 layer fed by a DQ would run in
     * INT8 after all. For a DQ output of non-negative values (zero point 0: after a relu) a Relu is
     * put between, an exact identity there that keeps the producer's Q fusable; otherwise the float
     * tensor before the Q is read.
     */
    String fp32Input(OnnxGraphBuilder g, String value) {
        String f = floatOf.get(value);
        if (f == null) {
            return value;
        }
        if (ranges.get(source.get(value)).zeroPoint() != 0) {
            return f;
        }
        String guard = value + "_fp32";
        if (guards.add(guard)) {
            g.node(OnnxOp.RELU, value, guard, value)
                    .doc(
                            "keeps the next fp32 layer out of ORT's weight quantization (identity"
                                    + " on these non-negative values)");
        }
        return guard;
    }

    /** Activation scale of a value returned by {@link #act}. */
    float scaleOf(String actValue) {
        return ranges.get(source.get(actValue)).scale();
    }

    /**
     * Adds int8 per-output-channel weights behind a DequantizeLinear (axis 0); returns {DQ output
     * name, scales}.
     */
    static Object[] weight(OnnxGraphBuilder g, String name, Tensor w) {
        int out = w.shape()[0];
        int per = w.size() / out;
        float[] scales = new float[out];
        byte[] q = new byte[w.size()];
        float[] d = w.data();
        for (int o = 0; o < out; o++) {
            float m = 0;
            for (int j = 0; j < per; j++) {
                m = Math.max(m, Math.abs(d[o * per + j]));
            }
            int qmax = Int8Exporter.WEIGHT_MAX;
            float s = m > 0 ? m / qmax : 1f / qmax;
            scales[o] = s;
            for (int j = 0; j < per; j++) {
                long v = Math.round(d[o * per + j] / s);
                q[o * per + j] = (byte) Math.max(-qmax, Math.min(qmax, v));
            }
        }
        String wq = g.int8Initializer(name + ".weight_quantized", w.shape(), q);
        String ws = g.floatInitializer(name + ".weight_scale", new int[] {out}, scales);
        String wz = g.int8Initializer(name + ".weight_zero_point", new int[] {out}, new byte[out]);
        String dq = name + ".weight_dequantized";
        g.node(OnnxOp.DEQUANTIZE_LINEAR, name, dq, wq, ws, wz).attr("axis", 0L);
        return new Object[] {dq, scales};
    }

    /** Adds an int32 bias (scale s_x·s_w[o], zero point 0) behind a DequantizeLinear. */
    static String bias(OnnxGraphBuilder g, String name, Tensor b, float sx, float[] sw) {
        int out = sw.length;
        float[] scales = new float[out];
        int[] q = new int[out];
        for (int o = 0; o < out; o++) {
            scales[o] = sx * sw[o];
            double v = Math.rint(b.data()[o] / (double) scales[o]);
            q[o] = (int) Math.max(Integer.MIN_VALUE + 1, Math.min(Integer.MAX_VALUE, v));
        }
        String bq = g.int32Initializer(name + ".bias_quantized", new int[] {out}, q);
        String bs = g.floatInitializer(name + ".bias_scale", new int[] {out}, scales);
        String bz = g.int32Initializer(name + ".bias_zero_point", new int[] {out}, new int[out]);
        String dq = name + ".bias_dequantized";
        g.node(OnnxOp.DEQUANTIZE_LINEAR, name, dq, bq, bs, bz).attr("axis", 0L);
        return dq;
    }

    /** True for the layer types the plan may quantize. */
    static boolean quantizable(Layer l) {
        return l instanceof Layer.Conv || l instanceof Layer.Linear || l instanceof Layer.Adapter;
    }
}
