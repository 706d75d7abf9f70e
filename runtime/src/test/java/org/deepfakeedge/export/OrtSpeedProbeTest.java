package org.deepfakeedge.export;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.deepfakeedge.model.ModelSpec;
import org.deepfakeedge.model.ModelZoo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The layer probe's graphs load and run on ONNX Runtime for every kind of quantizable layer, and
 * the INT8 form is the fused integer kernel. Times are only checked to exist, never compared.
 */
class OrtSpeedProbeTest {
    @Test
    void every_layer_of_student10_and_an_adapter_model_is_timed_in_both_forms() {
        OrtSpeedProbe probe = new OrtSpeedProbe(1);
        ModelSpec s10 = ModelZoo.build("student-10", 32);
        ModelSpec adapter = ExportFixtures.withAdapter(ModelZoo.build("student-30", 32));
        for (var c :
                List.of(
                        new Object[] {s10, "conv1_dw"}, // first layer: float input
                        new Object[] {s10, "conv2_dw"}, // grouped, 2 outputs per input channel
                        new Object[] {s10, "conv3_pw"},
                        new Object[] {s10, "fc1"},
                        new Object[] {s10, "fc2"}, // last layer: float logits
                        new Object[] {adapter, "adapter.dw"},
                        new Object[] {adapter, "adapter.pw"})) {
            LayerTiming t = probe.layer((ModelSpec) c[0], (String) c[1]);
            assertThat(t.int8Ms()).as("%s", c[1]).isPositive().isFinite();
            assertThat(t.fp32Ms()).as("%s", c[1]).isPositive().isFinite();
            assertThat(t.runs()).isBetween(OrtSpeedProbe.MIN_ROUNDS, OrtSpeedProbe.MAX_ROUNDS);
        }
        byte[] fp32 =
                org.deepfakeedge.export.OnnxExporter.toOnnx(
                                ExportFixtures.manifest(s10), ExportFixtures.weights(s10, 1))
                        .bytes();
        double[] ms = probe.models(s10, List.of(fp32, fp32));
        assertThat(ms).hasSize(2);
        assertThat(Math.min(ms[0], ms[1])).isPositive();
    }

    @Test
    void the_int8_probe_graph_runs_as_qlinearconv_and_the_fp32_one_as_float_conv(@TempDir Path dir)
            throws Exception {
        LayerProbeGraphs.Probe p =
                LayerProbeGraphs.describe(ModelZoo.build("student-30", 32), "conv2");
        assertThat(p.floatInput()).isFalse();
        assertThat(p.relu()).isTrue();
        assertThat(p.floatOutput()).isFalse();
        assertThat(optimizedOps(LayerProbeGraphs.graph(p, true), dir.resolve("i.onnx")))
                .contains("QLinearConv")
                .doesNotContain("Conv", "FusedConv");
        assertThat(optimizedOps(LayerProbeGraphs.graph(p, false), dir.resolve("f.onnx")))
                .doesNotContain("QLinearConv")
                .containsAnyOf("Conv", "FusedConv");
    }

    private static Set<String> optimizedOps(byte[] model, Path out) throws Exception {
        ai.onnxruntime.OrtEnvironment env = ai.onnxruntime.OrtEnvironment.getEnvironment();
        try (ai.onnxruntime.OrtSession.SessionOptions o =
                new ai.onnxruntime.OrtSession.SessionOptions()) {
            o.setOptimizationLevel(ai.onnxruntime.OrtSession.SessionOptions.OptLevel.ALL_OPT);
            o.setIntraOpNumThreads(1);
            o.setOptimizedModelFilePath(out.toString());
            env.createSession(model, o).close();
        }
        return OnnxMl.ModelProto.parseFrom(Files.readAllBytes(out))
                .getGraph()
                .getNodeList()
                .stream()
                .map(OnnxMl.NodeProto::getOpType)
                .collect(Collectors.toSet());
    }
}
