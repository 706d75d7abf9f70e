package org.deepfakeedge.data.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.deepfakeedge.InvalidInputException;
import org.junit.jupiter.api.Test;

class SynthSpecTest {

    @Test
    void defaults_are_the_documented_values() {
        SynthSpec spec = SynthSpec.defaults();

        assertThat(spec).isEqualTo(new SynthSpec(64, 600, 42L, "mixed", 0.15, 0.15));
        assertThat(spec.countPerClass("train")).isEqualTo(420);
        assertThat(spec.countPerClass("val")).isEqualTo(90);
        assertThat(spec.countPerClass("test")).isEqualTo(90);
    }

    @Test
    void with_methods_change_one_field_each() {
        SynthSpec base = SynthSpec.defaults();

        assertThat(base.withImageSize(224).imageSize()).isEqualTo(224);
        assertThat(base.withCount(10).count()).isEqualTo(10);
        assertThat(base.withSeed(7).seed()).isEqualTo(7L);
        assertThat(base.withGenerator("smooth").generator()).isEqualTo("smooth");
        assertThat(base.withValFraction(0.2).valFraction()).isEqualTo(0.2);
        assertThat(base.withTestFraction(0.0).testFraction()).isEqualTo(0.0);
        assertThat(base.withSeed(7).withSeed(42)).isEqualTo(base);
    }

    @Test
    void generator_is_matched_case_insensitively() {
        assertThat(SynthSpec.defaults().withGenerator(" Spectral ").generator())
                .isEqualTo("spectral");
    }

    @Test
    void counts_per_split_add_up_to_count() {
        SynthSpec spec = SynthSpec.defaults().withCount(7).withValFraction(0.3);

        assertThat(
                        spec.countPerClass("train")
                                + spec.countPerClass("val")
                                + spec.countPerClass("test"))
                .isEqualTo(7);
        assertThat(spec.countPerClass("train")).isPositive();
    }

    @Test
    void too_small_image_size_names_option_value_and_bound() {
        assertThatThrownBy(() -> SynthSpec.defaults().withImageSize(8))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("--image-size must be >= 16, found 8");
        assertThatThrownBy(() -> SynthSpec.defaults().withImageSize(100_000))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--image-size")
                .hasMessageContaining("100000");
    }

    @Test
    void invalid_count_is_rejected() {
        assertThatThrownBy(() -> SynthSpec.defaults().withCount(0))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("--count must be >= 1, found 0");
    }

    @Test
    void unknown_generator_lists_the_valid_names() {
        assertThatThrownBy(() -> SynthSpec.defaults().withGenerator("stylegan"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--generator")
                .hasMessageContaining("'stylegan'")
                .hasMessageContaining("mixed, checkerboard, smooth, spectral, shapes");
        assertThatThrownBy(() -> SynthSpec.defaults().withGenerator(null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--generator");
    }

    @Test
    void fractions_outside_zero_one_are_rejected() {
        assertThatThrownBy(() -> SynthSpec.defaults().withValFraction(1.5))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("--val-fraction must be in [0, 1), found 1.5");
        assertThatThrownBy(() -> SynthSpec.defaults().withTestFraction(-0.1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--test-fraction");
        assertThatThrownBy(() -> SynthSpec.defaults().withValFraction(Double.NaN))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--val-fraction");
    }

    @Test
    void fractions_that_leave_no_training_images_are_rejected() {
        assertThatThrownBy(() -> new SynthSpec(64, 3, 1L, "mixed", 0.5, 0.49))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--count 3")
                .hasMessageContaining("no training images");
    }
}
