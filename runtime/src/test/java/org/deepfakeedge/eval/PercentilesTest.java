package org.deepfakeedge.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PercentilesTest {
    @Test
    void nearest_rank_on_unsorted_samples_without_changing_them() {
        long[] v = {50, 10, 40, 20, 30};
        assertThat(Percentiles.nearestRank(v, 0.5)).isEqualTo(30);
        assertThat(Percentiles.nearestRank(v, 0.2)).isEqualTo(10);
        assertThat(Percentiles.nearestRank(v, 0.21)).isEqualTo(20);
        assertThat(Percentiles.nearestRank(v, 1)).isEqualTo(50);
        assertThat(v).containsExactly(50, 10, 40, 20, 30);
        assertThat(Percentiles.nearestRank(new long[0], 0.5)).isNaN();
        assertThatThrownBy(() -> Percentiles.nearestRank(v, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void latency_benchmark_cases() {
        long[] v = {50, 10, 40, 20, 30};
        assertThat(Percentiles.nearestRank(v, 0.5)).isEqualTo(30);
        assertThat(Percentiles.nearestRank(v, 0.95)).isEqualTo(50);
        assertThat(Percentiles.nearestRank(new long[] {7}, 0.95)).isEqualTo(7);
        assertThat(v).containsExactly(50, 10, 40, 20, 30);
    }
}
