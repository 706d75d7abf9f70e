package org.deepfakeedge.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.model.ModelZoo;
import org.junit.jupiter.api.Test;

/** The parts of {@link LatencyBenchmark} that need no engine. */
class LatencyBenchmarkTest {

    @Test
    void zoo_models_are_fp32_and_both_means_djl_then_onnx() {
        assertThat(LatencyBenchmark.precision(ModelZoo.build("student-10", 32), null))
                .isEqualTo("fp32");
        BenchSpec s = new BenchSpec(List.of("teacher"), "BOTH", 32, List.of(1), 0, 0, 1, 1);
        assertThat(s.runtimes()).containsExactly("djl", "onnx");
    }

    @Test
    void an_onnx_file_cannot_run_on_djl() {
        BenchSpec s = new BenchSpec(List.of("m.onnx"), "djl", 32, List.of(1), 0, 0, 1, 1);
        assertThatThrownBy(() -> LatencyBenchmark.run(s))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--runtime onnx");
    }
}
