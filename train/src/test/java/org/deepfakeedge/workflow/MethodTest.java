package org.deepfakeedge.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.compress.quantize.QuantizationMode;
import org.junit.jupiter.api.Test;

/** The method registry: every method is listed once per kind it belongs to, names are unique. */
class MethodTest {

    @Test
    void every_method_is_in_the_row_order_of_exactly_the_kinds_it_belongs_to() {
        for (Method m : Method.values()) {
            boolean somewhere = false;
            for (Method.Kind k : Method.Kind.values()) {
                assertThat(k.methods().contains(m)).as(m + " in " + k).isEqualTo(m.belongsTo(k));
                somewhere |= m.belongsTo(k);
            }
            assertThat(somewhere).as(m + " belongs to a kind").isTrue();
        }
        for (Method.Kind k : Method.Kind.values()) {
            assertThat(k.methods()).doesNotHaveDuplicates();
        }
    }

    @Test
    void names_and_former_names_are_unique_and_parse_back() {
        List<String> all = new ArrayList<>();
        for (Method m : Method.values()) {
            all.add(m.id());
            all.addAll(m.aliases());
            assertThat(Method.find(m.id())).isSameAs(m);
            assertThat(Method.find(m.id().toUpperCase())).isSameAs(m);
        }
        assertThat(all).doesNotHaveDuplicates().doesNotContain(Method.BASELINE);
        assertThat(Method.find("quantize-dynamic")).isSameAs(Method.QUANTIZE_DYNAMIC_LINEAR);
        assertThat(Method.find("nope")).isNull();
    }

    @Test
    void a_method_of_another_kind_is_refused_naming_the_kinds_methods() {
        assertThatThrownBy(() -> Method.parse(Method.Kind.TRANSFER, "lowrank"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unknown transfer method 'lowrank'")
                .hasMessageContaining("factorize-finetune");
        assertThat(Method.parse(Method.Kind.COMPRESSION, "lowrank")).isSameAs(Method.LOWRANK);
        assertThat(Method.Kind.parse(" Transfer ")).isSameAs(Method.Kind.TRANSFER);
        assertThatThrownBy(() -> Method.Kind.parse("quantization"))
                .hasMessageContaining("[compression, transfer]");
    }

    @Test
    void quantization_methods_are_named_after_the_quantize_modes() {
        assertThat(Method.QUANTIZE_DYNAMIC_LINEAR.id())
                .isEqualTo("quantize-" + QuantizationMode.DYNAMIC_LINEAR.id());
        assertThat(Method.QUANTIZE_STATIC_INT8.id())
                .isEqualTo("quantize-" + QuantizationMode.STATIC_INT8.id());
        assertThat(QuantizationMode.parse("Static-INT8")).isSameAs(QuantizationMode.STATIC_INT8);
        assertThatThrownBy(() -> QuantizationMode.parse("dynamic"))
                .hasMessageContaining("[dynamic-linear, static-int8]");
    }

    @Test
    void transfer_steps_are_the_transfer_methods_but_scratch_and_transfer_spec_takes_only_them() {
        assertThat(Method.transferSteps())
                .containsExactlyElementsOf(
                        Method.Kind.TRANSFER.methods().stream()
                                .filter(m -> m != Method.SCRATCH)
                                .toList());
        assertThat(TransferSpec.method("prune-adapter")).isSameAs(Method.PRUNE_ADAPTER);
        assertThatThrownBy(() -> TransferSpec.method("scratch"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--method must be one of");
        assertThatThrownBy(
                        () ->
                                new TransferSpec(
                                        Method.LOWRANK, null, null, 1, false, null, 2, 0.5, 0, 0))
                .hasMessageContaining("--method must be one of");
    }

    @Test
    void methods_that_train_new_weights_take_the_from_scratch_rate() {
        assertThat(
                        Arrays.stream(Method.values())
                                .filter(Method::trainsNewWeights)
                                .map(Method::id)
                                .toList())
                .containsExactlyInAnyOrder(
                        "distill", "scratch", "prune-adapter", "distill-adapter");
        assertThat(Method.PRUNE_ADAPTER.magnitudePrunes()).isTrue();
        assertThat(Method.PRUNE_STRUCTURED.magnitudePrunes()).isFalse();
    }
}
