package org.deepfakeedge.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.SplittableRandom;
import org.deepfakeedge.artifact.WeightsCodec;
import org.deepfakeedge.compress.distill.KdLoss;
import org.deepfakeedge.compress.quantize.DynamicLinearQuantizer;
import org.deepfakeedge.compress.quantize.QuantizeResult;
import org.deepfakeedge.engine.DjlEngine;
import org.deepfakeedge.engine.DjlNetwork;
import org.deepfakeedge.model.Layer;
import org.deepfakeedge.model.ModelSpec;
import org.deepfakeedge.model.ModelZoo;
import org.deepfakeedge.model.Tensor;
import org.deepfakeedge.model.WeightInit;
import org.deepfakeedge.model.Weights;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class QuantizeAndDistillTest {
    static final ModelSpec SPEC = ModelZoo.build("student-20", 64);
    static final Weights W = WeightInit.pytorchDefault(SPEC, 8);

    @Test
    void dynamic_linear_quantization_round_trips_within_one_step_and_stores_int8()
            throws Exception {
        QuantizeResult q = DynamicLinearQuantizer.quantize(SPEC, W);
        assertThat(q.spec().layer("fc1")).isInstanceOf(Layer.DynamicQuantLinear.class);
        assertThat(q.spec().layer("conv1")).isInstanceOf(Layer.Conv.class);
        assertThat(q.spec().parameterCount()).isEqualTo(SPEC.parameterCount());
        for (String layer : new String[] {"fc1", "fc2"}) {
            Tensor w = W.get(layer + ".weight");
            float max = 0;
            for (float v : w.data()) {
                max = Math.max(max, Math.abs(v));
            }
            double s = q.scales().get(layer);
            assertThat(s).isCloseTo(max / 127.5, offset(1e-9));
            Tensor qi = q.weights().get(layer + ".weight");
            Tensor back = DynamicLinearQuantizer.dequantize(q.weights(), layer);
            for (int i = 0; i < w.size(); i++) {
                assertThat(qi.data()[i])
                        .isBetween(-128f, 127f)
                        .isEqualTo((float) Math.rint(qi.data()[i]));
                assertThat(Math.abs(back.data()[i] - w.data()[i]))
                        .as("%s[%d]", layer, i)
                        .isLessThanOrEqualTo((float) s * 1.0001f);
            }
        }
        // the weights file holds the quantized linear weights as one byte each
        ByteArrayOutputStream dense = new ByteArrayOutputStream();
        ByteArrayOutputStream quant = new ByteArrayOutputStream();
        WeightsCodec.write(W, dense);
        WeightsCodec.write(q.weights(), quant);
        int fc1 = W.get("fc1.weight").size();
        assertThat(dense.size() - quant.size()).isGreaterThanOrEqualTo(3 * fc1);
        Weights back = WeightsCodec.read(new ByteArrayInputStream(quant.toByteArray()), "mem");
        assertThat(back.get("fc1.weight").sameAs(q.weights().get("fc1.weight"))).isTrue();
    }

    @Test
    void kd_loss_matches_a_hand_computed_value() {
        // one sample, logits s = (0, 1), t = (1, 0), label 1, T = 2, w = 0.5:
        // p_s(T) = softmax(0, .5) = (0.3775407, 0.6224593); p_t(T) = (0.6224593, 0.3775407)
        // KL(p_t||p_s) = (.6224593 − .3775407)·ln(.6224593/.3775407) = .2449186 · 0.5 = 0.1224593
        // CE = −ln softmax(0,1)[1] = ln(1 + e^-1) = 0.3132617
        // L = .5·4·0.1224593 + .5·0.3132617 = 0.4015494
        double l = KdLoss.loss(new float[] {0, 1}, new float[] {1, 0}, new int[] {1}, 2, 2.0, 0.5);
        assertThat(l).isCloseTo(0.4015494, offset(1e-6));
        assertThat(
                        KdLoss.loss(
                                new float[] {3, -1, 0.5f, 2},
                                new float[] {3, -1, 0.5f, 2},
                                new int[] {0, 1},
                                2,
                                2.0,
                                1.0))
                .isCloseTo(0.0, offset(1e-12));
    }

    @Test
    @Tag("engine")
    void kd_loss_on_the_engine_equals_the_reference() {
        DjlEngine.start(0);
        SplittableRandom r = new SplittableRandom(2);
        float[] s = new float[16];
        float[] t = new float[16];
        int[] y = new int[8];
        for (int i = 0; i < 16; i++) {
            s[i] = (float) r.nextGaussian() * 3;
            t[i] = (float) r.nextGaussian() * 3;
        }
        for (int i = 0; i < 8; i++) {
            y[i] = r.nextInt(2);
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray l =
                    KdLoss.loss(
                            m.create(s, new Shape(8, 2)),
                            m.create(t, new Shape(8, 2)),
                            m.create(y),
                            2.0,
                            0.7);
            assertThat((double) l.getFloat())
                    .isCloseTo(KdLoss.loss(s, t, y, 2, 2.0, 0.7), offset(1e-5));
            NDArray zero =
                    KdLoss.loss(
                            m.create(s, new Shape(8, 2)),
                            m.create(s, new Shape(8, 2)),
                            m.create(y),
                            2.0,
                            1.0);
            assertThat((double) zero.getFloat()).isCloseTo(0.0, offset(1e-6));
        }
    }

    @Test
    @Tag("engine")
    void quantized_model_runs_and_stays_close_to_float() {
        DjlEngine.start(0);
        QuantizeResult q = DynamicLinearQuantizer.quantize(SPEC, W);
        float[] x = new float[4 * 3 * 64 * 64];
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        try (DjlNetwork f = DjlNetwork.create(SPEC, W);
                DjlNetwork qn = DjlNetwork.create(q.spec(), q.weights())) {
            float[] a = f.logits(x, 4);
            float[] b = qn.logits(x, 4);
            float[] b1 = qn.logits(java.util.Arrays.copyOf(x, 3 * 64 * 64), 1);
            for (int i = 0; i < a.length; i++) {
                assertThat(b[i])
                        .as("logit %d", i)
                        .isCloseTo(a[i], offset(0.05f * (1 + Math.abs(a[i]))));
            }
            // per-row activation scales: an image's logits do not depend on its batch
            assertThat(b1[0]).isCloseTo(b[0], offset(1e-5f));
            assertThat(b1[1]).isCloseTo(b[1], offset(1e-5f));
        }
    }
}
