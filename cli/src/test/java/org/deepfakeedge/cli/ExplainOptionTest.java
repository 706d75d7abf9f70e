package org.deepfakeedge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.deepfakeedge.scan.ExplanationWriter;
import org.deepfakeedge.scan.ScanOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code predict --explain} and {@code scan --explain}: the overlays, the paths, the help. */
class ExplainOptionTest {
    @TempDir Path tmp;

    /** A face photo, a 50×40 black PNG and a broken JPEG. */
    private Path images() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("in"));
        try (InputStream in =
                getClass().getResourceAsStream("/org/deepfakeedge/faces/photos/astronaut.jpg")) {
            Files.copy(in, dir.resolve("astronaut.jpg"));
        }
        ImageIO.write(
                new BufferedImage(50, 40, BufferedImage.TYPE_INT_RGB),
                "png",
                dir.resolve("black.png").toFile());
        Files.writeString(dir.resolve("broken.jpg"), "not a jpeg");
        return dir;
    }

    private static List<JsonNode> ok(Object[] r) throws Exception {
        assertThat(r[0]).as((String) r[2]).isEqualTo(0);
        return CliTest.jsonLines((String) r[1]);
    }

    private static List<String> paths(JsonNode line) {
        assertThat(line.get("explanation").isArray()).as(line.toString()).isTrue();
        List<String> out = new java.util.ArrayList<>();
        line.get("explanation").forEach(p -> out.add(p.asText()));
        return out;
    }

    @Test
    void predict_writes_one_overlay_per_image_or_face_and_names_it_in_the_line() throws Exception {
        Path m = ScanCommandTest.model(tmp);
        Path in = images();
        Path dir = tmp.resolve("overlays");
        Object[] r =
                CliTest.run(
                        "predict",
                        "--model",
                        m.toString(),
                        "--threads",
                        "1",
                        "--explain",
                        dir.toString(),
                        in.toString());
        List<JsonNode> lines = ok(r);
        assertThat(lines).hasSize(2);
        assertThat((String) r[2])
                .contains("skipped: cannot read image " + in.resolve("broken.jpg"));
        for (JsonNode line : lines) {
            List<String> p = paths(line);
            assertThat(p)
                    .containsExactly(
                            dir.resolve(
                                            ExplanationWriter.fileName(
                                                    line.get("path").asText(), -1, -1))
                                    .toString());
            BufferedImage overlay = ImageIO.read(Path.of(p.get(0)).toFile());
            BufferedImage image = ImageIO.read(Path.of(line.get("path").asText()).toFile());
            assertThat(overlay.getWidth()).isEqualTo(image.getWidth());
            assertThat(overlay.getHeight()).isEqualTo(image.getHeight());
        }
        try (var files = Files.list(dir)) {
            assertThat(files.count()).as("no overlay for the broken file").isEqualTo(2);
        }

        Object[] faces =
                CliTest.run(
                        "predict",
                        "--model",
                        m.toString(),
                        "--threads",
                        "1",
                        "--faces",
                        "auto",
                        "--explain",
                        dir.toString(),
                        in.resolve("astronaut.jpg").toString());
        JsonNode line = ok(faces).get(0);
        List<String> p = paths(line);
        assertThat(p).hasSize(line.get("faces").asInt()).isNotEmpty();
        for (int i = 0; i < p.size(); i++) {
            assertThat(p.get(i)).endsWith("-face" + (i + 1) + ".png");
            BufferedImage overlay = ImageIO.read(Path.of(p.get(i)).toFile());
            assertThat(overlay.getWidth()).isEqualTo(overlay.getHeight()).isGreaterThan(50);
        }
        // without --explain the line is what it was
        JsonNode plain =
                ok(CliTest.run(
                                "predict",
                                "--model",
                                m.toString(),
                                in.resolve("black.png").toString()))
                        .get(0);
        assertThat(plain.has("explanation")).isFalse();
    }

    @Test
    void scan_csv_carries_the_paths_and_a_resumed_scan_keeps_them() throws Exception {
        Path m = ScanCommandTest.model(tmp);
        Path in = images();
        Path dir = tmp.resolve("ov");
        Path out = tmp.resolve("r.csv");
        String[] args = {
            "scan",
            "--model",
            m.toString(),
            "--threads",
            "1",
            "--explain",
            dir.toString(),
            "--out",
            out.toString(),
            in.toString()
        };
        Object[] r = CliTest.run(args);
        assertThat(r[0]).as((String) r[2]).isEqualTo(0);
        assertThat((String) r[2]).contains("overlays in " + dir);
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo(String.join(",", ScanOutput.CSV_COLUMNS));
        int col = ScanOutput.CSV_COLUMNS.indexOf("explanation");
        List<List<String>> rows =
                lines.subList(1, lines.size()).stream()
                        .map(org.deepfakeedge.scan.CsvText::parseLine)
                        .toList();
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).get(0)).endsWith("astronaut.jpg");
        assertThat(rows.get(0).get(col)).startsWith("[\"" + dir).contains("-face1.png");
        assertThat(rows.get(1).get(0)).endsWith("black.png");
        assertThat(rows.get(1).get(col))
                .isEqualTo(
                        "[\""
                                + dir.resolve(
                                        ExplanationWriter.fileName(rows.get(1).get(0), -1, -1))
                                + "\"]");
        assertThat(rows.get(2).get(0)).endsWith("broken.jpg");
        assertThat(rows.get(2).get(col)).as("an error row has no overlay").isEmpty();
        long overlays;
        try (var files = Files.list(dir)) {
            overlays = files.count();
        }

        String[] resumed = java.util.Arrays.copyOf(args, args.length + 1);
        resumed[args.length] = "--resume";
        Object[] again = CliTest.run(resumed);
        assertThat(again[0]).as((String) again[2]).isEqualTo(0);
        assertThat((String) again[2]).contains("scanned 0 files").contains("3 already done");
        assertThat(Files.readAllLines(out)).isEqualTo(lines);
        try (var files = Files.list(dir)) {
            assertThat(files.count()).isEqualTo(overlays);
        }
    }

    @Test
    void scan_refuses_what_cannot_hold_overlays_and_help_explains_the_option() throws Exception {
        Path m = ScanCommandTest.model(tmp);
        Path in = images();
        Object[] decode =
                CliTest.run(
                        "scan",
                        "--model",
                        m.toString(),
                        "--decode-only",
                        "--explain",
                        tmp.resolve("o").toString(),
                        in.toString());
        assertThat(decode[0]).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat((String) decode[2]).contains("--explain needs scores");

        Path old = tmp.resolve("old.csv");
        Files.writeString(
                old,
                String.join(
                                ",",
                                ScanOutput.CSV_COLUMNS.stream()
                                        .filter(c -> !c.equals("explanation"))
                                        .toList())
                        + "\n");
        Object[] legacy =
                CliTest.run(
                        "scan",
                        "--model",
                        m.toString(),
                        "--explain",
                        tmp.resolve("o").toString(),
                        "--out",
                        old.toString(),
                        "--resume",
                        in.toString());
        assertThat(legacy[0]).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat((String) legacy[2]).contains("without the explanation column");

        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        Object[] notADir =
                CliTest.run(
                        "predict",
                        "--model",
                        m.toString(),
                        "--explain",
                        file.toString(),
                        in.toString());
        assertThat(notADir[0]).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat((String) notADir[2]).contains("--explain " + file);

        assertThat((String) CliTest.run("scan", "--help")[1])
                .contains("--explain=DIR")
                .contains("most-fake")
                .contains("sampled frame");
        assertThat((String) CliTest.run("predict", "--help")[1])
                .contains("--explain=DIR")
                .contains("face_boxes order");
    }
}
