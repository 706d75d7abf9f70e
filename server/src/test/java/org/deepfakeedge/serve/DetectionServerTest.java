package org.deepfakeedge.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.deepfakeedge.serve.MicroBatcherTest.await;
import static org.deepfakeedge.serve.ServeFixtures.encode;
import static org.deepfakeedge.serve.ServeFixtures.get;
import static org.deepfakeedge.serve.ServeFixtures.multipart;
import static org.deepfakeedge.serve.ServeFixtures.picture;
import static org.deepfakeedge.serve.ServeFixtures.post;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.data.Offset;
import org.deepfakeedge.provenance.Json;
import org.deepfakeedge.runtime.Detection;
import org.deepfakeedge.runtime.OrtDetector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service over real HTTP on a free loopback port, with an untrained model on ONNX Runtime
 * (scores are real, only meaningless). Overload and shutdown use a scorer gated by the test.
 */
class DetectionServerTest {
    @TempDir static Path tmp;
    static OrtDetector detector;
    static final ExecutorService CLIENTS = Executors.newCachedThreadPool();
    private final List<DetectionServer> servers = new ArrayList<>();

    @BeforeAll
    static void model() throws Exception {
        detector = ServeFixtures.untrainedDetector(tmp.resolve("m"));
    }

    @AfterAll
    static void closeModel() {
        detector.close();
        CLIENTS.shutdownNow();
    }

    @AfterEach
    void stopServers() {
        servers.forEach(DetectionServer::close);
    }

    private DetectionServer serve(org.deepfakeedge.runtime.Detector d, ServeConfig.Builder b) {
        DetectionServer s = DetectionServer.start(d, b.port(0).build());
        servers.add(s);
        return s;
    }

    private static URI at(DetectionServer s, String path) {
        return s.uri().resolve(path);
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.MAPPER.readTree(r.body());
    }

    @Test
    void detect_gives_the_detectors_scores_for_raw_and_multipart_bodies() throws Exception {
        DetectionServer s = serve(detector, ServeConfig.builder());
        for (long seed = 1; seed <= 3; seed++) {
            BufferedImage img = picture(40 + (int) seed, 50, seed);
            Detection want = detector.detect(img);
            for (String format : List.of("png", "jpeg")) {
                byte[] bytes = encode(img, format);
                Detection wantDecoded =
                        detector.detect(org.deepfakeedge.data.ImageDecoder.read(bytes, "x"));
                HttpResponse<String> r = post(at(s, "/v1/detect"), "image/" + format, bytes);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                JsonNode j = json(r);
                assertThat(j.path("p_fake").asDouble())
                        .isCloseTo(wantDecoded.pFake(), Offset.offset(1e-5));
                assertThat(j.path("label").asText()).isEqualTo(wantDecoded.label());
                assertThat(j.path("threshold").asDouble()).isEqualTo(0.5);
                assertThat(j.path("model").asText()).isEqualTo("m");
                assertThat(j.path("latency_ms").asDouble()).isPositive();
                if (format.equals("png")) { // lossless: the very image the detector judged
                    assertThat(j.path("p_fake").asDouble())
                            .isCloseTo(want.pFake(), Offset.offset(1e-5));
                    Object[] mp = multipart(Map.of("photo.png", bytes));
                    JsonNode viaMultipart =
                            json(post(at(s, "/v1/detect"), (String) mp[0], (byte[]) mp[1]));
                    assertThat(viaMultipart.path("p_fake").asDouble())
                            .isCloseTo(want.pFake(), Offset.offset(1e-5));
                }
            }
        }
    }

