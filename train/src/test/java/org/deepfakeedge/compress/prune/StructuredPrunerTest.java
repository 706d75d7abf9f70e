package org.deepfakeedge.compress.prune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.artifact.WeightsCodec;
import org.deepfakeedge.model.Layer;
import org.deepfakeedge.model.ModelSpec;
import org.deepfakeedge.model.ModelZoo;
import org.deepfakeedge.model.Tensor;
import org.deepfakeedge.model.WeightInit;
import org.deepfakeedge.model.Weights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Structured pruning without the engine: shapes, counts, selection and rewiring. */
class StructuredPrunerTest {

    static List<String> zoo() {
        return ModelZoo.NAMES;
    }

    static int outputs(Layer l) {
        return l instanceof Layer.Conv c ? c.out() : ((Layer.Linear) l).out();
    }

    /** The value at a row-major index of a tensor. */
    static float at(Tensor t, int... idx) {
        int flat = 0;
        for (int d = 0; d < idx.length; d++) {
            flat = flat * t.shape()[d] + idx[d];
        }
        return t.data()[flat];
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("zoo")
    void half_keep_gives_a_valid_smaller_dense_model(String arch) {
        ModelSpec spec = ModelZoo.build(arch, 64);
        Weights w = WeightInit.pytorchDefault(spec, 7);
        Weights original = w.copy();
        StructuredPruneResult r = StructuredPruner.prune(spec, w, 0.5);

        assertThat(r.spec().arch()).isEqualTo(arch + "-structured");
        r.weights().checkAgainst(r.spec());
        assertThat(r.spec().parameterCount()).isLessThan(spec.parameterCount());
        assertThat(r.spec().multiplyAdds()).isLessThan(spec.multiplyAdds());
        assertThat(r.keptPerLayer()).isNotEmpty();
        r.keptPerLayer()
                .forEach(
                        (name, kept) -> {
                            int out = outputs(spec.layer(name));
                            assertThat(kept).as(name).isEqualTo(L1Reference.keptCount(0.5, out));
                            assertThat(outputs(r.spec().layer(name))).as(name).isEqualTo(kept);
                        });
        // every conv and linear layer is either pruned or skipped with a reason, never both
        for (Layer l : spec.layers()) {
            if (l instanceof Layer.Conv || l instanceof Layer.Linear) {
                assertThat(r.keptPerLayer().containsKey(l.name()))
                        .as(l.name())
                        .isNotEqualTo(r.skipped().containsKey(l.name()));
            }
        }
        assertThat(r.skipped().values()).allSatisfy(reason -> assertThat(reason).isNotBlank());
        // the input is left alone
        for (String k : original.keys()) {
            assertThat(w.get(k).sameAs(original.get(k))).as(k).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"teacher", "student-40", "student-30", "student-20"})
    void vgg_models_prune_every_conv_and_hidden_linear_but_not_the_logits(String arch) {
        ModelSpec spec = ModelZoo.build(arch, 64);
        StructuredPruneResult r =
                StructuredPruner.prune(spec, WeightInit.pytorchDefault(spec, 1), 0.5);
        List<String> prunable = new ArrayList<>();
        for (Layer l : spec.layers()) {
            if (l instanceof Layer.Conv || l instanceof Layer.Linear) {
                prunable.add(l.name());
            }
        }
        String logits = prunable.remove(prunable.size() - 1);
        assertThat(r.keptPerLayer().keySet()).containsExactlyElementsOf(prunable);
        assertThat(r.skipped()).containsOnlyKeys(logits);
        assertThat(r.skipped().get(logits)).contains("logits");
        // the logit layer keeps its outputs and loses the inputs of the removed hidden neurons
        Layer.Linear before = (Layer.Linear) spec.layer(logits);
        Layer.Linear after = (Layer.Linear) r.spec().layer(logits);
        assertThat(after.out()).isEqualTo(2);
        assertThat(after.in()).isEqualTo(L1Reference.keptCount(0.5, before.in()));
    }

    @Test
    void student10_prunes_only_convs_that_feed_ungrouped_layers() {
        ModelSpec spec = ModelZoo.build("student-10", 64);
        StructuredPruneResult r =
                StructuredPruner.prune(spec, WeightInit.pytorchDefault(spec, 1), 0.5);
        assertThat(r.keptPerLayer())
                .containsExactly(entry("conv1_dw", 16), entry("conv5_pw", 32), entry("fc1", 64));
        assertThat(r.skipped())
                .containsOnlyKeys(
                        "conv1_pw",
                        "conv2_dw",
                        "conv2_pw",
                        "conv3_dw",
                        "conv3_pw",
                        "conv4_dw",
                        "conv4_pw",
                        "conv5_dw",
                        "fc2");
        assertThat(r.skipped().get("conv2_dw")).startsWith("grouped convolution (groups=32)");
        assertThat(r.skipped().get("conv1_pw")).isEqualTo("feeds grouped convolution conv2_dw");
        assertThat(r.skipped().get("conv4_pw")).isEqualTo("feeds grouped convolution conv5_dw");
        // conv1_dw → conv1_pw directly (no BatchNorm between); conv5_pw → bn5 → … → fc1
        assertThat(((Layer.Conv) r.spec().layer("conv1_pw")).in()).isEqualTo(16);
        assertThat(((Layer.BatchNorm) r.spec().layer("bn5")).channels()).isEqualTo(32);
        assertThat(((Layer.Linear) r.spec().layer("fc1")).in()).isEqualTo(32 * 2 * 2);
    }

    @Test
    void keeps_the_largest_l1_filters_in_order_and_rewires_their_readers() {
        ModelSpec spec = ModelZoo.build("student-30", 64); // conv6 128×2×2 → fc1 512→128 → fc2
        Weights w = WeightInit.pytorchDefault(spec, 5);
        for (String p : Weights.BN_PARAMS) { // distinct BatchNorm values, to see which survive
            float[] d = w.get("bn1." + p).data();
            for (int i = 0; i < d.length; i++) {
                d[i] = i + 1;
            }
        }
        double keep = 0.3;
        StructuredPruneResult r = StructuredPruner.prune(spec, w, keep);
        Weights p = r.weights();

        int[] k1 = L1Reference.keptRows(w.get("conv1.weight"), L1Reference.keptCount(keep, 32));
        int[] k2 = L1Reference.keptRows(w.get("conv2.weight"), L1Reference.keptCount(keep, 64));
        int[] k6 = L1Reference.keptRows(w.get("conv6.weight"), L1Reference.keptCount(keep, 128));
        int[] kf = L1Reference.keptRows(w.get("fc1.weight"), L1Reference.keptCount(keep, 128));
        assertThat(r.keptPerLayer().get("conv1")).isEqualTo(k1.length).isEqualTo(10);

        // conv1: whole filters (3×3×3) and biases; bn1: all four tensors
        for (int a = 0; a < k1.length; a++) {
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 3; y++) {
                    for (int x = 0; x < 3; x++) {
                        assertThat(at(p.get("conv1.weight"), a, c, y, x))
                                .isEqualTo(at(w.get("conv1.weight"), k1[a], c, y, x));
                    }
                }
            }
            assertThat(at(p.get("conv1.bias"), a)).isEqualTo(at(w.get("conv1.bias"), k1[a]));
            for (String param : Weights.BN_PARAMS) {
                assertThat(at(p.get("bn1." + param), a)).isEqualTo(k1[a] + 1f);
            }
        }
        // conv2: kept filters of conv2 × kept input channels (= kept filters of conv1)
        assertThat(p.get("conv2.weight").shape()).containsExactly(k2.length, k1.length, 3, 3);
        for (int a = 0; a < k2.length; a++) {
            for (int b = 0; b < k1.length; b++) {
                for (int y = 0; y < 3; y++) {
                    for (int x = 0; x < 3; x++) {
                        assertThat(at(p.get("conv2.weight"), a, b, y, x))
                                .isEqualTo(at(w.get("conv2.weight"), k2[a], k1[b], y, x));
                    }
                }
            }
        }
        // fc1 after flatten (2×2 per channel): columns c·4 + i of the kept channels of conv6
        assertThat(p.get("fc1.weight").shape()).containsExactly(kf.length, k6.length * 4);
        for (int a = 0; a < kf.length; a++) {
            for (int j = 0; j < k6.length; j++) {
                for (int i = 0; i < 4; i++) {
                    assertThat(at(p.get("fc1.weight"), a, j * 4 + i))
                            .isEqualTo(at(w.get("fc1.weight"), kf[a], k6[j] * 4 + i));
                }
            }
        }
        // fc2 (logits): all rows and its bias, columns of the kept fc1 neurons
        assertThat(p.get("fc2.bias").sameAs(w.get("fc2.bias"))).isTrue();
        for (int o = 0; o < 2; o++) {
            for (int a = 0; a < kf.length; a++) {
                assertThat(at(p.get("fc2.weight"), o, a))
                        .isEqualTo(at(w.get("fc2.weight"), o, kf[a]));
            }
        }
    }

    /** conv1 (3→4 filters, weights all = filter's value) → bn → relu → flatten → fc1 → fc2. */
    static final ModelSpec TINY =
            new ModelSpec(
                    "tiny",
                    4,
                    3,
                    2,
                    List.of(
                            Layer.Conv.c3("conv1", 3, 4),
                            new Layer.BatchNorm("bn1", 4),
                            new Layer.Relu("relu1"),
                            new Layer.Flatten("flatten"),
                            new Layer.Linear("fc1", 4 * 4 * 4, 3, true),
                            new Layer.Relu("fc1_relu"),
                            new Layer.Linear("fc2", 3, 2, true)));

    @Test
    void ties_go_to_the_lower_index_and_signs_do_not_matter() {
        Weights w = WeightInit.pytorchDefault(TINY, 2);
        float[] filterValue = {2f, -1f, -2f, 2f}; // |.|: 2, 1, 2, 2
        float[] conv = w.get("conv1.weight").data();
        for (int i = 0; i < conv.length; i++) {
            conv[i] = filterValue[i / 27];
        }
        StructuredPruneResult r = StructuredPruner.prune(TINY, w, 0.5);
        float[] kept = r.weights().get("conv1.weight").data();
        assertThat(kept[0]).isEqualTo(2f); // filter 0
        assertThat(kept[27]).isEqualTo(-2f); // filter 2, not 3
        assertThat(((Layer.Linear) r.spec().layer("fc1")).in()).isEqualTo(2 * 16);
        assertThat(r.keptPerLayer()).containsOnlyKeys("conv1", "fc1");
        assertThat(r.keptPerLayer().get("fc1")).isEqualTo(2); // round(1.5) = 2
    }

    @Test
    void keep_one_returns_identical_weights() {
        ModelSpec spec = ModelZoo.build("student-10", 64);
        Weights w = WeightInit.pytorchDefault(spec, 3);
        StructuredPruneResult r = StructuredPruner.prune(spec, w, 1.0);
        assertThat(r.spec().layers()).isEqualTo(spec.layers());
        assertThat(r.weights().keys()).isEqualTo(w.keys());
        for (String k : w.keys()) {
            assertThat(r.weights().get(k).sameAs(w.get(k))).as(k).isTrue();
            assertThat(r.weights().get(k).data()).as(k).isNotSameAs(w.get(k).data());
        }
    }

    @Test
    void tiny_keep_leaves_one_filter_per_layer() {
        ModelSpec spec = ModelZoo.build("teacher", 64);
        StructuredPruneResult r =
                StructuredPruner.prune(spec, WeightInit.pytorchDefault(spec, 3), 0.001);
        assertThat(r.keptPerLayer().values()).containsOnly(1);
        r.weights().checkAgainst(r.spec());
    }

    @Test
    void keep_out_of_range_is_rejected_with_the_value() {
        ModelSpec spec = ModelZoo.build("student-30", 64);
        Weights w = WeightInit.pytorchDefault(spec, 1);
        assertThatThrownBy(() -> StructuredPruner.prune(spec, w, 1.2))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("--keep must be in (0,1], found 1.2");
        assertThatThrownBy(() -> StructuredPruner.prune(spec, w, 0))
                .hasMessage("--keep must be in (0,1], found 0.0");
        assertThatThrownBy(() -> StructuredPruner.prune(spec, w, Double.NaN))
                .hasMessage("--keep must be in (0,1], found NaN");
    }

    @Test
    void teacher_at_224_really_shrinks_in_parameters_and_file_size() throws Exception {
        ModelSpec teacher = ModelZoo.build("teacher", 224);
        Weights dense = WeightInit.pytorchDefault(teacher, 1);
        StructuredPruneResult half = StructuredPruner.prune(teacher, dense, 0.5);
        StructuredPruneResult quarter = StructuredPruner.prune(teacher, dense, 0.25);
        // both the inputs and the outputs of most layers shrink, so parameters go roughly as keep²:
        // convs 32,32,64,64,128,128,256,64 and head 64·49→128→128→2 at keep 0.5
        assertThat(teacher.parameterCount()).isEqualTo(4_590_786L);
        assertThat(half.spec().parameterCount()).isEqualTo(1_149_538L);
        assertThat(quarter.spec().parameterCount()).isEqualTo(288_306L);

        ByteArrayOutputStream a = new ByteArrayOutputStream();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        WeightsCodec.write(dense, a);
        WeightsCodec.write(half.weights(), b);
        assertThat((double) b.size() / a.size()).as("pruned/dense file size").isLessThan(0.26);
    }
}
