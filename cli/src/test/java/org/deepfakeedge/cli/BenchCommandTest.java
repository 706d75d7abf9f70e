package org.deepfakeedge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.deepfakeedge.bench.BenchSpec;
import org.deepfakeedge.model.ModelZoo;
import org.deepfakeedge.provenance.Json;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** {@code bench}: option parsing and validation, and one tiny real run. */
class BenchCommandTest {

    @Test
    void options_become_the_spec_with_defaults_written_out() {
        BenchCommand cmd = new BenchCommand();
        new CommandLine(cmd)
                .parseArgs(
                        "--model",
                        "teacher",
                        "--batch",
                        "1,8",
                        "--compare",
                        "student-10",
                        "student-20");
        BenchSpec s = cmd.toSpec();
        assertThat(s.batches()).containsExactly(1, 8);
        assertThat(s.models()).containsExactly("teacher", "student-10", "student-20");
        assertThat(s.runtime()).isEqualTo("both");
        assertThat(s.runtimes()).containsExactly("djl", "onnx");
        assertThat(s.imageSize()).isEqualTo(224);
        assertThat(s.warmup()).isEqualTo(5);
        assertThat(s.iterations()).isEqualTo(30);
        assertThat(s.threads()).isZero();
    }

    @ParameterizedTest
    @CsvSource({
        "--batch, 0, --batch",
        "--batch, '1,0', --batch",
        "--iterations, 0, --iterations",
        "--warmup, -1, --warmup",
        "--runtime, tensorrt, --runtime",
        "--threads, -2, --threads",
        "--image-size, 100, --image-size"
    })
    void bad_values_exit_2_with_one_line_naming_the_option(
            String option, String value, String named) {
        Object[] r = CliTest.run("bench", "--model", "student-10", option, value);
        assertThat(r[0]).isEqualTo(ExitCodes.INVALID_INPUT);
        String err = ((String) r[2]).strip();
        assertThat(err).doesNotContain("\n").startsWith("error:").contains(named);
        assertThat((String) r[1]).isEmpty();
    }

    @Test
    void an_unknown_model_name_exits_2() {
        Object[] r = CliTest.run("bench", "--model", "resnet", "--runtime", "onnx");
        assertThat(r[0]).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat((String) r[2]).contains("resnet").contains("teacher");
    }

    @Test
    @Tag("engine")
    void a_tiny_bench_reports_every_key_for_both_runtimes() throws Exception {
        Object[] r =
                CliTest.run(
                        "bench",
                        "--model",
                        "student-10",
                        "--image-size",
                        "32",
                        "--batch",
                        "1,4",
                        "--warmup",
                        "1",
                        "--iterations",
                        "3",
                        "--threads",
                        "1",
                        "--json");
        assertThat(r[0]).as("stderr: %s", r[2]).isEqualTo(0);
        JsonNode o = Json.MAPPER.readTree((String) r[1]);
        assertThat(o.get("cpu").has("model")).isTrue();
        assertThat(o.get("cpu").get("flags").isArray()).isTrue();
        JsonNode rows = o.get("results");
        assertThat(rows).hasSize(4);
        long macs = ModelZoo.build("student-10", 32).multiplyAdds();
        List<String> seen = new ArrayList<>();
        for (JsonNode row : rows) {
            List<String> keys = new ArrayList<>();
            row.fieldNames().forEachRemaining(keys::add);
            assertThat(keys)
                    .containsExactly(
                            "model",
                            "runtime",
                            "precision",
                            "image_size",
                            "batch",
                            "threads",
                            "p50_ms",
                            "p95_ms",
                            "images_per_s",
                            "gflops",
                            "model_bytes");
            double p50 = row.get("p50_ms").asDouble();
            assertThat(p50).isPositive();
            assertThat(row.get("p95_ms").asDouble()).isGreaterThanOrEqualTo(p50);
            assertThat(row.get("image_size").asInt()).isEqualTo(32);
            assertThat(row.get("precision").asText()).isEqualTo("fp32");
            assertThat(row.get("threads").asInt()).isPositive();
            assertThat(row.get("model_bytes").asLong())
                    .isEqualTo(ModelZoo.build("student-10", 32).parameterCount() * 4);
            double gflops = 2.0 * macs / (p50 / 1000) / 1e9;
            assertThat(row.get("gflops").asDouble()).isCloseTo(gflops, within(gflops * 1e-9));
            assertThat(row.get("images_per_s").asDouble())
                    .isCloseTo(1000 / p50, within(1e-6 * 1000 / p50));
            seen.add(row.get("runtime").asText() + "@" + row.get("batch").asInt());
        }
        assertThat(seen).containsExactly("djl@1", "djl@4", "onnx@1", "onnx@4");
    }

