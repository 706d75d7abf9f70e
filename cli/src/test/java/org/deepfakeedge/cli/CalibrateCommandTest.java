package org.deepfakeedge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deepfakeedge.artifact.ModelArtifact;
import org.deepfakeedge.eval.TemperatureScaling;
import org.deepfakeedge.provenance.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code calibrate} in-process on the built-in data and the scan tests' model. */
class CalibrateCommandTest {
    @TempDir static Path shared;
    static Path data;

    @TempDir Path tmp;

    @BeforeAll
    static void data() throws Exception {
        data = CliTest.smallSynth(shared);
    }

    /** The scan tests' student-10 as an artifact folder (threshold 0.4). */
    private Path artifact() throws Exception {
        ScanCommandTest.model(tmp);
        return tmp.resolve("m");
    }

    @Test
    void calibrate_in_place_stores_the_temperature_and_keeps_every_verdict() throws Exception {
        Path m = artifact();
        Path images = data.resolve("test");
        Object[] before =
                CliTest.run(
                        "predict", "--model", m.toString(), "--threads", "1", images.toString());
        assertThat(before[0]).as((String) before[2]).isEqualTo(0);
        String idBefore = ModelArtifact.load(m).manifest().artifactId();

        Object[] r =
                CliTest.run(
                        "calibrate",
                        "--model",
                        m.toString(),
                        "--data",
                        data.toString(),
                        "--threads",
                        "1",
                        "--json");
        assertThat(r[0]).as((String) r[2]).isEqualTo(0);
        JsonNode o = Json.MAPPER.readTree((String) r[1]);
        double t = o.get("temperature").asDouble();
        assertThat(o.get("split").asText()).isEqualTo("val");
        assertThat(o.get("n").asInt()).isEqualTo(20);
        assertThat(o.get("in_place").asBoolean()).isTrue();
        assertThat(o.get("previous_temperature").asDouble()).isEqualTo(1.0);
        assertThat(t)
                .isBetween(TemperatureScaling.MIN_TEMPERATURE, TemperatureScaling.MAX_TEMPERATURE);
        assertThat(o.get("after").get("nll").asDouble())
                .isLessThanOrEqualTo(o.get("before").get("nll").asDouble());
        assertThat(o.get("threshold_before").asDouble()).isEqualTo(0.4);
        assertThat(o.get("threshold_after").asDouble())
                .isEqualTo(TemperatureScaling.mapThreshold(0.4, 1, t));

        ModelArtifact a = ModelArtifact.load(m);
        assertThat(a.manifest().temperature()).isEqualTo(t);
        assertThat(a.manifest().artifactId())
                .isNotEqualTo(idBefore)
                .isEqualTo(o.get("artifact_id").asText());
        var step = a.manifest().history().get(a.manifest().history().size() - 1);
        assertThat(step.method()).isEqualTo("calibrate");
        assertThat(step.options()).containsEntry("split", "val").containsEntry("temperature", t);
        assertThat(step.parentId()).isEqualTo(idBefore);

        Object[] after =
                CliTest.run(
                        "predict", "--model", m.toString(), "--threads", "1", images.toString());
        List<JsonNode> b = CliTest.jsonLines((String) before[1]);
        List<JsonNode> c = CliTest.jsonLines((String) after[1]);
        assertThat(c).hasSameSizeAs(b).isNotEmpty();
        for (int i = 0; i < b.size(); i++) {
            double p0 = b.get(i).get("p_fake").asDouble();
            double p1 = c.get(i).get("p_fake").asDouble();
            assertThat(c.get(i).get("label").asText()).isEqualTo(b.get(i).get("label").asText());
            // p_fake moves through the temperature: sigmoid(logit(p0) / T). p0 is a float (error
            // up to 6e-8), which logit() magnifies by 1 / (p0 (1 - p0)), and sigmoid(./T) carries
            // at most 1 / (4T) of that into p1
            if (p0 > 1e-3 && p0 < 1 - 1e-3) {
                double tol = 1e-6 + 6e-8 / (p0 * (1 - p0)) / (4 * t);
                assertThat(p1)
                        .isCloseTo(
                                TemperatureScaling.sigmoid(TemperatureScaling.logit(p0) / t),
                                org.assertj.core.api.Assertions.within(tol));
            }
        }

        Object[] text =
                CliTest.run(
                        "calibrate",
                        "--model",
                        m.toString(),
                        "--data",
                        data.toString(),
                        "--threads",
                        "1");
        assertThat(text[0]).as((String) text[2]).isEqualTo(0);
        assertThat((String) text[1])
                .contains("temperature " + String.format(java.util.Locale.ROOT, "%.4f", t) + " -> ")
                .contains("  ECE ")
                .contains("updated " + m.resolve("model.json"));
        // fitted afresh from the uncalibrated logits: the same T again
        assertThat(ModelArtifact.load(m).manifest().temperature()).isEqualTo(t);
    }