    @Test
    void an_unsure_band_labels_the_images_inside_it_and_must_hold_the_threshold() throws Exception {
        // [0, 1) holds every score below 1: the untrained model's images all land in it
        var band = new org.deepfakeedge.eval.UnsureBand(0, 1);
        DetectionServer s =
                serve(
                        detector,
                        ServeConfig.builder()
                                .scoring(ServeConfig.defaults().scoring().withUnsure(band)));
        for (long seed = 1; seed <= 3; seed++) {
            BufferedImage img = picture(32, 32, seed);
            Detection want = detector.detect(img);
            JsonNode j = json(post(at(s, "/v1/detect"), "image/png", encode(img, "png")));
            assertThat(j.path("p_fake").asDouble()).isCloseTo(want.pFake(), Offset.offset(1e-5));
            assertThat(j.path("label").asText())
                    .isEqualTo(j.path("p_fake").asDouble() >= 1 ? "fake" : "unsure");
        }
        assertThat(s.metrics().count("images_total", "label", "unsure")).isEqualTo(3);
        var outside = new org.deepfakeedge.eval.UnsureBand(0.6, 0.9); // threshold 0.5
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () ->
                                serve(
                                        detector,
                                        ServeConfig.builder()
                                                .scoring(
                                                        ServeConfig.defaults()
                                                                .scoring()
                                                                .withUnsure(outside))))
                .isInstanceOf(org.deepfakeedge.InvalidInputException.class)
                .hasMessageContaining("must contain the model's threshold 0.5000");
    }

    @Test
    void batch_endpoint_judges_every_part_in_order() throws Exception {
        DetectionServer s = serve(detector, ServeConfig.builder());
        Map<String, byte[]> files = new LinkedHashMap<>();
        List<Detection> want = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            BufferedImage img = picture(32, 32, 100 + i);
            files.put("img" + i + ".png", encode(img, "png"));
            want.add(detector.detect(img));
        }
        Object[] mp = multipart(files);
        HttpResponse<String> r = post(at(s, "/v1/detect/batch"), (String) mp[0], (byte[]) mp[1]);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode results = json(r).path("results");
        assertThat(results).hasSize(5);
        for (int i = 0; i < 5; i++) {
            assertThat(results.get(i).path("name").asText()).isEqualTo("img" + i + ".png");
            assertThat(results.get(i).path("p_fake").asDouble())
                    .isCloseTo(want.get(i).pFake(), Offset.offset(1e-5));
        }
        assertThat(
                        s.metrics().count("images_total", "label", "real")
                                + s.metrics().count("images_total", "label", "fake"))
                .isEqualTo(5);
    }

    @Test
    void every_kind_of_bad_body_gets_a_json_4xx_and_the_server_keeps_serving() throws Exception {
        DetectionServer s =
                serve(detector, ServeConfig.builder().maxImageBytes(20_000).maxPixels(200 * 200));
        byte[] png = encode(picture(32, 32, 5), "png");
        URI detect = at(s, "/v1/detect");
        Map<String, Object[]> cases = new LinkedHashMap<>();
        cases.put("empty", new Object[] {400, post(detect, "image/png", new byte[0])});
        cases.put(
                "not an image",
                new Object[] {400, post(detect, "image/jpeg", "hello, not a picture".getBytes())});
        cases.put(
                "truncated",
                new Object[] {400, post(detect, "image/png", Arrays.copyOf(png, png.length / 2))});
        cases.put(
                "too many bytes",
                new Object[] {413, post(detect, "application/octet-stream", new byte[20_001])});
        cases.put(
                "too many pixels",
                new Object[] {
                    413,
                    post(
                            detect,
                            "image/png",
                            encode(new BufferedImage(300, 300, BufferedImage.TYPE_INT_RGB), "png"))
                });
        cases.put(
                "wrong content type",
                new Object[] {415, post(detect, "application/json", "{}".getBytes())});
        Object[] two = multipart(Map.of("a.png", png, "b.png", png));
        cases.put(
                "two images to /v1/detect",
                new Object[] {400, post(detect, (String) two[0], (byte[]) two[1])});
        Object[] emptyPart = multipart(Map.of("a.png", new byte[0]));
        cases.put(
                "empty multipart part",
                new Object[] {400, post(detect, (String) emptyPart[0], (byte[]) emptyPart[1])});
        Object[] bigPart = multipart(Map.of("big.png", new byte[30_000]));
        cases.put(
                "oversized multipart part",
                new Object[] {413, post(detect, (String) bigPart[0], (byte[]) bigPart[1])});
        cases.put(
                "garbled multipart",
                new Object[] {
                    400,
                    post(detect, "multipart/form-data; boundary=zzz", "no parts here".getBytes())
                });
        Object[] badInBatch =
                multipart(
                        new LinkedHashMap<>(
                                Map.of("good.png", png, "broken.png", Arrays.copyOf(png, 40))));
        cases.put(
                "one bad image in a batch",
                new Object[] {
                    400,
                    post(at(s, "/v1/detect/batch"), (String) badInBatch[0], (byte[]) badInBatch[1])
                });
        cases.put(
                "raw body to batch",
                new Object[] {415, post(at(s, "/v1/detect/batch"), "image/png", png)});
        cases.put("unknown route", new Object[] {404, get(at(s, "/v2/nothing"))});
        cases.put("wrong method", new Object[] {405, get(detect)});
        for (var c : cases.entrySet()) {
            @SuppressWarnings("unchecked")
            HttpResponse<String> r = (HttpResponse<String>) c.getValue()[1];
            int want = (Integer) c.getValue()[0];
            assertThat(r.statusCode()).as("%s: %s", c.getKey(), r.body()).isEqualTo(want);
            assertThat(r.headers().firstValue("Content-Type"))
                    .as(c.getKey())
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            JsonNode j = json(r);
            assertThat(j.path("status").asInt()).as(c.getKey()).isEqualTo(want);
            assertThat(j.path("error").asText()).as(c.getKey()).isNotBlank().doesNotContain("\n");
        }
        @SuppressWarnings("unchecked")
        HttpResponse<String> batch =
                (HttpResponse<String>) cases.get("one bad image in a batch")[1];
        assertThat(json(batch).path("error").asText())
                .as("the bad part is named")
                .contains("broken.png");
        assertThat(post(detect, "image/png", png).statusCode()).isEqualTo(200);
        assertThat(get(at(s, "/health")).statusCode()).isEqualTo(200);
        assertThat(s.metrics().count("http_errors_total", "reason", "bad_image")).isEqualTo(3);
        assertThat(s.metrics().count("http_errors_total", "reason", "too_large")).isEqualTo(3);
        assertThat(s.metrics().count("http_errors_total", "reason", "unsupported_media_type"))
                .isEqualTo(2);
    }

    @Test
    void with_an_api_key_requests_without_it_get_401_and_health_stays_open() throws Exception {
        DetectionServer s = serve(detector, ServeConfig.builder().apiKey(ApiKey.of("k3y")));
        byte[] png = encode(picture(32, 32, 9), "png");
        HttpResponse<String> none = post(at(s, "/v1/detect"), "image/png", png);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(json(none).path("status").asInt()).isEqualTo(401);
        assertThat(
                        post(at(s, "/v1/detect"), "image/png", png, "Authorization", "Bearer nope")
                                .statusCode())
                .isEqualTo(401);
        assertThat(get(at(s, "/v1/models")).statusCode()).isEqualTo(401);
        assertThat(get(at(s, "/metrics")).statusCode()).isEqualTo(401);
        assertThat(
                        post(at(s, "/v1/detect"), "image/png", png, "Authorization", "Bearer k3y")
                                .statusCode())
                .isEqualTo(200);
        assertThat(post(at(s, "/v1/detect"), "image/png", png, "X-API-Key", "k3y").statusCode())
                .isEqualTo(200);
        assertThat(get(at(s, "/health")).statusCode()).isEqualTo(200);
        assertThat(s.metrics().count("http_errors_total", "reason", "unauthorized")).isEqualTo(4);
    }

    @Test
    void a_full_queue_answers_429_with_retry_after_and_the_queued_requests_still_finish()
            throws Exception {
        ServeFixtures.GatedDetector gated = new ServeFixtures.GatedDetector(detector);
        DetectionServer s =
                serve(
                        gated,
                        ServeConfig.builder()
                                .queueCapacity(2)
                                .maxBatch(1)
                                .maxWait(java.time.Duration.ZERO));
        byte[] png = encode(picture(32, 32, 3), "png");
        URI detect = at(s, "/v1/detect");
        List<Future<HttpResponse<String>>> accepted = new ArrayList<>();
        accepted.add(CLIENTS.submit(() -> post(detect, "image/png", png)));
        gated.awaitEntered(); // the worker is scoring request 1
        accepted.add(CLIENTS.submit(() -> post(detect, "image/png", png)));
        accepted.add(CLIENTS.submit(() -> post(detect, "image/png", png)));
        await(() -> s.queueDepth() == 2);

        HttpResponse<String> rejected = post(detect, "image/png", png);
        assertThat(rejected.statusCode()).isEqualTo(429);
        assertThat(rejected.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(json(rejected).path("error").asText()).contains("queue full");
        JsonNode health = json(get(at(s, "/health")));
        assertThat(health.path("queue_depth").asInt()).isEqualTo(2);
        Map<String, Double> m = PrometheusText.parse(get(at(s, "/metrics")).body());
        assertThat(m.get("deepfake_edge_queue_depth")).isEqualTo(2.0);
        assertThat(m.get("deepfake_edge_requests_in_flight")).isEqualTo(3.0);

        gated.gate.release(100);
        for (Future<HttpResponse<String>> f : accepted) {
            assertThat(f.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        assertThat(s.metrics().count("http_requests_total", "route", "/v1/detect", "status", "429"))
                .isEqualTo(1);
        assertThat(s.metrics().count("http_requests_total", "route", "/v1/detect", "status", "200"))
                .isEqualTo(3);
        assertThat(s.metrics().count("http_errors_total", "reason", "queue_full")).isEqualTo(1);
    }

    @Test
    void close_finishes_requests_in_flight_and_turns_new_ones_away_with_503() throws Exception {
        ServeFixtures.GatedDetector gated = new ServeFixtures.GatedDetector(detector);
        DetectionServer s =
                DetectionServer.start(
                        gated, ServeConfig.builder().port(0).queueCapacity(8).maxBatch(2).build());
        byte[] png = encode(picture(32, 32, 4), "png");
        URI detect = at(s, "/v1/detect");
        List<Future<HttpResponse<String>>> inFlight = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            inFlight.add(CLIENTS.submit(() -> post(detect, "image/png", png)));
        }
        gated.awaitEntered();
        await(() -> s.requestsInFlight() == 4);
        CompletableFuture<Void> closing = CompletableFuture.runAsync(s::close);
        await(
                () -> {
                    try {
                        return get(at(s, "/health")).statusCode() == 503;
                    } catch (Exception e) {
                        return false;
                    }
                });
        HttpResponse<String> late = post(detect, "image/png", png);
        assertThat(late.statusCode()).isEqualTo(503);
        assertThat(json(late).path("error").asText()).contains("shutting down");
        assertThat(closing).as("close waits for the requests in flight").isNotDone();

        gated.gate.release(100);
        for (Future<HttpResponse<String>> f : inFlight) {
            HttpResponse<String> r = f.get(60, TimeUnit.SECONDS);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        }
        closing.get(60, TimeUnit.SECONDS);
        assertThat(s.requestsInFlight()).isZero();
    }

    @Test
    void models_health_and_metrics_describe_the_service() throws Exception {
        DetectionServer s = serve(detector, ServeConfig.builder());
        JsonNode models = json(get(at(s, "/v1/models"))).path("models");
        assertThat(models).hasSize(1);
        JsonNode m = models.get(0);
        assertThat(m.path("name").asText()).isEqualTo("m");
        assertThat(m.path("arch").asText()).isEqualTo("student-10");
        assertThat(m.path("threshold").asDouble()).isEqualTo(0.5);
        assertThat(m.path("size_bytes").asLong()).isEqualTo(detector.bytesOnDisk());
        assertThat(m.path("runtime").asText()).isEqualTo("onnx");
        assertThat(m.has("history")).isTrue();
        assertThat(m.has("metrics")).isTrue();
        JsonNode health = json(get(at(s, "/health")));
        assertThat(health.path("status").asText()).isEqualTo("ok");
        assertThat(health.path("threads").asInt()).isEqualTo(detector.threads()).isPositive();

        byte[] png = encode(picture(32, 32, 1), "png");
        for (int i = 0; i < 3; i++) {
            post(at(s, "/v1/detect"), "image/png", png);
        }
        post(at(s, "/v1/detect"), "image/png", new byte[0]);
        HttpResponse<String> metrics = get(at(s, "/metrics"));
        assertThat(metrics.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        Map<String, Double> p = PrometheusText.parse(metrics.body());
        assertThat(p.get("deepfake_edge_http_requests_total{route=\"/v1/detect\",status=\"200\"}"))
                .isEqualTo(3.0);
        assertThat(p.get("deepfake_edge_http_requests_total{route=\"/v1/detect\",status=\"400\"}"))
                .isEqualTo(1.0);
        assertThat(p.get("deepfake_edge_http_requests_total{route=\"/v1/models\",status=\"200\"}"))
                .isEqualTo(1.0);
        assertThat(p.get("deepfake_edge_http_errors_total{reason=\"empty_body\"}")).isEqualTo(1.0);
        assertThat(p.get("deepfake_edge_http_request_duration_seconds_count{route=\"/v1/detect\"}"))
                .isEqualTo(4.0);
        assertThat(p.get("deepfake_edge_batch_size_images_count")).isEqualTo(3.0);
        assertThat(p.get("deepfake_edge_queue_depth")).isEqualTo(0.0);
        assertThat(p.get("deepfake_edge_queue_capacity")).isEqualTo(32.0);
    }
}
