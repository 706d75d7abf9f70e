package org.example.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.deepfakeedge.export.ExportFixtures;
import org.deepfakeedge.export.OnnxExporter;
import org.deepfakeedge.model.ModelSpec;
import org.deepfakeedge.model.ModelZoo;
import org.deepfakeedge.runtime.Detector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example scores real image files with an exported model, with the runtime module alone. */
class DetectImagesTest {
    @TempDir Path tmp;

    @Test
    void scores_each_image_and_reports_a_bad_one_without_stopping() throws Exception {
        assertThatThrownBy(() -> Class.forName("ai.djl.engine.Engine"))
                .isInstanceOf(ClassNotFoundException.class);
        ModelSpec spec = ModelZoo.build("student-30", 32);
        Path model = tmp.resolve("model.onnx");
        Files.write(
                model,
                OnnxExporter.toOnnx(ExportFixtures.manifest(spec), ExportFixtures.weights(spec, 5))
                        .bytes());
        Path a = picture(tmp.resolve("a.png"), 1);
        Path b = picture(tmp.resolve("b.png"), 7);
        Path bad = Files.writeString(tmp.resolve("notes.png"), "not an image");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code =
                DetectImages.run(
                        new String[] {model.toString(), a.toString(), bad.toString(), b.toString()},
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(1);
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertThat(lines).hasSize(2);
        try (Detector d = Detector.load(model)) {
            for (int i = 0; i < 2; i++) {
                Path img = i == 0 ? a : b;
                String[] f = lines[i].split(" ");
                assertThat(f[0]).isEqualTo(img.toString());
                assertThat(f[1]).isEqualTo(d.detect(img).label());
                assertThat(Double.parseDouble(f[2]))
                        .isCloseTo(
                                d.detect(img).pFake(), org.assertj.core.data.Offset.offset(1e-6));
            }
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("notes.png");
    }

    @Test
    void a_missing_model_is_one_clear_line_and_exit_code_2() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code =
                DetectImages.run(
                        new String[] {tmp.resolve("none.onnx").toString(), "x.png"},
                        new PrintStream(new ByteArrayOutputStream()),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("none.onnx")
                .contains("does not exist");
    }

    private static Path picture(Path file, int seed) throws Exception {
        BufferedImage img = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 40; x++) {
                img.setRGB(
                        x,
                        y,
                        ((x * seed) & 255) << 16 | ((y * 3 + seed) & 255) << 8 | ((x ^ y) & 255));
            }
        }
        ImageIO.write(img, "png", file.toFile());
        return file;
    }
}
