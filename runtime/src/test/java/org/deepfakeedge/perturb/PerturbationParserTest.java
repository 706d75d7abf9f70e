package org.deepfakeedge.perturb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.deepfakeedge.InvalidInputException;
import org.junit.jupiter.api.Test;

/** The {@code --perturb} syntax: what it accepts and how it refuses the rest. */
class PerturbationParserTest {

    private static List<String> names(List<Perturbation> ps) {
        return ps.stream().map(Perturbation::name).toList();
    }

    @Test
    void a_list_of_values_gives_one_perturbation_each() {
        assertThat(PerturbationParser.parse("jpeg:95,75,50"))
                .containsExactly(
                        new JpegRecompression(95),
                        new JpegRecompression(75),
                        new JpegRecompression(50));
        assertThat(PerturbationParser.parse(" RESIZE: 0.5, .25 "))
                .containsExactly(new DownUpResize(0.5), new DownUpResize(0.25));
        assertThat(names(PerturbationParser.parse("blur:1,2"))).containsExactly("blur:1", "blur:2");
        assertThat(PerturbationParser.parse("noise:0.01,0.03"))
                .containsExactly(new GaussianNoise(0.01), new GaussianNoise(0.03));
        assertThat(PerturbationParser.parse("crop:0.8")).containsExactly(new CenterCrop(0.8));
        assertThat(names(PerturbationParser.parse("crop:1.0"))).containsExactly("crop:1");
    }

    @Test
    void a_chain_and_the_preset() {
        List<Perturbation> chain = PerturbationParser.parse("resize:0.5+jpeg:75");
        assertThat(chain)
                .containsExactly(
                        new PerturbationChain(
                                "resize:0.5+jpeg:75",
                                List.of(new DownUpResize(0.5), new JpegRecompression(75))));
        assertThat(PerturbationParser.parse("Social")).containsExactly(PerturbationChain.social());
        assertThat(names(PerturbationParser.parse("social+noise:0.01")))
                .containsExactly("resize:0.5+jpeg:75+noise:0.01");
    }

    @Test
    void names_read_back_to_equal_perturbations() {
        for (Perturbation p :
                PerturbationParser.parseAll(
                        List.of(
                                "jpeg:95,75,50",
                                "resize:0.5,0.25",
                                "blur:1,2.5",
                                "noise:0.01,0.03",
                                "crop:0.8",
                                "resize:0.5+jpeg:75"))) {
            assertThat(PerturbationParser.parse(p.name())).containsExactly(p);
        }
    }

    @Test
    void repeats_are_dropped_and_the_order_kept() {
        assertThat(
                        names(
                                PerturbationParser.parseAll(
                                        List.of("jpeg:75,50", "crop:0.8", "jpeg:75", "social"))))
                .containsExactly("jpeg:75", "jpeg:50", "crop:0.8", "social");
    }

    private static void refuses(String value, String... parts) {
        assertThatThrownBy(() -> PerturbationParser.parse(value))
                .as(value)
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("--perturb '" + value + "': ")
                .hasMessageContainingAll(parts)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void bad_values_name_the_token_and_the_fix() {
        refuses("jpg:75", "unknown perturbation 'jpg'", "jpeg:Q", "social");
        refuses("sharpen", "unknown perturbation 'sharpen'");
        refuses("jpeg", "'jpeg' has no value", "jpeg:QUALITY", "jpeg:95,75,50");
        refuses(
                "jpeg:101",
                "quality 101 is out of range; jpeg:QUALITY must be an integer in [1, 100], e.g."
                        + " jpeg:95,75,50");
        refuses("jpeg:0", "quality 0 is out of range");
        refuses("jpeg:7.5", "quality '7.5' is not an integer");
        refuses("jpeg:95,,50", "empty quality", "jpeg:95,75,50");
        refuses("jpeg:", "empty quality");
        refuses("blur:x", "sigma 'x' is not a number", "blur:1,2");
        refuses("blur:0.05", "sigma 0.05 is out of range", "[0.1, 50]");
        refuses("resize:0", "factor 0 is out of range", "(0, 1]", "resize:0.5");
        refuses("resize:1.5", "factor 1.5 is out of range");
        refuses("crop:-0.5", "fraction -0.5 is out of range");
        refuses("noise:NaN", "std 'NaN' is not a number", "fraction of 255");
        refuses("noise:1e-2", "std '1e-2' is not a number");
        refuses("resize:0.5,0.25+jpeg:75", "one value per step", "--perturb resize:0.5+jpeg:75");
        refuses("resize:0.5++jpeg:75", "empty step");
        refuses("social:1", "the preset social takes no value");
        refuses("", "empty value", "jpeg:95,75,50");
    }
}
