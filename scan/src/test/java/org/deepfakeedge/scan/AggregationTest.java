package org.deepfakeedge.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.deepfakeedge.InvalidInputException;
import org.junit.jupiter.api.Test;

class AggregationTest {
    private static final double[] SCORES = {0.1, 0.9, 0.4, 0.7, 0.2};

    @Test
    void meanMaxAndTopK() {
        assertThat(Aggregation.mean().apply(SCORES)).isCloseTo(2.3 / 5, within(1e-12));
        assertThat(Aggregation.max().apply(SCORES)).isEqualTo(0.9);
        assertThat(Aggregation.topK(1).apply(SCORES)).isEqualTo(0.9);
        assertThat(Aggregation.topK(2).apply(SCORES)).isCloseTo(0.8, within(1e-12));
        assertThat(Aggregation.topK(3).apply(SCORES)).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void topKOverFewerFramesIsTheMeanOfAll() {
        assertThat(Aggregation.topK(10).apply(SCORES))
                .isCloseTo(Aggregation.mean().apply(SCORES), within(1e-12));
    }

    @Test
    void theInputIsNotReordered() {
        double[] s = SCORES.clone();
        Aggregation.topK(2).apply(s);
        assertThat(s).containsExactly(SCORES);
    }

    @Test
    void nothingToAggregateIsAnError() {
        assertThatThrownBy(() -> Aggregation.mean().apply(new double[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesTheOptionAndRefusesOthers() {
        assertThat(Aggregation.parse("MEAN")).isEqualTo(Aggregation.mean());
        assertThat(Aggregation.parse("max")).isEqualTo(Aggregation.max());
        assertThat(Aggregation.parse("topk:4")).isEqualTo(Aggregation.topK(4));
        assertThat(Aggregation.parse("topk:4").toString()).isEqualTo("topk:4");
        for (String bad : new String[] {"median", "topk:", "topk:0", "topk:x", "topk:-2"}) {
            assertThatThrownBy(() -> Aggregation.parse(bad))
                    .as(bad)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("--aggregate");
        }
    }
}
