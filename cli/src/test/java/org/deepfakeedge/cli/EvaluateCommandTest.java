package org.deepfakeedge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.deepfakeedge.provenance.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evaluate} in-process on an ONNX model: frame- and video-level metrics. */
class EvaluateCommandTest {
    @TempDir Path tmp;

    private Path model() throws Exception {
        return ScanCommandTest.model(tmp);
    }

    /** Five videos of 3 frames each (2 real, 3 fake), every frame a different colour. */
    private Path manifest() throws Exception {
        Path frames = Files.createDirectories(tmp.resolve("faces"));
        List<String> rows = new ArrayList<>(List.of("path,label,split,video"));
        for (int v = 0; v < 5; v++) {
            int label = v < 2 ? 0 : 1;
            for (int f = 0; f < 3; f++) {
                BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = img.createGraphics();
                g.setColor(new Color(40 * v + 10 * f, 200 - 30 * v, 60 * f + 5));
                g.fillRect(0, 0, 32, 32);
                g.setColor(new Color(255 - 40 * v, 20 * f, 128));
                g.fillOval(4 * f, 3 * v, 16, 12);
                g.dispose();
                String name = "v" + v + "_f" + f + ".png";
                ImageIO.write(img, "png", frames.resolve(name).toFile());
                rows.add("faces/" + name + "," + label + ",test,videos/v" + v + ".mp4");
            }
        }
        return Files.write(tmp.resolve("faces.csv"), rows);
    }

    @Test
    void json_has_frame_level_and_video_level_metrics_with_the_same_keys() throws Exception {
        Path m = model();
        Path csv = manifest();
        Object[] r =
                CliTest.run(
                        "evaluate",
                        "--model",
                        m.toString(),
                        "--data",
                        csv.toString(),
                        "--threads",
                        "1",
                        "--json");
        assertThat(r[0]).as((String) r[2]).isEqualTo(0);
        JsonNode o = Json.MAPPER.readTree((String) r[1]);
        assertThat(o.get("n").asInt()).isEqualTo(15);
        JsonNode v = o.get("video_level");
        assertThat(v).as("video_level in " + o).isNotNull();
        assertThat(v.get("n").asInt()).isEqualTo(5);
        JsonNode c = v.get("confusion");
        assertThat(c.get("tp").asInt() + c.get("fn").asInt()).as("fake videos").isEqualTo(3);
        assertThat(c.get("tn").asInt() + c.get("fp").asInt()).as("real videos").isEqualTo(2);
        for (String key :
                new String[] {
                    "threshold",
                    "accuracy",
                    "precision",
                    "recall",
                    "f1",
                    "roc_auc",
                    "eer",
                    "average_precision",
                    "per_class_accuracy",
                    "at_0_5"
                }) {
            assertThat(o.has(key)).as("frame level " + key).isTrue();
            assertThat(v.has(key)).as("video level " + key).isTrue();
        }
        assertThat(v.get("threshold").asDouble()).isEqualTo(o.get("threshold").asDouble());

        Object[] text =
                CliTest.run(
                        "evaluate",
                        "--model",
                        m.toString(),
                        "--data",
                        csv.toString(),
                        "--threads",
                        "1");
        assertThat(text[0]).isEqualTo(0);
        assertThat((String) text[1])
                .contains("evaluated  15 images")
                .contains("videos     5 (mean frame score per video)");
    }

    @Test
    void images_without_video_ids_have_no_video_level() throws Exception {
        Path m = model();
        Path csv = manifest();
        List<String> rows = Files.readAllLines(csv);
        List<String> plain = new ArrayList<>();
        for (String row : rows) {
            plain.add(row.substring(0, row.lastIndexOf(',')));
        }
        Path noVideos = Files.write(tmp.resolve("plain.csv"), plain);
        Object[] r =
                CliTest.run(
                        "evaluate",
                        "--model",
                        m.toString(),
                        "--data",
                        noVideos.toString(),
                        "--threads",
                        "1",
                        "--json");
        assertThat(r[0]).as((String) r[2]).isEqualTo(0);
        JsonNode o = Json.MAPPER.readTree((String) r[1]);
        assertThat(o.get("n").asInt()).isEqualTo(15);
        assertThat(o.has("video_level")).isFalse();
    }
}
