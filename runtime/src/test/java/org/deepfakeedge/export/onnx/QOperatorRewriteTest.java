package org.deepfakeedge.export.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The rewrite on a one-conv QDQ graph: a Relu folds into QLinearConv only where clamping at the
 * output zero point is that Relu, and a conv left unfused computes exactly what the QDQ graph
 * computes (its weights folded as (q − zp)·s).
 */
class QOperatorRewriteTest {
    private static final long[] IN = {1, 2, 4, 4};
    private static final long[] OUT = {1, 3, 4, 4};
    private static final float OUT_SCALE = 0.05f;

    /** x → Q/DQ → Conv(DQ w, DQ b) → Relu → Q(zero point {@code zp}) → DQ → y. */
    private static OnnxMl.ModelProto graph(int zp) {
        SplittableRandom r = new SplittableRandom(5);
        OnnxGraphBuilder g = new OnnxGraphBuilder();
        float sx = 0.02f;
        String s = g.floatInitializer("x_scale", new int[0], new float[] {sx});
        String z = g.uint8Initializer("x_zero_point", new int[0], new int[] {128});
        g.node(OnnxOp.QUANTIZE_LINEAR, "x", "x_quantized", "x", s, z);
        g.node(OnnxOp.DEQUANTIZE_LINEAR, "x", "x_dequantized", "x_quantized", s, z);
        // on the exporter's grid: with |q| up to 127, CPUs without VNNI saturate u8·s8 pair sums
        // (Int8Exporter.WEIGHT_MAX) and the integer conv would differ by CPU, not by the rewrite
        byte[] w = new byte[3 * 2 * 3 * 3];
        int qmax = org.deepfakeedge.export.Int8Exporter.WEIGHT_MAX;
        for (int i = 0; i < w.length; i++) {
            w[i] = (byte) (r.nextInt(2 * qmax + 1) - qmax);
        }
        float[] ws = {0.01f, 0.02f, 0.005f};
        int[] b = {r.nextInt(-500, 500), r.nextInt(-500, 500), r.nextInt(-500, 500)};
        float[] bs = {sx * ws[0], sx * ws[1], sx * ws[2]};
        g.node(
                        OnnxOp.DEQUANTIZE_LINEAR,
                        "c",
                        "c.weight_dequantized",
                        g.int8Initializer("c.weight_quantized", new int[] {3, 2, 3, 3}, w),
                        g.floatInitializer("c.weight_scale", new int[] {3}, ws),
                        g.int8Initializer("c.weight_zero_point", new int[] {3}, new byte[3]))
                .attr("axis", 0L);
        g.node(
                        OnnxOp.DEQUANTIZE_LINEAR,
                        "c",
                        "c.bias_dequantized",
                        g.int32Initializer("c.bias_quantized", new int[] {3}, b),
                        g.floatInitializer("c.bias_scale", new int[] {3}, bs),
                        g.int32Initializer("c.bias_zero_point", new int[] {3}, new int[3]))
                .attr("axis", 0L);
        g.node(OnnxOp.CONV, "c", "c", "x_dequantized", "c.weight_dequantized", "c.bias_dequantized")
                .attr("kernel_shape", 3, 3)
                .attr("pads", 1, 1, 1, 1);
        g.node(OnnxOp.RELU, "r", "r", "c");
        String rs = g.floatInitializer("r_scale", new int[0], new float[] {OUT_SCALE});
        String rz = g.uint8Initializer("r_zero_point", new int[0], new int[] {zp});
        g.node(OnnxOp.QUANTIZE_LINEAR, "r", "r_quantized", "r", rs, rz);
        g.node(OnnxOp.DEQUANTIZE_LINEAR, "r", "y", "r_quantized", rs, rz);
        return g.build(
                "one-conv",
                List.of(OnnxGraphBuilder.tensorValue("x", OnnxMl.TensorProto.DataType.FLOAT, IN)),
                List.of(OnnxGraphBuilder.tensorValue("y", OnnxMl.TensorProto.DataType.FLOAT, OUT)),
                "test",
                Map.of());
    }

