package org.deepfakeedge.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.deepfakeedge.serve.ServeFixtures.encode;
import static org.deepfakeedge.serve.ServeFixtures.multipart;
import static org.deepfakeedge.serve.ServeFixtures.picture;
import static org.deepfakeedge.serve.ServeFixtures.post;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.assertj.core.data.Offset;
import org.deepfakeedge.data.ImageDecoder;
import org.deepfakeedge.explain.Heatmap;
import org.deepfakeedge.faces.Face;
import org.deepfakeedge.faces.FaceCrop;
import org.deepfakeedge.faces.FaceDetector;
import org.deepfakeedge.provenance.Json;
import org.deepfakeedge.runtime.Detector;
import org.deepfakeedge.runtime.OrtDetector;
import org.deepfakeedge.scan.ScanOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /v1/explain} over real HTTP: the heatmap PNG equals the detector's own map, the JSON
 * answer places every map (the whole image, or each face crop), and explanations never hold up
 * detection (their own permits, refused while the detection queue is half full).
 */
class ExplainEndpointTest {
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
        CLIENTS.shutdownNow();
        detector.close();
    }

    @AfterEach
    void stopServers() {
        servers.forEach(DetectionServer::close);
    }

    private DetectionServer serve(Detector d, ServeConfig.Builder b) {
        DetectionServer s = DetectionServer.start(d, b.port(0).build());
        servers.add(s);
        return s;
    }

    private static URI explain(DetectionServer s) {
        return s.uri().resolve("/v1/explain");
    }

    private static HttpResponse<byte[]> postBytes(URI uri, String type, byte[] body, String... h)
            throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(60))
                        .header("Content-Type", type)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < h.length; i += 2) {
            b.header(h[i], h[i + 1]);
        }
        return ServeFixtures.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.MAPPER.readTree(r.body());
    }

    private static BufferedImage png(byte[] bytes) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(bytes));
    }

    private static int[] argb(BufferedImage img) {
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }

    @Test
    void the_png_answer_is_the_detectors_heatmap_over_the_whole_image() throws Exception {
        DetectionServer s = serve(detector, ServeConfig.builder());
        BufferedImage img = picture(48, 30, 5);
        byte[] body = encode(img, "png");
        HttpResponse<byte[]> r = postBytes(explain(s), "image/png", body);
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(r.headers().firstValue("X-Heatmap-Region")).hasValue("0,0,48,30");
        assertThat(r.headers().firstValue("X-Heatmap-Method")).hasValue("occlusion");
        assertThat(r.headers().firstValue("X-Heatmap-Forward-Passes")).hasValue("50");
        assertThat(r.headers().firstValue("X-Image-Size")).hasValue("48x30");
        BufferedImage decoded = ImageDecoder.read(body, "img", Long.MAX_VALUE);
        Heatmap want = detector.explain(decoded);
        assertThat(Double.parseDouble(r.headers().firstValue("X-P-Fake").orElseThrow()))
                .isCloseTo(detector.detect(decoded).pFake(), Offset.offset(1e-6));
        BufferedImage map = png(r.body());
        assertThat(map.getWidth()).isEqualTo(32).isEqualTo(map.getHeight());
        assertThat(argb(map)).containsExactly(argb(png(HeatmapPng.encode(want))));
        assertThat(
                        s.metrics()
                                .count(
                                        "http_requests_total",
                                        "route",
                                        "/v1/explain",
                                        "status",
                                        "200"))
                .isEqualTo(1);
    }

    @Test
    void the_json_answer_has_the_verdict_and_the_map_as_a_data_url() throws Exception {
        DetectionServer s = serve(detector, ServeConfig.builder());
        byte[] body = encode(picture(32, 32, 8), "png");
        Object[] form = multipart(Map.of("photo.png", body));
        HttpResponse<String> r =
                post(explain(s), (String) form[0], (byte[]) form[1], "Accept", "application/json");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode j = json(r);
        double detect =
                json(post(s.uri().resolve("/v1/detect"), "image/png", body))
                        .path("p_fake")
                        .asDouble();
        assertThat(j.path("p_fake").asDouble()).isCloseTo(detect, Offset.offset(1e-6));
        assertThat(j.path("label").asText()).isIn("real", "fake");
        assertThat(j.path("method").asText()).isEqualTo("occlusion");
        assertThat(j.path("forward_passes").asInt()).isEqualTo(50);
        assertThat(j.path("image").path("width").asInt()).isEqualTo(32);
        assertThat(j.has("faces")).as("faces are off").isFalse();
        JsonNode m = j.path("heatmaps").get(0);
        assertThat(m.path("region").toString()).isEqualTo("[0,0,32,32]");
        assertThat(m.path("size").asInt()).isEqualTo(32);
        String url = m.path("png").asText();
        assertThat(url).startsWith("data:image/png;base64,");
        BufferedImage map = png(Base64.getDecoder().decode(url.substring(url.indexOf(',') + 1)));
        assertThat(map.getWidth()).isEqualTo(32);
    }

    @Test
    void with_faces_each_face_crop_is_explained_where_it_was_cut() throws Exception {
        ScanOptions faces =
                ScanOptions.defaults().withFaces(ScanOptions.FaceMode.AUTO).withThreads(1);
        DetectionServer s = serve(detector, ServeConfig.builder().scoring(faces));
        byte[] photo;
        try (InputStream in =
                getClass().getResourceAsStream("/org/deepfakeedge/faces/photos/astronaut.jpg")) {
            photo = in.readAllBytes();
        }
        HttpResponse<String> r =
                post(explain(s), "image/jpeg", photo, "Accept", "application/json");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode j = json(r);
        JsonNode d = json(post(s.uri().resolve("/v1/detect"), "image/jpeg", photo));
        assertThat(j.path("faces").asInt()).isEqualTo(d.path("faces").asInt()).isPositive();
        assertThat(j.path("no_face").asBoolean()).isFalse();
        assertThat(j.path("p_fake").asDouble())
                .isCloseTo(d.path("p_fake").asDouble(), Offset.offset(1e-6));
        BufferedImage image = ImageDecoder.read(photo, "astronaut.jpg", Long.MAX_VALUE);
        List<Face> found;
        try (FaceDetector fd = FaceDetector.open(faces.faceDetectorOptions())) {
            found = fd.detect(image);
        }
        FaceCrop crop = new FaceCrop(32).withMargin(faces.faceMargin());
        JsonNode maps = j.path("heatmaps");
        assertThat(maps.size()).isEqualTo(Math.min(Explanations.MAX_FACES, found.size()));
        double previous = 1;
        for (JsonNode m : maps) {
            assertThat(m.path("p_fake").asDouble()).isLessThanOrEqualTo(previous);
            previous = m.path("p_fake").asDouble();
            JsonNode box = m.path("face").path("box");
            Face f =
                    found.stream()
                            .filter(x -> Math.abs(x.box().x() - box.get(0).asDouble()) < 0.051)
                            .findFirst()
                            .orElseThrow();
            Rectangle want = crop.region(f.box(), image.getWidth(), image.getHeight());
            assertThat(m.path("region").toString())
                    .isEqualTo(
                            "["
                                    + want.x
                                    + ","
                                    + want.y
                                    + ","
                                    + want.width
                                    + ","
                                    + want.height
                                    + "]");
        }
        assertThat(j.path("forward_passes").asInt()).isEqualTo(50 * maps.size());
    }

    @Test
    void a_busy_explainer_answers_429_while_detection_goes_on() throws Exception {
        SlowExplain slow = new SlowExplain(detector);
        DetectionServer s = serve(slow, ServeConfig.builder());
        byte[] body = encode(picture(32, 32, 2), "png");
        Future<HttpResponse<String>> first =
                CLIENTS.submit(() -> post(explain(s), "image/png", body));
        assertThat(slow.entered.await(30, TimeUnit.SECONDS)).isTrue();
        HttpResponse<String> second = post(explain(s), "image/png", body);
        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(second.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(json(second).path("error").asText()).contains("--max-explain-jobs");
        assertThat(post(s.uri().resolve("/v1/detect"), "image/png", body).statusCode())
                .as("detection does not wait for the heatmap")
                .isEqualTo(200);
        slow.release.countDown();
        assertThat(first.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(s.metrics().count("http_errors_total", "reason", "explain_busy")).isEqualTo(1);
    }

    @Test
    void explanations_wait_while_the_detection_queue_is_half_full() throws Exception {
        ServeFixtures.GatedDetector gated = new ServeFixtures.GatedDetector(detector);
        DetectionServer s =
                serve(
                        gated,
                        ServeConfig.builder().queueCapacity(2).maxBatch(1).maxWait(Duration.ZERO));
        byte[] body = encode(picture(32, 32, 3), "png");
        URI detect = s.uri().resolve("/v1/detect");
        List<Future<HttpResponse<String>>> queued = new ArrayList<>();
        queued.add(CLIENTS.submit(() -> post(detect, "image/png", body)));
        gated.awaitEntered();
        queued.add(CLIENTS.submit(() -> post(detect, "image/png", body)));
        queued.add(CLIENTS.submit(() -> post(detect, "image/png", body)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (s.queueDepth() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        HttpResponse<String> r = post(explain(s), "image/png", body);
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(json(r).path("error").asText()).contains("detection comes first");
        gated.gate.release(1000);
        for (Future<HttpResponse<String>> f : queued) {
            assertThat(f.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void explain_refuses_what_detect_refuses_and_videos() throws Exception {
        DetectionServer s =
                serve(detector, ServeConfig.builder().maxImageBytes(5_000).apiKey(ApiKey.of("k")));
        byte[] png = encode(picture(16, 16, 1), "png");
        assertThat(post(explain(s), "image/png", png).statusCode()).isEqualTo(401);
        String[] key = {"X-API-Key", "k"};
        assertThat(post(explain(s), "image/png", "nope".getBytes(), key).statusCode())
                .isEqualTo(400);
        assertThat(post(explain(s), "image/png", new byte[6_000], key).statusCode()).isEqualTo(413);
        assertThat(post(explain(s), "application/json", "{}".getBytes(), key).statusCode())
                .isEqualTo(415);
        byte[] mp4 = {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 0, 0};
        HttpResponse<String> video = post(explain(s), "video/mp4", mp4, key);
        assertThat(video.statusCode()).isEqualTo(415);
        assertThat(json(video).path("error").asText()).contains("/v1/detect");
        assertThat(post(explain(s), "image/png", png, key).statusCode()).isEqualTo(200);
    }

    /** A detector whose explain waits for the test: an explanation provably in progress. */
    static final class SlowExplain extends ServeFixtures.ForwardingDetector {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        SlowExplain(Detector inner) {
            super(inner);
        }

        @Override
        public Heatmap explain(BufferedImage image) {
            entered.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return inner.explain(image);
        }
    }
}
