package org.deepfakeedge.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl;
import java.util.List;
import java.util.Map;
import org.deepfakeedge.export.Int8Exporter;
import org.deepfakeedge.export.onnx.OnnxGraphBuilder;
import org.deepfakeedge.export.onnx.OnnxOp;
import org.junit.jupiter.api.Test;

/**
 * The load-time check for INT8 files exported before weights moved to the ±64 grid: it reads the
 * largest int8 weight; the exporter's bound keeps a pair of products within an int16.
 */
class Int8WeightRangeTest {

    private static byte[] modelWithWeights(byte[] w, byte[] other) {
        OnnxGraphBuilder g = new OnnxGraphBuilder();
        String wq = g.int8Initializer("c.weight_quantized", new int[] {w.length}, w);
        // an int8 tensor that is not a weight (a zero point) does not count
        String zp = g.int8Initializer("c.weight_zero_point", new int[] {other.length}, other);
        String scale = g.floatInitializer("c.weight_scale", new int[0], new float[] {0.1f});
        g.node(OnnxOp.DEQUANTIZE_LINEAR, "c", "y", wq, scale, zp);
        OnnxMl.ModelProto m =
                g.build(
                        "weights",
                        List.of(),
                        List.of(
                                OnnxGraphBuilder.tensorValue(
                                        "y", OnnxMl.TensorProto.DataType.FLOAT, new long[] {3})),
                        "test",
                        Map.of());
        return m.toByteArray();
    }

    @Test
    void the_largest_weight_of_a_file_is_read_and_only_weights_count() {
        assertThat(
                        OrtDetector.largestInt8Weight(
                                modelWithWeights(new byte[] {3, -127, 40}, new byte[] {0, 0, 0})))
                .isEqualTo(127);
        assertThat(
                        OrtDetector.largestInt8Weight(
                                modelWithWeights(new byte[] {64, -12, 0}, new byte[] {-128, 0, 0})))
                .isEqualTo(64);
        assertThat(OrtDetector.largestInt8Weight(new byte[] {1, 2, 3})).isZero();
    }

    @Test
    void the_exporters_grid_never_saturates_a_pair_of_uint8_int8_products() {
        assertThat(2 * 255 * Int8Exporter.WEIGHT_MAX).isLessThanOrEqualTo(Short.MAX_VALUE);
    }
}
