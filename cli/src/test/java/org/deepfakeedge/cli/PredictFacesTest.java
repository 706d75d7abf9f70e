package org.deepfakeedge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deepfakeedge.data.ImageDecoder;
import org.deepfakeedge.faces.Face;
import org.deepfakeedge.faces.FaceCrop;
import org.deepfakeedge.faces.FaceDetector;
import org.deepfakeedge.provenance.Json;
import org.deepfakeedge.runtime.Detector;
import org.deepfakeedge.runtime.RuntimeChoice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code predict --faces}, its face detector options, videos refused, and the help texts. */
class PredictFacesTest {
    @TempDir Path tmp;

    private Path model() throws Exception {
        return ScanCommandTest.model(tmp);
    }

    private Path photo(String name) throws Exception {
        Path p = tmp.resolve(name);
        try (InputStream in =
                getClass().getResourceAsStream("/org/deepfakeedge/faces/photos/" + name)) {
            Files.copy(in, p);
        }
        return p;
    }

    private static JsonNode line(Object[] r) throws Exception {
        assertThat(r[0]).as((String) r[2]).isEqualTo(0);
        List<String> lines = ((String) r[1]).lines().toList();
        assertThat(lines).hasSize(1);
        return Json.MAPPER.readTree(lines.get(0));
    }

    @Test
    void facesOnPrintsTheBoxesAndTheMostFakeFacesScore() throws Exception {
        Path m = model();
        Path astronaut = photo("astronaut.jpg");
        BufferedImage img = ImageDecoder.read(astronaut);
        double want;
        int count;
        try (Detector d = Detector.load(m, RuntimeChoice.AUTO, 1);
                FaceDetector fd = FaceDetector.open()) {
            List<Face> found = fd.detect(img);
            count = found.size();
            want =
                    found.stream()
                            .mapToDouble(f -> d.detect(new FaceCrop(32).crop(img, f)).pFake())
                            .max()
                            .orElseThrow();
        }
        JsonNode on =
                line(
                        CliTest.run(
                                "predict",
                                "--model",
                                m.toString(),
                                "--threads",
                                "1",
                                "--faces",
                                "on",
                                astronaut.toString()));
        assertThat(on.path("faces").asInt()).isEqualTo(count).isPositive();
        assertThat(on.path("face_boxes")).hasSize(count);
        JsonNode box = on.path("face_boxes").get(0);
        assertThat(box.path("box")).hasSize(4);
        assertThat(box.path("box").get(2).asDouble()).isGreaterThan(50);
        assertThat(box.path("score").asDouble()).isGreaterThanOrEqualTo(0.5);
        assertThat(on.path("no_face").asBoolean()).isFalse();
        assertThat(on.path("p_fake").asDouble()).isCloseTo(want, within(1e-6));
        assertThat(on.path("label").asText()).isIn("real", "fake");

        // the default is off: the line predict always printed, the whole photo's score
        JsonNode off =
                line(
                        CliTest.run(
                                "predict",
                                "--model",
                                m.toString(),
                                "--threads",
                                "1",
                                astronaut.toString()));
        assertThat(off.has("faces")).isFalse();
        assertThat(off.has("face_boxes")).isFalse();
        List<String> keys = new java.util.ArrayList<>();
        off.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("path", "p_fake", "label", "threshold");
        assertThat(Math.abs(off.path("p_fake").asDouble() - want)).isGreaterThan(1e-6);
    }

    @Test
    void faceModelAndThresholdReachTheDetectorAndNoFaceIsSaid() throws Exception {
        Path m = model();
        Path small = photo("small_faces.jpg");
        int front =
                line(CliTest.run(
                                "predict",
                                "--model",
                                m.toString(),
                                "--faces",
                                "auto",
                                small.toString()))
                        .path("faces")
                        .asInt();
        int back =
                line(CliTest.run(
                                "predict",
                                "--model",
                                m.toString(),
                                "--faces",
                                "auto",
                                "--face-model",
                                "back",
                                small.toString()))
                        .path("faces")
                        .asInt();
        assertThat(back).isGreaterThan(front); // docs/faces.md: front misses the small profile
        JsonNode strict =
                line(
                        CliTest.run(
                                "predict",
                                "--model",
                                m.toString(),
                                "--faces",
                                "on",
                                "--face-threshold",
                                "1.0",
                                small.toString()));
        assertThat(strict.path("faces").asInt()).isZero();
        assertThat(strict.path("no_face").asBoolean()).isTrue();
        assertThat(strict.path("p_fake").isNull()).isTrue();
        Object[] bad =
                CliTest.run(
                        "predict",
                        "--model",
                        m.toString(),
                        "--faces",
                        "on",
                        "--face-model",
                        "side",
                        small.toString());
        assertThat(bad[0]).isNotEqualTo(0);
        assertThat((String) bad[2]).contains("--face-model must be front|back");
    }

    @Test
    void aVideoIsRefusedWithTheWayToScoreIt() throws Exception {
        Path m = model();
        Path clip = tmp.resolve("clip.mp4");
        Files.write(clip, new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p'});
        Path astronaut = photo("astronaut.jpg");
        Object[] r =
                CliTest.run(
                        "predict", "--model", m.toString(), clip.toString(), astronaut.toString());
        assertThat(r[0]).as((String) r[2]).isEqualTo(0);
        assertThat((String) r[2])
                .contains("skipped: " + clip + ": a video")
                .contains("deepfake-edge scan");
        assertThat(((String) r[1]).lines()).hasSize(1);
    }

    @Test
    void helpTextsOfferTheFaceOptions() {
        for (String command : List.of("predict", "serve", "scan")) {
            String help = (String) CliTest.run(command, "--help")[1];
            assertThat(help).as(command).contains("--faces", "--face-model", "--face-threshold");
        }
        // picocli wraps the descriptions: compare with the line breaks folded
        String predict = ((String) CliTest.run("predict", "--help")[1]).replaceAll("\\s+", " ");
        assertThat(predict).contains("(default: off)", "face_boxes");
        String serve = (String) CliTest.run("serve", "--help")[1];
        assertThat(serve)
                .contains("--max-video-bytes", "--max-video-jobs", "--frames", "--aggregate");
    }
}
