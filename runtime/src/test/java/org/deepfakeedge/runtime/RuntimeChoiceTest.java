package org.deepfakeedge.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.deepfakeedge.InvalidInputException;
import org.junit.jupiter.api.Test;

class RuntimeChoiceTest {
    @Test
    void parses_the_names_the_command_line_uses_and_refuses_others_with_the_choices() {
        assertThat(RuntimeChoice.parse("onnx")).isEqualTo(RuntimeChoice.ONNX);
        assertThat(RuntimeChoice.parse(" DJL ")).isEqualTo(RuntimeChoice.DJL);
        assertThat(RuntimeChoice.parse("auto")).isEqualTo(RuntimeChoice.AUTO);
        assertThat(RuntimeChoice.DJL.id()).isEqualTo("djl");
        assertThatThrownBy(() -> RuntimeChoice.parse("tensorrt"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("--runtime must be auto, djl or onnx, found 'tensorrt'");
    }
}
