package org.deepfakeedge.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.deepfakeedge.compress.lowrank.FactorizeResult;
import org.deepfakeedge.compress.lowrank.SvdFactorizer;
import org.deepfakeedge.model.Layer;
import org.deepfakeedge.model.ModelSpec;
import org.deepfakeedge.model.ModelZoo;
import org.deepfakeedge.model.Tensor;
import org.deepfakeedge.model.WeightInit;
import org.deepfakeedge.model.Weights;
import org.junit.jupiter.api.Test;

class SvdFactorizerTest {
    static final ModelSpec SPEC = ModelZoo.build("student-30", 64); // fc1: 512 → 128
    static final Weights W = WeightInit.pytorchDefault(SPEC, 4);

    /** y = W x + b for a linear layer given as tensors. */
    static double[] apply(Tensor w, Tensor b, double[] x) {
        int m = w.shape()[0];
        int n = w.shape()[1];
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            double s = b == null ? 0 : b.data()[i];
            for (int j = 0; j < n; j++) {
                s += w.data()[i * n + j] * x[j];
            }
            y[i] = s;
        }
        return y;
    }

    @Test
    void full_rank_reproduces_the_layer_output_and_counts_parameters() {
        FactorizeResult r = SvdFactorizer.factorize(SPEC, W, null, 128, 0);
        assertThat(r.layer()).isEqualTo("fc1");
        assertThat(r.retainedEnergy()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(r.paramsAfter()).isEqualTo(512L * 128 + 128L * 128 + 128);
        Layer.Linear v = (Layer.Linear) r.spec().layer("fc1_v");
        Layer.Linear u = (Layer.Linear) r.spec().layer("fc1_u");
        assertThat(v.bias()).isFalse();
        assertThat(u.bias()).isTrue();
        // nothing between the two factors
        int iv = r.spec().layers().indexOf(v);
        assertThat(r.spec().layers().get(iv + 1)).isEqualTo(u);
        assertThat(r.spec().parameterCount())
                .isEqualTo(SPEC.parameterCount() - (512L * 128 + 128) + r.paramsAfter());
        SplittableRandom rnd = new SplittableRandom(1);
        for (int t = 0; t < 5; t++) {
            double[] x = new double[512];
            for (int j = 0; j < x.length; j++) {
                x[j] = rnd.nextGaussian();
            }
            double[] want = apply(W.get("fc1.weight"), W.get("fc1.bias"), x);
            double[] got =
                    apply(
                            r.weights().get("fc1_u.weight"),
                            r.weights().get("fc1_u.bias"),
                            apply(r.weights().get("fc1_v.weight"), null, x));
            for (int i = 0; i < want.length; i++) {
                assertThat(got[i])
                        .as("output %d", i)
                        .isCloseTo(want[i], org.assertj.core.data.Offset.offset(1e-4));
            }
        }
    }

    @Test
    void rank_k_has_n_k_plus_k_m_plus_m_parameters_and_energy_picks_rank() {
        FactorizeResult r6 = SvdFactorizer.factorize(SPEC, W, "fc1", 6, 0);
        assertThat(r6.paramsAfter()).isEqualTo(512L * 6 + 6L * 128 + 128);
        assertThat(r6.retainedEnergy()).isBetween(0.0, 1.0);
        FactorizeResult e = SvdFactorizer.factorize(SPEC, W, "fc1", 0, 0.5);
        assertThat(e.retainedEnergy()).isGreaterThanOrEqualTo(0.5);
        FactorizeResult fewer = SvdFactorizer.factorize(SPEC, W, "fc1", e.rank() - 1, 0);
        assertThat(fewer.retainedEnergy()).isLessThan(0.5);
    }

    @Test
    void bad_layer_or_rank_is_rejected_clearly() {
        assertThatThrownBy(() -> SvdFactorizer.factorize(SPEC, W, "conv1", 4, 0))
                .hasMessageContaining("not a linear layer");
        assertThatThrownBy(() -> SvdFactorizer.factorize(SPEC, W, "fc1", 500, 0))
                .hasMessageContaining("--rank must be in 1..128");
    }
}