    @Test
    void calibrate_out_writes_a_copy_and_leaves_the_model_alone() throws Exception {
        Path m = artifact();
        byte[] json = Files.readAllBytes(m.resolve("model.json"));
        Path copy = tmp.resolve("calibrated");
        Object[] r =
                CliTest.run(
                        "calibrate",
                        "--model",
                        m.toString(),
                        "--data",
                        data.toString(),
                        "--out",
                        copy.toString(),
                        "--threads",
                        "1",
                        "--json");
        assertThat(r[0]).as((String) r[2]).isEqualTo(0);
        assertThat(Files.readAllBytes(m.resolve("model.json"))).isEqualTo(json);
        assertThat(ModelArtifact.load(copy).manifest().calibrated()).isTrue();
        assertThat(Files.readAllBytes(copy.resolve("weights.bin")))
                .isEqualTo(Files.readAllBytes(m.resolve("weights.bin")));

        Object[] again =
                CliTest.run(
                        "calibrate",
                        "--model",
                        m.toString(),
                        "--data",
                        data.toString(),
                        "--out",
                        copy.toString());
        assertThat(again[0]).isEqualTo(2);
        assertThat((String) again[2]).contains("already holds a model");
    }

    @Test
    void bad_input_gets_one_error_line() throws Exception {
        Path m = artifact();
        Object[] onnx =
                CliTest.run(
                        "calibrate",
                        "--model",
                        tmp.resolve("m.onnx").toString(),
                        "--data",
                        data.toString());
        assertThat(onnx[0]).isEqualTo(3);
        assertThat((String) onnx[2])
                .contains("cannot be calibrated in place")
                .contains("then export it again")
                .hasLineCount(1);

        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Object[] notArtifact =
                CliTest.run("calibrate", "--model", empty.toString(), "--data", data.toString());
        assertThat(notArtifact[0]).isEqualTo(3);
        assertThat((String) notArtifact[2]).contains("not a model artifact").hasLineCount(1);

        // train and test folders only and no val carved out of train: nothing to fit on
        Path noVal = tmp.resolve("noval");
        for (String split : new String[] {"train", "test"}) {
            for (String cls : new String[] {"real", "fake"}) {
                Path dir = Files.createDirectories(noVal.resolve(split).resolve(cls));
                try (var files = Files.walk(data.resolve(split).resolve(cls))) {
                    for (Path f : files.filter(Files::isRegularFile).limit(3).toList()) {
                        Files.copy(
                                f,
                                dir.resolve(f.getParent().getFileName() + "-" + f.getFileName()));
                    }
                }
            }
        }
        Object[] r =
                CliTest.run(
                        "calibrate",
                        "--model",
                        m.toString(),
                        "--data",
                        noVal.toString(),
                        "--val-fraction",
                        "0");
        assertThat(r[0]).as((String) r[2]).isEqualTo(2);
        assertThat((String) r[2]).contains("split 'val'").contains("has no images").hasLineCount(1);
        assertThat(ModelArtifact.load(m).manifest().calibrated()).isFalse();

        Object[] help = CliTest.run("calibrate", "--help");
        assertThat(help[0]).isEqualTo(0);
        assertThat((String) help[1]).contains("--split").contains("--out").contains("temperature");
    }
}
