package org.deepfakeedge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.deepfakeedge.artifact.ModelArtifact;
import org.deepfakeedge.export.ExportFixtures;
import org.deepfakeedge.export.OnnxExporter;
import org.deepfakeedge.model.ModelSpec;
import org.deepfakeedge.model.ModelZoo;
import org.deepfakeedge.provenance.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scan} end to end in-process: results file, error lines, summary, exit codes, --help. */
class ScanCommandTest {
    @TempDir Path tmp;

    private Path model() throws Exception {
        return model(tmp);
    }

    /** student-10 at 32 px with seeded weights, exported to {@code tmp/m.onnx}. */
    static Path model(Path tmp) throws Exception {
        ModelSpec spec = ModelZoo.build("student-10", 32);
        ModelArtifact a =
                ModelArtifact.save(
                        tmp.resolve("m"),
                        ExportFixtures.manifest(spec),
                        ExportFixtures.weights(spec, 3));
        Path onnx = tmp.resolve("m.onnx");
        Files.write(onnx, OnnxExporter.toOnnx(a.manifest(), a.weights()).bytes());
        return onnx;
    }

    @Test
    void scansAFolderIntoJsonLinesAndResumes() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        try (InputStream in =
                getClass().getResourceAsStream("/org/deepfakeedge/faces/photos/astronaut.jpg")) {
            Files.copy(in, data.resolve("astronaut.jpg"));
        }
        ImageIO.write(
                new BufferedImage(50, 40, BufferedImage.TYPE_INT_RGB),
                "png",
                data.resolve("black.png").toFile());
        Files.writeString(data.resolve("broken.mp4"), "no video here");
        Path out = tmp.resolve("r/results.jsonl");
        Path m = model();
        Object[] r =
                CliTest.run(
                        "scan",
                        "--model",
                        m.toString(),
                        "--threads",
                        "1",
                        "--out",
                        out.toString(),
                        data.toString());
        assertThat(r[0]).as((String) r[2]).isEqualTo(0);
        String err = (String) r[2];
        assertThat(err).contains("error: " + data.resolve("broken.mp4") + ": ");
        assertThat(err)
                .contains("scanned 3 files (2 images, 0 videos, 1 errors, 1 without a face)");
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(3);
        JsonNode first = Json.MAPPER.readTree(lines.get(0));
        assertThat(first.get("path").asText()).endsWith("astronaut.jpg");
        assertThat(first.get("faces").asInt()).isPositive();
        assertThat(first.get("p_fake").asDouble()).isBetween(0.0, 1.0);
        assertThat(Json.MAPPER.readTree(lines.get(1)).get("no_face").asBoolean()).isTrue();
        assertThat(Json.MAPPER.readTree(lines.get(2)).get("p_fake").isNull()).isTrue();

        Object[] again =
                CliTest.run(
                        "scan",
                        "--model",
                        m.toString(),
                        "--out",
                        out.toString(),
                        "--resume",
                        data.toString());
        assertThat(again[0]).isEqualTo(0);
        assertThat((String) again[2]).contains("scanned 0 files").contains("3 already done");
        assertThat(Files.readAllLines(out)).isEqualTo(lines);
    }

    @Test
    void nothingScorableIsANonZeroExitAndBadOptionsAreRefused() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("bad"));
        Files.writeString(data.resolve("a.jpg"), "not a jpeg");
        Path m = model();
        Object[] r = CliTest.run("scan", "--model", m.toString(), data.toString());
        assertThat(r[0]).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat((String) r[2]).contains("no file could be scanned");
        Object[] agg =
                CliTest.run(
                        "scan", "--model", m.toString(), "--aggregate", "median", data.toString());
        assertThat(agg[0]).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat((String) agg[2]).contains("--aggregate must be mean, max or topk:K");
        Object[] resume = CliTest.run("scan", "--model", m.toString(), "--resume", data.toString());
        assertThat((String) resume[2]).contains("--resume needs --out");
    }

    @Test
    void helpExplainsEveryOptionAndItsDefault() {
        String help = (String) CliTest.run("scan", "--help")[1];
        assertThat(help)
                .contains("--faces=auto|on|off")
                .contains("--no-face=whole|skip")
                .contains("--aggregate=mean|max|topk:K")
                .contains("--frames")
                .contains("--fps")
                .contains("--details")
                .contains("--face-margin")
                .contains("--resume")
                .contains("--out")
                .contains("default: 32")
                .contains("default: mean");
        assertThat((String) CliTest.run("--help")[1]).contains("scan");
    }
}
