package org.deepfakeedge.export;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deepfakeedge.artifact.ArtifactManifest;
import org.deepfakeedge.artifact.ModelArtifact;
import org.deepfakeedge.eval.TemperatureScaling;
import org.deepfakeedge.model.ModelSpec;
import org.deepfakeedge.model.ModelZoo;
import org.deepfakeedge.model.Weights;
import org.deepfakeedge.runtime.OrtDetector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A calibrated model's temperature is part of the exported graph: its {@code logits} output is
 * logits / T, so a bare {@code .onnx} file gives the calibrated p_fake to any tool; an uncalibrated
 * graph is the one written before calibration existed.
 */
class CalibratedExportTest {
    private static final double T = 2.5;

    @Test
    void the_graph_of_a_calibrated_model_ends_in_a_division_by_its_temperature() throws Exception {
        ModelSpec spec = ModelZoo.build("student-10", 32);
        Weights w = ExportFixtures.weights(spec, 3);
        ArtifactManifest plain = ExportFixtures.manifest(spec);
        OnnxMl.GraphProto before =
                OnnxMl.ModelProto.parseFrom(OnnxExporter.toOnnx(plain, w).bytes()).getGraph();
        OnnxMl.GraphProto after =
                OnnxMl.ModelProto.parseFrom(
                                OnnxExporter.toOnnx(plain.withTemperature(T), w).bytes())
                        .getGraph();

        assertThat(before.getNodeList()).noneMatch(n -> n.getOpType().equals("Div"));
        OnnxMl.NodeProto last = after.getNode(after.getNodeCount() - 1);
        assertThat(last.getOpType()).isEqualTo("Div");
        assertThat(last.getOutput(0)).isEqualTo(OnnxExporter.OUTPUT);
        // it divides what the last layer writes (named "logits" in the uncalibrated graph)
        String lastLayer = spec.layers().get(spec.layers().size() - 1).name();
        assertThat(last.getInput(0)).isEqualTo(lastLayer);
        assertThat(before.getNode(before.getNodeCount() - 1).getOutput(0))
                .isEqualTo(OnnxExporter.OUTPUT);
        OnnxMl.TensorProto t =
                after.getInitializerList().stream()
                        .filter(i -> i.getName().equals(last.getInput(1)))
                        .findFirst()
                        .orElseThrow();
        assertThat(t.getName()).isEqualTo(OnnxExporter.TEMPERATURE_INITIALIZER);
        assertThat(t.getDimsCount()).as("a scalar").isZero();
        assertThat(
                        ByteBuffer.wrap(t.getRawData().toByteArray())
                                .order(ByteOrder.LITTLE_ENDIAN)
                                .getFloat())
                .isEqualTo((float) T);
        // everything before the division is the uncalibrated graph
        assertThat(after.getNodeCount()).isEqualTo(before.getNodeCount() + 1);
        for (int i = 0; i < before.getNodeCount() - 1; i++) {
            assertThat(after.getNode(i)).isEqualTo(before.getNode(i));
        }
    }

    @Test
    void onnx_runtime_gives_the_calibrated_p_fake_from_the_artifact_and_the_file(@TempDir Path dir)
            throws Exception {
        ModelSpec spec = ModelZoo.build("student-10", 32);
        Weights w = ExportFixtures.weights(spec, 4);
        ModelArtifact plain =
                ModelArtifact.save(dir.resolve("m"), ExportFixtures.manifest(spec), w);
        ModelArtifact cal =
                plain.withManifest(dir.resolve("c"), plain.manifest().withTemperature(T));
        Path onnx = dir.resolve("c.onnx");
        Files.write(onnx, OnnxExporter.toOnnx(cal.manifest(), w).bytes());
        int n = 6;
        float[] x = OnnxExporter.randomBatch(spec, n, 9);
        float[] raw;
        try (OrtDetector d = OrtDetector.of(plain, 1)) {
            raw = d.logits(x, n);
        }
        double scale = 0;
        for (float v : raw) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertThat(scale).as("logit scale").isGreaterThan(0.5);
        for (OrtDetector d :
                new OrtDetector[] {OrtDetector.of(cal, 1), OrtDetector.load(onnx, 1)}) {
            try (d) {
                assertThat(d.manifest().appliedTemperature()).isEqualTo(T);
                float[] got = d.logits(x, n);
                float[] z = d.logitScorer().scores(x, n);
                float[] p = d.scorer().scores(x, n);
                for (int i = 0; i < raw.length; i++) {
                    // the same network, one more float division: ORT may fuse it into the Gemm
                    assertThat((double) got[i])
                            .isCloseTo(
                                    raw[i] / T,
                                    org.assertj.core.api.Assertions.within(1e-5 * scale));
                }
                for (int i = 0; i < n; i++) {
                    double expected = TemperatureScaling.sigmoid((raw[2 * i + 1] - raw[2 * i]) / T);
                    // p = sigmoid(z) moves at most 1/4 per unit of z, and z differs by at most
                    // twice the logit tolerance
                    assertThat((double) p[i])
                            .isCloseTo(
                                    expected,
                                    org.assertj.core.api.Assertions.within(0.5e-5 * scale + 1e-7));
                    assertThat((double) z[i])
                            .isCloseTo(
                                    got[2 * i + 1] - got[2 * i],
                                    org.assertj.core.api.Assertions.within(0.0));
                }
            }
        }
    }
}
