package org.deepfakeedge.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import org.deepfakeedge.artifact.WeightsCodec;
import org.deepfakeedge.compress.prune.MagnitudePruner;
import org.deepfakeedge.compress.prune.PruneResult;
import org.deepfakeedge.model.ModelSpec;
import org.deepfakeedge.model.ModelZoo;
import org.deepfakeedge.model.Tensor;
import org.deepfakeedge.model.WeightInit;
import org.deepfakeedge.model.Weights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MagnitudePrunerTest {
    static final ModelSpec SPEC = ModelZoo.build("student-30", 64);
    static final Weights W = WeightInit.pytorchDefault(SPEC, 11);

    @ParameterizedTest(name = "keep {0}")
    @ValueSource(doubles = {0.4, 0.3, 0.2, 0.1})
    void local_pruning_zeroes_round_amount_n_smallest_in_every_tensor(double keep) {
        PruneResult r = MagnitudePruner.prune(SPEC, W, keep, false);
        for (String name : MagnitudePruner.prunableTensors(SPEC)) {
            Tensor before = W.get(name);
            Tensor after = r.weights().get(name);
            int n = before.size();
            long zeros = n - after.nonZero();
            assertThat(zeros).as("zeros in %s", name).isEqualTo(Math.round((1 - keep) * n));
            // every survivor is at least as large as every pruned weight
            float maxPruned = 0;
            float minKept = Float.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                float a = Math.abs(before.data()[i]);
                if (after.data()[i] == 0f) {
                    maxPruned = Math.max(maxPruned, a);
                } else {
                    minKept = Math.min(minKept, a);
                    assertThat(after.data()[i]).isEqualTo(before.data()[i]);
                }
            }
            assertThat(maxPruned).as("%s", name).isLessThanOrEqualTo(minKept);
        }
        // biases and BatchNorm untouched, input unchanged
        assertThat(r.weights().get("conv1.bias").sameAs(W.get("conv1.bias"))).isTrue();
        assertThat(r.weights().get("bn1.gamma").sameAs(W.get("bn1.gamma"))).isTrue();
        assertThat(W.get("conv1.weight").nonZero()).isEqualTo(W.get("conv1.weight").size());
    }

    @Test
    void masks_mark_exactly_the_zeroed_weights() {
        PruneResult r = MagnitudePruner.prune(SPEC, W, 0.2, false);
        Tensor m = r.masks().get("fc1.weight");
        Tensor w = r.weights().get("fc1.weight");
        for (int i = 0; i < m.size(); i++) {
            assertThat(m.data()[i] == 0f).isEqualTo(w.data()[i] == 0f);
        }
        assertThat(r.sparsity().get("fc1.weight"))
                .isCloseTo(0.8, org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void global_pruning_zeroes_the_globally_smallest() {
        PruneResult r = MagnitudePruner.prune(SPEC, W, 0.1, true);
        long total = 0;
        long zeros = 0;
        for (String name : MagnitudePruner.prunableTensors(SPEC)) {
            total += W.get(name).size();
            zeros += W.get(name).size() - r.weights().get(name).nonZero();
        }
        assertThat(zeros).isEqualTo(Math.round(0.9 * total));
        // layers with larger initial weights (small fan-in, e.g. conv1) keep a larger share
        assertThat(r.sparsity().get("conv1.weight")).isLessThan(r.sparsity().get("fc1.weight"));
    }

    @Test
    void pruned_weights_file_is_much_smaller() throws Exception {
        ModelSpec teacher = ModelZoo.build("teacher", 224);
        Weights dense = WeightInit.pytorchDefault(teacher, 1);
        Weights pruned = MagnitudePruner.prune(teacher, dense, 0.1, false).weights();
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        WeightsCodec.write(dense, a);
        WeightsCodec.write(pruned, b);
        assertThat((double) b.size() / a.size())
                .as("sparse/dense size ratio")
                .isLessThanOrEqualTo(0.25);
        Weights back = WeightsCodec.read(new java.io.ByteArrayInputStream(b.toByteArray()), "mem");
        for (String k : pruned.keys()) {
            assertThat(back.get(k).sameAs(pruned.get(k))).as(k).isTrue();
        }
    }

    @Test
    void keep_out_of_range_is_rejected_with_the_value() {
        assertThatThrownBy(() -> MagnitudePruner.prune(SPEC, W, 1.2, false))
                .hasMessage("--keep must be in (0,1], found 1.2");
        assertThatThrownBy(() -> MagnitudePruner.prune(SPEC, W, 0, false))
                .hasMessageContaining("found 0.0");
    }
}
