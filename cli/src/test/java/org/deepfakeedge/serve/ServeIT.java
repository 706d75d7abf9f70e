package org.deepfakeedge.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.deepfakeedge.data.synth.ProgressListener;
import org.deepfakeedge.data.synth.SynthSpec;
import org.deepfakeedge.data.synth.SyntheticDatasets;
import org.deepfakeedge.provenance.Json;
import org.deepfakeedge.runtime.Detector;
import org.deepfakeedge.workflow.PipelineIT;
import org.deepfakeedge.workflow.PipelineIT.Run;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service end to end with a model trained through the command line: it must give the same
 * verdicts as {@code predict}, and the load test must run against it and agree with its metrics.
 */
class ServeIT {
    static final int SIZE = 64;
    @TempDir static Path tmp;
    static Path data;
    static Path model;
    static Detector detector;
    static DetectionServer server;

    @BeforeAll
    static void trainAndServe() throws Exception {
        data = tmp.resolve("data");
        model = tmp.resolve("model");
        SyntheticDatasets.write(
                new SynthSpec(SIZE, 120, 5, "checkerboard", 0.2, 0.2), data, ProgressListener.NONE);
        // a short training run: the service must reproduce predict's scores, however good they are
        Run train =
                PipelineIT.cli(
                        "train",
                        "--data",
                        data.toString(),
                        "--arch",
                        "student-10",
                        "--image-size",
                        String.valueOf(SIZE),
                        "--epochs",
                        "1",
                        "--max-batches",
                        "3",
                        "--seed",
                        "2",
                        "--out",
                        model.toString(),
                        "--json");
        assertThat(train.code()).as("stderr: %s", train.err()).isZero();
        detector = Detector.load(model);
        server = DetectionServer.start(detector, ServeConfig.builder().port(0).build());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (detector != null) {
            detector.close();
        }
    }

    static Path first(String dir) throws Exception {
        try (var s = Files.walk(data.resolve("test").resolve(dir))) {
            return s.filter(Files::isRegularFile).sorted().findFirst().orElseThrow();
        }
    }

    @Test
    void a_real_and_a_fake_image_get_the_same_verdict_as_predict() throws Exception {
        for (Path img : new Path[] {first("real"), first("fake")}) {
            Run pr = PipelineIT.cli("predict", "--model", model.toString(), img.toString());
            assertThat(pr.code()).as("stderr: %s", pr.err()).isZero();
            JsonNode want = Json.MAPPER.readTree(pr.out());
            HttpResponse<String> r =
                    ServeFixtures.post(
                            server.uri().resolve("/v1/detect"),
                            "image/png",
                            Files.readAllBytes(img));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode got = Json.MAPPER.readTree(r.body());
            assertThat(got.path("p_fake").asDouble())
                    .as(img.toString())
                    .isCloseTo(want.path("p_fake").asDouble(), Offset.offset(1e-6));
            assertThat(got.path("label").asText()).isEqualTo(want.path("label").asText());
            assertThat(got.path("threshold").asDouble())
                    .isEqualTo(want.path("threshold").asDouble());
            assertThat(got.path("model").asText()).isEqualTo("model");
        }
        JsonNode info =
                Json.MAPPER
                        .readTree(ServeFixtures.get(server.uri().resolve("/v1/models")).body())
                        .path("models")
                        .get(0);
        assertThat(info.path("history").get(0).path("method").asText()).isEqualTo("train");
        assertThat(info.path("metrics").has("roc_auc")).isTrue();
        assertThat(info.path("size_bytes").asLong())
                .isEqualTo(
                        Files.size(model.resolve("weights.bin"))
                                + Files.size(model.resolve("model.json")));
    }

    @Test
    void the_load_test_runs_against_the_service_and_matches_its_metrics() throws Exception {
        long before =
                server.metrics()
                        .count("http_requests_total", "route", "/v1/detect", "status", "200");
        LoadTest.Report r =
                LoadTest.run(
                        new LoadTest.Spec(
                                server.uri(),
                                first("fake"),
                                60,
                                4,
                                Duration.ofSeconds(300),
                                5,
                                null));
        assertThat(r.requests()).isEqualTo(60);
        assertThat(r.statuses()).isEqualTo(Map.of(200, 60));
        assertThat(r.failures()).isZero();
        assertThat(r.p50()).isPositive().isLessThanOrEqualTo(r.p95());
        assertThat(r.p95()).isLessThanOrEqualTo(r.p99());
        assertThat(r.p99()).isLessThanOrEqualTo(r.max());
        long after =
                server.metrics()
                        .count("http_requests_total", "route", "/v1/detect", "status", "200");
        assertThat(after - before).as("probe + warm-up + timed requests").isEqualTo(1 + 5 + 60);

        Run cmd =
                PipelineIT.cli(
                        "loadtest",
                        "--url",
                        server.uri().toString(),
                        "--image",
                        first("real").toString(),
                        "--requests",
                        "20",
                        "--concurrency",
                        "2",
                        "--warmup",
                        "0",
                        "--json");
        assertThat(cmd.code()).as("stderr: %s", cmd.err()).isZero();
        JsonNode j = Json.MAPPER.readTree(cmd.out());
        assertThat(j.path("ok").asInt()).isEqualTo(20);
        assertThat(j.path("throughput_rps").asDouble()).isPositive();
        assertThat(j.path("latency_ms").has("p99")).isTrue();

        Run far =
                PipelineIT.cli(
                        "loadtest",
                        "--url",
                        "http://192.0.2.1:8080",
                        "--image",
                        first("real").toString());
        assertThat(far.code()).isEqualTo(2);
        assertThat(far.err()).contains("not a loopback address");
    }
}
