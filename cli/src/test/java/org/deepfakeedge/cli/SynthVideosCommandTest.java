package org.deepfakeedge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deepfakeedge.provenance.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dataset synth-videos} writes videos and their labels, and {@code scan} with two workers
 * writes the same results file as with one.
 */
class SynthVideosCommandTest {
    @TempDir Path tmp;

    @Test
    void synthVideosThenScanThemWithOneAndTwoWorkers() throws Exception {
        Path videos = tmp.resolve("videos");
        Object[] w =
                CliTest.run(
                        "dataset",
                        "synth-videos",
                        "--out",
                        videos.toString(),
                        "--count",
                        "3",
                        "--frames",
                        "12",
                        "--size",
                        "64");
        assertThat(w[0]).as((String) w[2]).isEqualTo(0);
        assertThat((String) w[1]).contains("wrote 3 videos (2 real, 1 with a fake segment)");
        JsonNode m = Json.MAPPER.readTree(videos.resolve("videos.json").toFile());
        assertThat(m.get("videos")).hasSize(3);
        assertThat(m.get("videos").get(1).get("label").asText()).isEqualTo("fake");
        Path model = ScanCommandTest.model(tmp);
        Path photo = tmp.resolve("photo.jpg");
        try (var in =
                getClass().getResourceAsStream("/org/deepfakeedge/faces/photos/astronaut.jpg")) {
            Files.copy(in, photo);
        }

        Path one = tmp.resolve("one.jsonl");
        Path two = tmp.resolve("two.jsonl");
        for (Object[] run : List.of(new Object[] {one, "1", "1"}, new Object[] {two, "2", "0"})) {
            Object[] r =
                    CliTest.run(
                            "scan",
                            "--model",
                            model.toString(),
                            "--threads",
                            (String) run[1],
                            "--workers",
                            (String) run[2],
                            "--frames",
                            "4",
                            "--out",
                            run[0].toString(),
                            videos.toString(),
                            photo.toString());
            assertThat(r[0]).as((String) r[2]).isEqualTo(0);
            assertThat((String) r[2])
                    .contains("scanned 4 files (1 images, 3 videos, 0 errors")
                    .contains("workers x threads: " + run[1] + " x 1");
        }
        assertThat(Files.readAllBytes(two)).isEqualTo(Files.readAllBytes(one));
        assertThat(Files.readAllLines(one)).hasSize(4);

        Object[] tooMany =
                CliTest.run(
                        "scan",
                        "--model",
                        model.toString(),
                        "--threads",
                        "1",
                        "--workers",
                        "2",
                        photo.toString());
        assertThat(tooMany[0]).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat((String) tooMany[2]).contains("--workers 2 exceeds the 1 threads");
        Object[] shapes =
                CliTest.run(
                        "dataset",
                        "synth-videos",
                        "--out",
                        tmp.resolve("s").toString(),
                        "--generator",
                        "shapes");
        assertThat(shapes[0]).isEqualTo(ExitCodes.INVALID_INPUT);
    }
}
