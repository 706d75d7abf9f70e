package org.deepfakeedge.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.provenance.Json;
import org.junit.jupiter.api.Test;

/** The abstain band's rule, its validation messages and what it costs on labelled scores. */
class UnsureBandTest {

    @Test
    void the_band_includes_low_and_excludes_high() {
        UnsureBand b = UnsureBand.parse("0.3,0.7");
        assertThat(b).isEqualTo(new UnsureBand(0.3, 0.7));
        assertThat(b.label(0.2999, 0.5, "real", "fake")).isEqualTo("real");
        assertThat(b.label(0.3, 0.5, "real", "fake")).isEqualTo("unsure");
        assertThat(b.label(0.6999, 0.5, "real", "fake")).isEqualTo("unsure");
        assertThat(b.label(0.7, 0.5, "real", "fake")).isEqualTo("fake");
        assertThat(new UnsureBand(0.4, 0.4).contains(0.4)).as("empty band").isFalse();
        assertThat(new UnsureBand(0, 1).contains(1.0)).as("p = 1 stays fake").isFalse();
        assertThat(b.toString()).isEqualTo("0.3,0.7");
        assertThat(UnsureBand.parse(" 0 , 1 ").toString()).isEqualTo("0,1");
    }

    @Test
    void bad_bands_fail_with_one_line_naming_the_value_and_the_rule() {
        assertThatThrownBy(() -> UnsureBand.parse("0.3"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(
                        "--unsure '0.3': expected LOW,HIGH, two numbers with 0 <= LOW <= threshold"
                                + " <= HIGH <= 1, e.g. --unsure 0.3,0.7");
        assertThatThrownBy(() -> UnsureBand.parse("a,b")).hasMessageContaining("'a,b'");
        assertThatThrownBy(() -> UnsureBand.parse("0.7,0.3"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("--unsure 0.7,0.3: need 0 <= LOW <= HIGH <= 1, e.g. --unsure 0.3,0.7");
        assertThatThrownBy(() -> UnsureBand.parse("-0.1,0.5")).hasMessageContaining("0 <= LOW");
        assertThatThrownBy(() -> UnsureBand.parse("0.2,1.5")).hasMessageContaining("HIGH <= 1");
        assertThatThrownBy(() -> UnsureBand.parse("0.5,0.7").checkContains(0.4))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(
                        "--unsure 0.5,0.7 must contain the model's threshold 0.4000 (need 0 <= LOW"
                                + " <= threshold <= HIGH <= 1), e.g. --unsure 0.4,0.7");
        assertThatThrownBy(() -> UnsureBand.parse("0.1,0.3").checkContains(0.4903807836962377))
                .hasMessageEndingWith(
                        "threshold 0.4904 (need 0 <= LOW <= threshold <= HIGH <= 1),"
                                + " e.g. --unsure 0.1,0.5");
        assertThat(UnsureBand.parse("0.4,0.7").checkContains(0.4)).isNotNull();
        assertThat(UnsureBand.parse("0.3,0.4").checkContains(0.4)).isNotNull();
    }

    @Test
    void abstention_counts_coverage_and_accuracy_on_the_decided() {
        // threshold 0.5, band [0.3, 0.7): 0.1 real ok, 0.35 unsure, 0.6 unsure, 0.8 fake ok,
        // 0.9 (a real) fake wrong, 0.2 (a fake) real wrong -> 4 decided of 6, 2 right
        float[] p = {0.1f, 0.35f, 0.6f, 0.8f, 0.9f, 0.2f};
        int[] y = {0, 1, 0, 1, 0, 1};
        Abstention a = Abstention.of(p, y, 0.5, new UnsureBand(0.3, 0.7));
        assertThat(a.n()).isEqualTo(6);
        assertThat(a.decided()).isEqualTo(4);
        assertThat(a.coverage()).isEqualTo(4 / 6.0);
        assertThat(a.accuracyDecided()).isEqualTo(0.5);
        assertThat(Json.line(a))
                .isEqualTo(
                        "{\"low\":0.3,\"high\":0.7,\"n\":6,\"decided\":4,\"coverage\":"
                                + (4 / 6.0)
                                + ",\"accuracy_decided\":0.5}");
        Abstention none = Abstention.of(p, y, 0.5, new UnsureBand(0, 1));
        assertThat(none.decided()).isZero();
        assertThat(Json.line(none)).contains("\"accuracy_decided\":null");
        assertThatThrownBy(() -> Abstention.of(p, y, 0.8, new UnsureBand(0.3, 0.7)))
                .hasMessageContaining("threshold 0.8000");
    }
}
