package org.deepfakeedge.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.artifact.ModelArtifact;
import org.deepfakeedge.compress.quantize.DynamicLinearQuantizer;
import org.deepfakeedge.compress.quantize.QuantizeResult;
import org.deepfakeedge.export.ExportFixtures;
import org.deepfakeedge.export.OnnxExporter;
import org.deepfakeedge.model.ModelSpec;
import org.deepfakeedge.model.ModelZoo;
import org.deepfakeedge.model.Weights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime module is what another JVM service embeds: on its own classpath (this module's tests
 * have no DJL and no libtorch) it scores exported models, and a model that needs the DJL runtime is
 * refused with a message saying what to add or do.
 */
class EmbeddedRuntimeTest {
    @TempDir Path tmp;

    @Test
    void the_classpath_has_no_djl() {
        assertThatThrownBy(() -> Class.forName("ai.djl.engine.Engine"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("org.deepfakeedge.engine.DjlNetwork"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void an_exported_onnx_file_and_a_model_folder_score_images_without_djl() throws Exception {
        ModelSpec spec = ModelZoo.build("student-10", 32);
        Weights w = ExportFixtures.weights(spec, 3);
        ModelArtifact a =
                ModelArtifact.save(tmp.resolve("model"), ExportFixtures.manifest(spec), w);
        Path onnx = tmp.resolve("model.onnx");
        Files.write(onnx, OnnxExporter.toOnnx(a.manifest(), a.weights()).bytes());
        BufferedImage img = new BufferedImage(48, 40, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 48; x++) {
                img.setRGB(x, y, (x * 5) << 16 | (y * 6) << 8 | ((x + y) * 2));
            }
        }
        Detection fromFile;
        try (Detector d = Detector.load(onnx, RuntimeChoice.AUTO, 1)) {
            assertThat(d.runtime()).isEqualTo("onnx");
            fromFile = d.detect(img);
        }
        try (Detector d =
                Detector.load(
                        tmp.resolve("model"),
                        RuntimeChoice.AUTO,
                        1)) { // the folder, exported in memory
            assertThat(d.runtime()).isEqualTo("onnx");
            assertThat(d.detect(img).pFake()).isEqualTo(fromFile.pFake());
        }
        assertThat(fromFile.pFake()).isBetween(0.0, 1.0);
        assertThat(fromFile.label()).isIn("real", "fake");
    }

    @Test
    void a_model_that_needs_the_djl_runtime_is_refused_with_the_fix() throws Exception {
        ModelSpec spec = ModelZoo.build("student-10", 32);
        QuantizeResult q = DynamicLinearQuantizer.quantize(spec, ExportFixtures.weights(spec, 3));
        Path dir = tmp.resolve("int8");
        ModelArtifact.save(dir, ExportFixtures.manifest(q.spec()), q.weights());
        assertThat(Detector.resolveRuntime(dir, RuntimeChoice.AUTO)).isEqualTo(RuntimeChoice.DJL);
        assertThatThrownBy(() -> Detector.load(dir, RuntimeChoice.AUTO, 1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("needs the djl runtime")
                .hasMessageContaining("deepfake-edge-train")
                .hasMessageContaining("export");
    }
}
