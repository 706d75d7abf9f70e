package org.deepfakeedge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

    private static JsonNode evaluateJson(Path model, Path data, String... more) throws Exception {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "evaluate",
                                "--model",
                                model.toString(),
                                "--data",
                                data.toString(),
                                "--threads",
                                "1",
                                "--json"));
        args.addAll(List.of(more));
        Object[] r = CliTest.run(args.toArray(String[]::new));
        assertThat(r[0]).as((String) r[2]).isEqualTo(0);
        return Json.MAPPER.readTree((String) r[1]);
    }

    @Test
    void perturb_adds_one_robustness_entry_per_perturbation_and_leaves_the_clean_keys_alone()
            throws Exception {
        Path m = model();
        Path csv = manifest();
        JsonNode clean = evaluateJson(m, csv);
        assertThat(clean.has("robustness")).isFalse();
        JsonNode perturbed = evaluateJson(m, csv, "--perturb", "jpeg:50", "--perturb", "crop:1.0");

        JsonNode rows = perturbed.get("robustness");
        assertThat(rows).as("robustness in " + perturbed).hasSize(2);
        JsonNode jpeg = rows.get(0);
        assertThat(jpeg.get("perturbation").asText()).isEqualTo("jpeg:50");
        assertThat(jpeg.get("n").asInt()).isEqualTo(clean.get("n").asInt());
        for (String key :
                new String[] {
                    "perturbation", "n", "accuracy", "roc_auc", "recall_at_threshold", "flipped"
                }) {
            assertThat(jpeg.has(key)).as(key).isTrue();
        }
        // crop:1 keeps every pixel, so every score and verdict is the clean one
        JsonNode identity = rows.get(1);
        assertThat(identity.get("perturbation").asText()).isEqualTo("crop:1");
        assertThat(identity.get("n").asInt()).isEqualTo(15);
        assertThat(identity.get("flipped").asDouble()).isZero();
        assertThat(identity.get("accuracy").asDouble()).isEqualTo(clean.get("accuracy").asDouble());
        assertThat(identity.get("recall_at_threshold").asDouble())
                .isEqualTo(clean.get("recall").asDouble());
        assertThat(identity.get("roc_auc")).isEqualTo(clean.get("roc_auc"));

        // everything else is the clean evaluation, key for key (the wall time aside)
        ObjectNode withoutRobustness = ((ObjectNode) perturbed).deepCopy();
        withoutRobustness.remove(List.of("robustness", "eval_seconds"));
        ObjectNode cleanWithoutTime = ((ObjectNode) clean).deepCopy();
        cleanWithoutTime.remove("eval_seconds");
        assertThat(withoutRobustness).isEqualTo(cleanWithoutTime);
    }

    @Test
    void calibration_is_reported_and_the_reliability_diagram_written_next_to_the_roc_curve()
            throws Exception {
        Path m = model();
        Path csv = manifest();
        JsonNode o = evaluateJson(m, csv);
        JsonNode c = o.get("calibration");
        assertThat(c).as("calibration in " + o).isNotNull();
        assertThat(c.get("bins").asInt()).isEqualTo(15);
        assertThat(c.get("reliability")).hasSize(15);
        long n = 0;
        for (JsonNode bin : c.get("reliability")) {
            n += bin.get("n").asLong();
        }
        assertThat(n).isEqualTo(o.get("n").asLong());
        assertThat(c.get("ece").asDouble()).isBetween(0.0, 1.0);
        assertThat(c.get("brier").asDouble()).isBetween(0.0, 1.0);
        Path roc = Path.of(o.get("roc_svg").asText());
        Path reliability = Path.of(o.get("reliability_svg").asText());
        assertThat(reliability.getParent()).isEqualTo(roc.getParent());
        assertThat(reliability.getFileName().toString()).isEqualTo("m-reliability-test.svg");
        assertThat(Files.readString(reliability)).startsWith("<svg").contains("Reliability");
    }

    @Test
    void text_output_shows_calibration_and_a_robustness_table() throws Exception {
        Object[] r =
                CliTest.run(
                        "evaluate",
                        "--model",
                        model().toString(),
                        "--data",
                        manifest().toString(),
                        "--threads",
                        "1",
                        "--perturb",
                        "social");
        assertThat(r[0]).as((String) r[2]).isEqualTo(0);
        assertThat((String) r[1])
                .contains("calibration ECE ")
                .contains("robustness (clean threshold ")
                .containsPattern("\\n  social +15 ");
    }

    @Test
    void a_bad_perturb_value_is_one_error_line_before_any_scoring() throws Exception {
        Object[] r =
                CliTest.run(
                        "evaluate",
                        "--model",
                        model().toString(),
                        "--data",
                        manifest().toString(),
                        "--perturb",
                        "jpg:50");
        assertThat(r[0]).isEqualTo(2);
        assertThat((String) r[2]).contains("--perturb 'jpg:50': unknown perturbation 'jpg'");
        assertThat(((String) r[2]).strip().lines()).hasSize(1);
    }
}
