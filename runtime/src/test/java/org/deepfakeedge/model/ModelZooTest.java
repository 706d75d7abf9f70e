package org.deepfakeedge.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.provenance.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelZooTest {

    @ParameterizedTest(name = "{0} has {1} trainable parameters at 224")
    @CsvSource({
        "teacher, 4590786",
        "student-40, 1800066",
        "student-30, 1340418",
        "student-20, 902146",
        "student-10, 441378"
    })
    void parameter_counts_match_the_paper_at_224(String arch, long expected) {
        ModelSpec spec = ModelZoo.build(arch, 224);
        assertThat(spec.parameterCount()).as("params of %s", arch).isEqualTo(expected);
        // the weights a spec needs hold exactly these parameters plus BN running statistics
        long bnStats =
                spec.layers().stream()
                        .filter(l -> l instanceof Layer.BatchNorm)
                        .mapToLong(l -> 2L * ((Layer.BatchNorm) l).channels())
                        .sum();
        long stored =
                Weights.expectedShapes(spec).values().stream()
                        .mapToLong(
                                s ->
                                        java.util.Arrays.stream(s)
                                                .asLongStream()
                                                .reduce(1, (a, b) -> a * b))
                        .sum();
        assertThat(stored).isEqualTo(expected + bnStats);
    }

    @ParameterizedTest(name = "{0} does {1} G multiply-adds at 224")
    @CsvSource({
        "teacher, 8.53",
        "student-40, 0.81",
        "student-30, 0.66",
        "student-20, 0.66",
        "student-10, 0.18"
    })
    void multiply_adds_match_the_paper(String arch, double gmacs) {
        double actual = ModelZoo.build(arch, 224).multiplyAdds() / 1e9;
        assertThat(actual)
                .as("GMACs of %s", arch)
                .isCloseTo(gmacs, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void other_sizes_scale_the_first_linear_layer() {
        ModelSpec s64 = ModelZoo.build("teacher", 64);
        Layer.Linear fc1 = (Layer.Linear) s64.layer("fc1");
        assertThat(fc1.in()).isEqualTo(128 * 2 * 2);
        assertThat(s64.shapes().get(s64.shapes().size() - 1).c()).isEqualTo(2);
        Layer.Linear s10 = (Layer.Linear) ModelZoo.build("student-10", 96).layer("fc1");
        assertThat(s10.in()).isEqualTo(64 * 3 * 3);
    }

    @Test
    void bad_sizes_and_names_are_rejected_with_the_value() {
        assertThatThrownBy(() -> ModelZoo.build("teacher", 100))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("multiple of 32")
                .hasMessageContaining("100");
        assertThatThrownBy(() -> ModelZoo.build("resnet", 64))
                .hasMessageContaining("unknown architecture 'resnet'")
                .hasMessageContaining("student-10");
    }

    @Test
    void spec_json_round_trip_is_identical() throws Exception {
        for (String arch : ModelZoo.NAMES) {
            ModelSpec spec = ModelZoo.build(arch, 64);
            String json = Json.pretty(spec);
            ModelSpec back = Json.MAPPER.readValue(json, ModelSpec.class);
            assertThat(back).isEqualTo(spec);
            assertThat(json).contains("\"type\" : \"conv\"").contains("\"image_size\" : 64");
        }
    }

    @Test
    void inconsistent_specs_name_the_layer_and_shapes() {
        List<Layer> layers =
                List.of(
                        Layer.Conv.c3("c1", 3, 8),
                        new Layer.BatchNorm("bn", 16),
                        new Layer.Flatten("f"),
                        new Layer.Linear("fc", 8 * 32 * 32, 2, true));
        assertThatThrownBy(() -> new ModelSpec("x", 32, 3, 2, layers))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("'bn' expects 16 channels")
                .hasMessageContaining("[8×32×32]");
        assertThatThrownBy(
                        () ->
                                new ModelSpec(
                                        "x",
                                        32,
                                        3,
                                        2,
                                        List.of(
                                                new Layer.Flatten("f"),
                                                new Layer.Linear("f", 3072, 2, true))))
                .hasMessageContaining("duplicate layer name 'f'");
        assertThatThrownBy(() -> new Layer.Conv("g", 3, 8, 3, 1, 1, 2, true))
                .hasMessageContaining("divisible by groups (2)");
    }
}
