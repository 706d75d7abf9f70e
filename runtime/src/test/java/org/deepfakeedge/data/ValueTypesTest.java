package org.deepfakeedge.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.deepfakeedge.InvalidInputException;
import org.junit.jupiter.api.Test;

class ValueTypesTest {

    @Test
    void split_parse_accepts_synonyms_in_any_case() {
        assertThat(Split.parse("train")).isEqualTo(Split.TRAIN);
        assertThat(Split.parse(" TRAIN ")).isEqualTo(Split.TRAIN);
        for (String val : List.of("val", "Valid", "VALIDATION", "validation")) {
            assertThat(Split.parse(val)).isEqualTo(Split.VAL);
        }
        assertThat(Split.parse("Test")).isEqualTo(Split.TEST);
        assertThat(Split.VAL.id()).isEqualTo("val");
    }

    @Test
    void split_parse_rejects_other_names() {
        assertThatThrownBy(() -> Split.parse("dev"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'dev'")
                .hasMessageContaining("train, val");
        assertThatThrownBy(() -> Split.parse(null)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void sample_validates_label_and_nulls() {
        Path p = Path.of("a.png");
        assertThat(new Sample(p, 1, Split.TEST, "").withSplit(Split.VAL).split())
                .isEqualTo(Split.VAL);
        assertThatThrownBy(() -> new Sample(p, 2, Split.TRAIN, ""))
                .hasMessageContaining("label must be 0 (real) or 1 (fake), found 2");
        assertThatThrownBy(() -> new Sample(p, 0, null, ""))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Sample(p, 0, Split.TRAIN, null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void options_validate_fractions() {
        assertThat(DatasetOptions.defaults()).isEqualTo(new DatasetOptions(42, 0.2, 0.2));
        assertThatThrownBy(() -> new DatasetOptions(1, -0.1, 0.2))
                .hasMessageContaining("valFraction");
        assertThatThrownBy(() -> new DatasetOptions(1, 0.5, 0.5)).hasMessageContaining("< 1");
    }

    @Test
    void normalization_copies_and_compares_values() {
        float[] mean = {0.1f, 0.2f, 0.3f};
        Normalization n = new Normalization(mean, new float[] {1, 1, 1});
        mean[0] = 9;
        n.mean()[1] = 9;
        assertThat(n.mean()).containsExactly(0.1f, 0.2f, 0.3f);
        assertThat(Normalization.imagenet()).isEqualTo(Normalization.imagenet());
        assertThat(Normalization.imagenet()).isNotEqualTo(Normalization.halfHalf());
        assertThat(Normalization.halfHalf().std()).containsExactly(0.5f, 0.5f, 0.5f);
        assertThatThrownBy(() -> new Normalization(new float[2], new float[3]))
                .hasMessageContaining("3 values");
        assertThatThrownBy(() -> new Normalization(new float[3], new float[] {1, 0, 1}))
                .hasMessageContaining("std");
    }

    @Test
    void dataset_index_counts_every_split_and_class() {
        DatasetIndex index =
                new DatasetIndex(
                        Path.of("/data"),
                        "csv",
                        List.of("real", "fake"),
                        List.of(
                                new Sample(Path.of("/data/a.png"), 0, Split.TRAIN, ""),
                                new Sample(Path.of("/data/b.png"), 1, Split.TRAIN, "gan"),
                                new Sample(Path.of("/data/c.png"), 1, Split.TEST, "")),
                        List.of());

        assertThat(index.counts().toString())
                .isEqualTo("{train={real=1, fake=1}, val={real=0, fake=0}, test={real=0, fake=1}}");
        assertThat(index.split(Split.TRAIN)).hasSize(2);
        assertThat(index.hasGenerators()).isTrue();
        assertThatThrownBy(
                        () ->
                                new DatasetIndex(
                                        Path.of("/d"), "csv", List.of("x"), List.of(), List.of()))
                .hasMessageContaining("2 names");
    }
}