    /** Runs the model without graph optimisations (so the QDQ graph runs as written). */
    private static float[] run(OnnxMl.ModelProto m) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        float[] x = new float[2 * 4 * 4];
        SplittableRandom r = new SplittableRandom(9);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextDouble() * 4 - 2);
        }
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
            try (OrtSession s = env.createSession(m.toByteArray(), o);
                    OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), IN);
                    OrtSession.Result res = s.run(Map.of("x", t))) {
                FloatBuffer y = ((OnnxTensor) res.get(0)).getFloatBuffer();
                float[] out = new float[y.remaining()];
                y.get(out);
                return out;
            }
        }
    }

    private static List<String> ops(OnnxMl.ModelProto m) {
        return m.getGraph().getNodeList().stream().map(OnnxMl.NodeProto::getOpType).toList();
    }

    @Test
    void a_relu_before_a_zero_point_of_zero_folds_into_qlinearconv() throws Exception {
        OnnxMl.ModelProto qdq = graph(0);
        QOperatorRewrite.Result r = QOperatorRewrite.apply(qdq, Map.of());

        assertThat(r.unfused()).isEmpty();
        assertThat(ops(r.model()))
                .containsExactly("QuantizeLinear", "QLinearConv", "DequantizeLinear");
        OnnxMl.NodeProto conv = r.model().getGraph().getNode(1);
        assertThat(conv.getInputList())
                .containsExactly(
                        "x_quantized",
                        "x_scale",
                        "x_zero_point",
                        "c.weight_quantized",
                        "c.weight_scale",
                        "c.weight_zero_point",
                        "r_scale",
                        "r_zero_point",
                        "c.bias_quantized");
        assertThat(conv.getOutput(0)).isEqualTo("r_quantized");
        assertThat(r.model().getGraph().getInitializerList())
                .extracting(OnnxMl.TensorProto::getName)
                .doesNotContain("c.bias_scale", "c.bias_zero_point");
        // integer accumulation and one requantization instead of float conv, Relu and Q: at most
        // one output step apart, and every output a multiple of the step
        float[] want = run(qdq);
        float[] got = run(r.model());
        assertThat(got).hasSameSizeAs(want);
        boolean nonZero = false;
        for (int i = 0; i < want.length; i++) {
            assertThat(Math.abs(got[i] - want[i])).isLessThanOrEqualTo(OUT_SCALE * 1.001f);
            assertThat(got[i]).isGreaterThanOrEqualTo(0f);
            nonZero |= want[i] != 0;
        }
        assertThat(nonZero).as("the test input gives non-zero outputs").isTrue();
    }

    @Test
    void with_another_zero_point_the_conv_stays_float_and_computes_exactly_the_same()
            throws Exception {
        OnnxMl.ModelProto qdq = graph(10); // Q's clamp would stop at −10 steps, not at 0
        QOperatorRewrite.Result r = QOperatorRewrite.apply(qdq, Map.of());

        assertThat(r.unfused()).containsExactly("c");
        assertThat(ops(r.model()))
                .containsExactly(
                        "QuantizeLinear",
                        "DequantizeLinear",
                        "Conv",
                        "Relu",
                        "QuantizeLinear",
                        "DequantizeLinear");
        // no DequantizeLinear on an initializer is left, and no float value is named *quantized
        assertThat(r.model().getGraph().getNodeList())
                .filteredOn(n -> n.getOpType().equals("DequantizeLinear"))
                .allSatisfy(n -> assertThat(n.getInput(0)).endsWith("_quantized"));
        assertThat(r.model().getGraph().getNode(1).getOutput(0)).isEqualTo("x_float");
        assertThat(r.model().getGraph().getInitializerList())
                .extracting(OnnxMl.TensorProto::getName)
                .contains("c.weight_float", "c.bias_float")
                .doesNotContain("c.weight_quantized", "c.bias_quantized");
        assertThat(run(r.model())).containsExactly(run(qdq));
    }
}
