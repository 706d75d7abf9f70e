package org.deepfakeedge.runtime.djl;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.deepfakeedge.artifact.Preprocessors;
import org.deepfakeedge.data.ImagePreprocessor;
import org.deepfakeedge.explain.Heatmap;
import org.deepfakeedge.export.ExportFixtures;
import org.deepfakeedge.model.Layer;
import org.deepfakeedge.model.ModelSpec;
import org.deepfakeedge.model.ModelZoo;
import org.deepfakeedge.runtime.Detection;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("engine")
class DjlDetectorExplainTest {
    @TempDir Path dir;

    private static BufferedImage noise(int size, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                img.setRGB(x, y, r.nextInt(1 << 24));
            }
        }
        return img;
    }

    @Test
    void explain_is_grad_cam_and_leaves_detect_exactly_as_it_was() {
        ModelSpec spec = ModelZoo.build("student-10", 64);
        try (DjlDetector d =
                DjlDetector.of(
                        ExportFixtures.artifact(spec, ExportFixtures.weights(spec, 3), dir))) {
            BufferedImage a = noise(80, 1);
            BufferedImage b = noise(64, 2);
            ImagePreprocessor pre = Preprocessors.of(d.manifest().preprocessing());
            float[] x = pre.toTensor(a);
            List<Detection> before = d.detectAll(List.of(a, b));
            float[] logitsBefore = d.logits(x, 1);

            Heatmap map = d.explain(a);

            assertThat(map.method()).isEqualTo("grad-cam");
            assertThat(map.forwardPasses()).isEqualTo(1);
            assertThat(map.size()).isEqualTo(64);
            assertThat(d.gradCam().featureLayerName()).isEqualTo("relu5");
            assertThat(d.detectAll(List.of(a, b))).isEqualTo(before);
            assertThat(d.logits(x, 1)).containsExactly(logitsBefore);
            assertThat(d.explain(a)).isEqualTo(map);
            assertThat(d.gradCam().heatmap(x)).isEqualTo(map);
        }
    }

    @Test
    void a_model_without_convolutions_falls_back_to_occlusion() {
        ModelSpec mlp =
                new ModelSpec(
                        "mlp",
                        32,
                        3,
                        2,
                        List.of(
                                new Layer.Flatten("flatten"),
                                new Layer.Linear("fc", 3 * 32 * 32, 2, true)));
        try (DjlDetector d =
                DjlDetector.of(ExportFixtures.artifact(mlp, ExportFixtures.weights(mlp, 4), dir))) {
            assertThat(d.gradCam()).isNull();
            Heatmap map = d.explain(noise(32, 5));
            assertThat(map.method()).isEqualTo("occlusion");
            assertThat(map.forwardPasses()).isEqualTo(50);
        }
    }
}