    @Test
    @Tag("engine")
    void a_model_artifact_folder_runs_on_both_runtimes(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        // regression: with ONNX Runtime the preferred runtime of folders, bench took an artifact
        // folder for an exported one and looked for model.onnx in it
        var spec = ModelZoo.build("student-10", 32);
        var manifest =
                new org.deepfakeedge.artifact.ArtifactManifest(
                        org.deepfakeedge.artifact.ArtifactManifest.SCHEMA_VERSION,
                        "trained",
                        spec,
                        org.deepfakeedge.artifact.Preprocessing.defaults(32),
                        List.of("real", "fake"),
                        0.5,
                        List.of(),
                        null,
                        org.deepfakeedge.provenance.Provenance.NONE);
        java.nio.file.Path dir = tmp.resolve("m");
        org.deepfakeedge.artifact.ModelArtifact.save(
                dir, manifest, org.deepfakeedge.model.WeightInit.pytorchDefault(spec, 3));
        Object[] r =
                CliTest.run(
                        "bench",
                        "--model",
                        dir.toString(),
                        "--runtime",
                        "both",
                        "--warmup",
                        "0",
                        "--iterations",
                        "2",
                        "--threads",
                        "1",
                        "--json");
        assertThat(r[0]).as("stderr: %s", r[2]).isEqualTo(0);
        List<String> runtimes = new ArrayList<>();
        Json.MAPPER
                .readTree((String) r[1])
                .get("results")
                .forEach(row -> runtimes.add(row.get("runtime").asText()));
        assertThat(runtimes).containsExactly("djl", "onnx");
    }

    @ParameterizedTest
    @CsvSource({
        "--compare, student-20, drop --compare",
        "--batch, '1,8', drop --batch",
        "--train, '', give one of them"
    })
    void explain_refuses_what_it_does_not_measure(String option, String value, String message) {
        List<String> args =
                new ArrayList<>(List.of("bench", "--model", "student-10", "--explain", option));
        if (!value.isEmpty()) {
            args.add(value);
        }
        Object[] r = CliTest.run(args.toArray(String[]::new));
        assertThat(r[0]).isEqualTo(ExitCodes.INVALID_INPUT);
        String err = ((String) r[2]).strip();
        assertThat(err).doesNotContain("\n").startsWith("error:").contains(message);
    }

    @Test
    @Tag("engine")
    void a_tiny_explain_bench_reports_grad_cam_and_occlusion_against_a_forward_pass()
            throws Exception {
        Object[] r =
                CliTest.run(
                        "bench",
                        "--model",
                        "student-10",
                        "--image-size",
                        "32",
                        "--explain",
                        "--warmup",
                        "0",
                        "--iterations",
                        "2",
                        "--threads",
                        "1",
                        "--json");
        assertThat(r[0]).as("stderr: %s", r[2]).isEqualTo(0);
        JsonNode o = Json.MAPPER.readTree((String) r[1]);
        assertThat(o.get("cpu").get("flags").isArray()).isTrue();
        assertThat(o.get("image_size").asInt()).isEqualTo(32);
        JsonNode forward = o.get("forward");
        JsonNode cam = o.get("grad_cam");
        JsonNode occ = o.get("occlusion");
        assertThat(forward.get("runtime").asText()).isEqualTo("djl");
        assertThat(cam.get("runtime").asText()).isEqualTo("djl");
        assertThat(cam.get("forward_passes").asInt()).isEqualTo(1);
        assertThat(cam.get("layer").asText()).isEqualTo("relu5");
        assertThat(cam.get("feature_shape").asText()).isEqualTo("[64×2×2]");
        assertThat(cam.get("ratio_to_forward").asDouble())
                .isCloseTo(
                        cam.get("p50_ms").asDouble() / forward.get("p50_ms").asDouble(),
                        within(1e-9));
        assertThat(occ.get("runtime").asText()).isEqualTo("onnx");
        assertThat(occ.get("forward_passes").asInt()).isEqualTo(50);
        assertThat(occ.get("threads").asInt()).isEqualTo(1);
        assertThat(occ.get("ratio_to_forward").asDouble())
                .isCloseTo(
                        occ.get("p50_ms").asDouble() / occ.get("forward_p50_ms").asDouble(),
                        within(1e-9));
        for (JsonNode t : List.of(forward, cam, occ)) {
            assertThat(t.get("p50_ms").asDouble()).isPositive();
            assertThat(t.get("p95_ms").asDouble())
                    .isGreaterThanOrEqualTo(t.get("p50_ms").asDouble());
        }

        Object[] text =
                CliTest.run(
                        "bench",
                        "--model",
                        "student-10",
                        "--image-size",
                        "32",
                        "--explain",
                        "--runtime",
                        "djl",
                        "--warmup",
                        "0",
                        "--iterations",
                        "1",
                        "--threads",
                        "1");
        assertThat(text[0]).as("stderr: %s", text[2]).isEqualTo(0);
        String out = (String) text[1];
        assertThat(out).contains("CPU: ").contains("grad-cam").contains("× forward (50 forward");
        assertThat(out.lines().filter(l -> l.startsWith("forward")).count())
                .as("one shared forward row with --runtime djl")
                .isEqualTo(1);
    }
}
