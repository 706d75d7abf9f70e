package org.deepfakeedge.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class EtaEstimatorTest {
    private static Cell cell(String method) {
        return new Cell("e", "compression", method, 0.1);
    }

    @Test
    void remaining_cells_take_the_mean_of_their_method_or_of_all_cells() {
        EtaEstimator eta = new EtaEstimator();
        assertThat(eta.remainingSeconds(List.of(cell("prune")))).isNaN();
        assertThat(eta.remainingSeconds(List.of())).isZero();
        eta.finished("prune-finetune", 60);
        eta.finished("prune-finetune", 40);
        eta.finished("quantize", 4);
        // 50 (its method's mean) + 4 + 104/3 (an unseen method: the mean of all cells)
        assertThat(
                        eta.remainingSeconds(
                                List.of(cell("prune-finetune"), cell("quantize"), cell("distill"))))
                .isCloseTo(50 + 4 + 104.0 / 3, within(1e-9));
    }
}
