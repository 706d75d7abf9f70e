package org.deepfakeedge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deepfakeedge.artifact.ModelArtifact;
import org.deepfakeedge.data.synth.ProgressListener;
import org.deepfakeedge.data.synth.SynthSpec;
import org.deepfakeedge.data.synth.SyntheticDatasets;
import org.deepfakeedge.export.ExportFixtures;
import org.deepfakeedge.export.Int8Exporter;
import org.deepfakeedge.model.ModelSpec;
import org.deepfakeedge.model.ModelZoo;
import org.deepfakeedge.provenance.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code export --int8 --int8-form}: parsing, the JSON result and the file (no engine needed). */
class ExportCommandTest {

    private static Path artifact(Path tmp) throws java.io.IOException {
        ModelSpec spec = ModelZoo.build("student-10", 32);
        Path dir = tmp.resolve("m");
        ModelArtifact.save(dir, ExportFixtures.manifest(spec), ExportFixtures.weights(spec, 10));
        return dir;
    }

    private static JsonNode exportInt8(Path model, Path data, Path out, String... form)
            throws Exception {
        java.util.List<String> args =
                new java.util.ArrayList<>(
                        java.util.List.of(
                                "export",
                                "--model",
                                model.toString(),
                                "--int8",
                                "--calibration",
                                data.toString(),
                                "--calibration-count",
                                "8",
                                "--int8-layer-timing",
                                "off",
                                "--json",
                                "--out",
                                out.toString()));
        args.addAll(java.util.List.of(form));
        Object[] r = CliTest.run(args.toArray(String[]::new));
        assertThat(r[0]).as("exit code; stderr: %s", r[2]).isEqualTo(0);
        return Json.MAPPER.readTree((String) r[1]);
    }

    @Test
    void int8_form_portable_is_written_reported_and_recorded_in_the_file(@TempDir Path tmp)
            throws Exception {
        Path model = artifact(tmp);
        Path data = tmp.resolve("data");
        SyntheticDatasets.write(
                new SynthSpec(32, 8, 1, "mixed", 0.2, 0.2), data, ProgressListener.NONE);

        JsonNode ort = exportInt8(model, data, tmp.resolve("o.onnx"));
        JsonNode portable =
                exportInt8(model, data, tmp.resolve("p.onnx"), "--int8-form", "portable");

        assertThat(ort.path("int8_form").asText()).isEqualTo("ort");
        assertThat(portable.path("int8_form").asText()).isEqualTo("portable");
        assertThat(portable.path("layer_timing").asBoolean()).isFalse();
        assertThat(portable.path("check_vs_fp32").path("agreement").asDouble())
                .isGreaterThanOrEqualTo(0.95);
        JsonNode fc2 = null;
        for (JsonNode l : portable.path("layers")) {
            if (l.path("layer").asText().equals("fc2")) {
                fc2 = l;
            }
        }
        assertThat(fc2).isNotNull();
        assertThat(fc2.path("precision").asText()).isEqualTo("fp32");
        assertThat(fc2.path("reason").asText()).startsWith("portable form");

        OnnxMl.ModelProto p =
                OnnxMl.ModelProto.parseFrom(Files.readAllBytes(tmp.resolve("p.onnx")));
        assertThat(p.getMetadataPropsList())
                .anyMatch(
                        e ->
                                e.getKey().equals(Int8Exporter.FORM_KEY)
                                        && e.getValue().equals("portable"));
        assertThat(p.getGraph().getNodeList()).anyMatch(n -> n.getOpType().equals("QLinearConv"));

        Object[] text =
                CliTest.run(
                        "export",
                        "--model",
                        model.toString(),
                        "--int8",
                        "--int8-form",
                        "PORTABLE",
                        "--calibration",
                        data.toString(),
                        "--calibration-count",
                        "8",
                        "--out",
                        tmp.resolve("t.onnx").toString());
        assertThat(text[0]).as("stderr: %s", text[2]).isEqualTo(0);
        assertThat((String) text[1])
                .contains("(portable form,")
                .contains("fc2 kept fp32: portable form")
                .contains("not timed");
    }

    @Test
    void int8_form_needs_int8_and_one_of_the_two_names(@TempDir Path tmp) {
        Object[] alone =
                CliTest.run(
                        "export",
                        "--model",
                        tmp.toString(),
                        "--int8-form",
                        "portable",
                        "--out",
                        tmp.resolve("x.onnx").toString());
        assertThat(alone[0]).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat((String) alone[2]).contains("--int8-form").contains("need --int8");

        Object[] bad =
                CliTest.run(
                        "export",
                        "--model",
                        tmp.toString(),
                        "--int8",
                        "--int8-form",
                        "opencv",
                        "--calibration",
                        tmp.toString(),
                        "--out",
                        tmp.resolve("x.onnx").toString());
        assertThat(bad[0]).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat((String) bad[2]).contains("--int8-form must be ort or portable, found opencv");
    }

    @Test
    void help_says_which_form_suits_which_runtime() {
        Object[] r = CliTest.run("export", "--help");
        assertThat(r[0]).isEqualTo(0);
        assertThat((String) r[1])
                .contains("--int8-form=ort|portable")
                .contains("OpenCV")
                .contains("ONNX Runtime");
    }
}
