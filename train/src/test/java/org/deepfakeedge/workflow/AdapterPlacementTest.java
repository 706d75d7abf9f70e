package org.deepfakeedge.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.deepfakeedge.model.Layer;
import org.deepfakeedge.model.ModelSpec;
import org.deepfakeedge.model.ModelZoo;
import org.deepfakeedge.model.Weights;
import org.deepfakeedge.provenance.Json;
import org.junit.jupiter.api.Test;

class AdapterPlacementTest {

    @Test
    void adapter_has_the_papers_parameter_count_and_changes_no_shape() throws Exception {
        for (int c : new int[] {64, 128}) {
            Layer.Adapter a = new Layer.Adapter("adapter", c);
            assertThat(ModelSpec.parameterCount(a))
                    .isEqualTo((long) c * 9 + c + (long) c * c + c + 2L * c);
        }
        ModelSpec teacher = ModelZoo.build("teacher", 224);
        int at = TransferWorkflow.adapterPosition(teacher, null);
        // the paper: after the 4th conv block, 128 channels at 56×56
        assertThat(teacher.layers().get(at - 1).name()).isEqualTo("pool2");
        assertThat(teacher.shapes().get(at).toString()).isEqualTo("[128×56×56]");
        ModelSpec adapted =
                teacher.withLayers(
                        ls -> {
                            ls.add(at, new Layer.Adapter("adapter", 128));
                            return ls;
                        });
        List<ModelSpec.Shape> before = teacher.shapes();
        List<ModelSpec.Shape> after = adapted.shapes();
        assertThat(after.get(at + 1)).isEqualTo(before.get(at));
        assertThat(after.get(after.size() - 1)).isEqualTo(before.get(before.size() - 1));
        assertThat(adapted.parameterCount() - teacher.parameterCount())
                .isEqualTo(128L * 9 + 128 + 128L * 128 + 128 + 256);
        assertThat(Weights.expectedShapes(adapted))
                .containsKeys("adapter.dw.weight", "adapter.pw.weight", "adapter.bn.running_var");
        assertThat(Json.MAPPER.readValue(Json.pretty(adapted), ModelSpec.class)).isEqualTo(adapted);
    }

    @Test
    void students_get_the_adapter_after_their_last_conv_block() {
        ModelSpec s10 = ModelZoo.build("student-10", 64);
        int at = TransferWorkflow.adapterPosition(s10, null);
        assertThat(s10.layers().get(at)).isInstanceOf(Layer.Flatten.class);
        assertThat(s10.shapes().get(at).c()).isEqualTo(64);
        ModelSpec s30 = ModelZoo.build("student-30", 64);
        assertThat(s30.layers().get(TransferWorkflow.adapterPosition(s30, "last")))
                .isInstanceOf(Layer.Flatten.class);
        assertThat(s30.layers().get(TransferWorkflow.adapterPosition(s30, "2") - 1).name())
                .isEqualTo("pool2");
        assertThatThrownBy(() -> TransferWorkflow.adapterPosition(s30, "9"))
                .hasMessageContaining("1..6");
    }

    @Test
    void default_trainable_layers_are_the_last_conv_block_and_first_linear() {
        assertThat(TransferWorkflow.defaultTrainable(ModelZoo.build("teacher", 64)))
                .containsExactly("conv8", "bn8", "fc1");
        assertThat(TransferWorkflow.defaultTrainable(ModelZoo.build("student-10", 64)))
                .containsExactly("conv5_dw", "conv5_pw", "bn5", "fc1");
    }
}
