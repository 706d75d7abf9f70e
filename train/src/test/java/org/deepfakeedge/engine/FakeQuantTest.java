package org.deepfakeedge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class FakeQuantTest {

    @Test
    void weights_round_to_the_exports_per_channel_int8_grid_and_pass_the_gradient_straight() {
        Engine engine = DjlEngine.get();
        try (NDManager m = NDManager.newBaseManager();
                NDManager scope = m.newSubManager()) {
            // the grid ±64 (Int8Exporter.WEIGHT_MAX): channel 0, max |w| 0.64 → scale 0.01;
            // channel 1, max 1.28 → scale 0.02
            float[] w = {0.004f, -0.016f, 0.64f, 0.5f, 0.013f, -1.28f, 0.031f, 0.0f};
            NDArray weights = m.create(w, new Shape(2, 4));
            weights.setRequiresGradient(true);
            NDArray q;
            try (GradientCollector gc = engine.newGradientCollector()) {
                q = FakeQuant.weights(weights, scope);
                gc.backward(
                        q.mul(scope.create(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, q.getShape()))
                                .sum());
            }
            // round half away from zero is not what torch does (half to even): avoid exact halves
            float[] expected = {0.0f, -0.02f, 0.64f, 0.5f, 0.02f, -1.28f, 0.04f, 0.0f};
            float[] got = q.toFloatArray();
            for (int i = 0; i < w.length; i++) {
                assertThat(got[i])
                        .as("w[%d]", i)
                        .isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-6f));
            }
            assertThat(weights.getGradient().toFloatArray())
                    .as("straight-through: the upstream gradient unchanged")
                    .containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
            assertThat(q.getManager()).as("created in the batch scope").isSameAs(scope);
        }
    }

    @Test
    void activations_take_256_levels_over_their_range_with_zero_exact() {
        DjlEngine.get();
        try (NDManager m = NDManager.newBaseManager()) {
            // range [0, 2.55] → scale 0.01, zero point 0
            NDArray a = m.create(new float[] {0f, 0.0149f, 1.2351f, 2.55f});
            assertThat(FakeQuant.activations(a).toFloatArray())
                    .usingComparatorWithPrecision(1e-6f)
                    .containsExactly(0f, 0.01f, 1.24f, 2.55f);
            // range [-0.51, 2.04] → scale 0.01, zero point 51: zero stays exactly zero
            NDArray b = m.create(new float[] {-0.51f, 0f, 0.004f, 2.04f});
            float[] qb = FakeQuant.activations(b).toFloatArray();
            assertThat(qb[1]).isZero();
            assertThat(qb[2]).isZero();
            assertThat(qb[0]).isCloseTo(-0.51f, org.assertj.core.data.Offset.offset(1e-6f));
            // a constant zero tensor has no range: unchanged
            NDArray z = m.zeros(new Shape(3));
            assertThat(FakeQuant.activations(z).toFloatArray()).containsOnly(0f);
        }
    }
}
