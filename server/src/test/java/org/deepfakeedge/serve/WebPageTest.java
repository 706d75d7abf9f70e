package org.deepfakeedge.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.deepfakeedge.serve.ServeFixtures.encode;
import static org.deepfakeedge.serve.ServeFixtures.get;
import static org.deepfakeedge.serve.ServeFixtures.post;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deepfakeedge.provenance.Json;
import org.deepfakeedge.runtime.Detector;
import org.deepfakeedge.runtime.OrtDetector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web page over HTTP, without a browser: what its first load fetches and weighs, its security
 * headers, and the model card's data ({@code /v1/models}, {@code /v1/models/NAME/metrics}). The
 * browser itself is tested by {@code WebPageIT}.
 */
class WebPageTest {
    /** The budget for everything the page loads before the user does anything. */
    static final int FIRST_LOAD_BUDGET = 200_000;

    private static final Pattern LINKED = Pattern.compile("(?:href|src)=\"(/web/[^\"]+)\"");
    private static final Pattern IMPORTED =
            Pattern.compile("(?:from|import)\\s*\"\\./([A-Za-z0-9_.-]+\\.js)\"");

    @TempDir static Path tmp;
    static Detector probe;
    static DetectionServer server;
    static final String KEY = "s3cret";

    @BeforeAll
    static void serve() throws Exception {
        probe = Detector.load(ProbeModel.write(tmp.resolve("probe")));
        server =
                DetectionServer.start(
                        probe, ServeConfig.builder().port(0).apiKey(ApiKey.of(KEY)).build());
    }

    @AfterAll
    static void stop() {
        server.close();
        probe.close();
    }

    private static HttpResponse<byte[]> fetch(String path, String... headers) throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(server.uri().resolve(path))
                        .timeout(Duration.ofSeconds(30))
                        .GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return ServeFixtures.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /**
     * Everything the page's first load fetches: the HTML, what it links ({@code href}, {@code src})
     * and, transitively, what the ES modules import, by path with its bytes.
     */
    static Map<String, byte[]> firstLoad() throws Exception {
        Map<String, byte[]> loaded = new LinkedHashMap<>();
        Deque<String> todo = new ArrayDeque<>();
        todo.add("/");
        while (!todo.isEmpty()) {
            String path = todo.poll();
            if (loaded.containsKey(path)) {
                continue;
            }
            HttpResponse<byte[]> r = fetch(path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            loaded.put(path, r.body());
            String text = new String(r.body(), StandardCharsets.UTF_8);
            Matcher m = (path.endsWith(".js") ? IMPORTED : LINKED).matcher(text);
            while (m.find()) {
                todo.add(path.endsWith(".js") ? "/web/" + m.group(1) : m.group(1));
            }
        }
        return loaded;
    }

    @Test
    void the_first_load_is_small_complete_and_from_this_service_only() throws Exception {
        Map<String, byte[]> loaded = firstLoad();
        long total = loaded.values().stream().mapToLong(b -> b.length).sum();
        System.out.println(
                "web page first load: "
                        + total
                        + " bytes in "
                        + loaded.size()
                        + " files: "
                        + loaded.keySet());
        assertThat(total).isLessThan(FIRST_LOAD_BUDGET);
        assertThat(loaded.keySet())
                .as("every file of the page is loaded, none is missing")
                .containsExactlyInAnyOrderElementsOf(
                        WebPage.FILES.stream()
                                .map(f -> f.equals("index.html") ? "/" : "/web/" + f)
                                .toList());
        for (var e : loaded.entrySet()) {
            String text =
                    new String(e.getValue(), StandardCharsets.UTF_8)
                            .replace(
                                    "http://www.w3.org/2000/svg", ""); // a namespace, never fetched
            assertThat(text)
                    .as(e.getKey())
                    .doesNotContainPattern("https?://")
                    .doesNotContain("\"//");
        }
        String html = new String(loaded.get("/"), StandardCharsets.UTF_8);
        assertThat(html)
                .as("no inline script or style: the policy forbids them")
                .doesNotContainPattern("<script(?![^>]*\\bsrc=)")
                .doesNotContain("<style")
                .doesNotContain(" style=");
    }

    @Test
    void every_file_carries_the_policy_and_a_reload_costs_a_304() throws Exception {
        for (String path : new String[] {"/", "/web/app.js", "/web/app.css"}) {
            HttpResponse<byte[]> r = fetch(path);
            assertThat(r.headers().firstValue("Content-Security-Policy"))
                    .as(path)
                    .hasValue(WebPage.CONTENT_SECURITY_POLICY);
            assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            String etag = r.headers().firstValue("ETag").orElseThrow();
            assertThat(fetch(path, "If-None-Match", etag).statusCode()).isEqualTo(304);
        }
        assertThat(WebPage.CONTENT_SECURITY_POLICY)
                .startsWith("default-src 'none'")
                .contains("script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe", "*", "http");
        assertThat(fetch("/").headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(fetch("/web/app.js").headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
        HttpResponse<byte[]> missing = fetch("/web/nothing.js");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(new String(missing.body(), StandardCharsets.UTF_8))
                .contains("no file /web/nothing.js");
        assertThat(fetch("/web/index.html").statusCode()).isEqualTo(404);
    }

    @Test
    void the_page_is_open_while_the_api_it_calls_needs_the_key() throws Exception {
        assertThat(fetch("/").statusCode()).isEqualTo(200);
        assertThat(get(server.uri().resolve("/v1/models")).statusCode())
                .as("the page learns that it needs a key from this 401")
                .isEqualTo(401);
        assertThat(get(server.uri().resolve("/v1/models/probe/metrics")).statusCode())
                .isEqualTo(401);
    }

    @Test
    void the_model_card_has_metrics_roc_points_and_the_services_latency() throws Exception {
        URI models = server.uri().resolve("/v1/models");
        JsonNode all = Json.MAPPER.readTree(get(models, "X-API-Key", KEY).body());
        JsonNode m = all.path("models").get(0);
        assertThat(m.path("name").asText()).isEqualTo("probe");
        assertThat(m.path("metrics").path("accuracy").asDouble()).isGreaterThan(0.8);
        assertThat(m.path("history").get(0).path("method").asText()).isEqualTo("hand-built");
        assertThat(m.path("metrics_url").asText()).isEqualTo("/v1/models/probe/metrics");
        JsonNode service = all.path("service");
        assertThat(service.path("max_image_bytes").asLong()).isEqualTo(10L << 20);
        assertThat(service.path("videos").asBoolean()).isTrue();
        assertThat(service.path("faces").asText()).isEqualTo("off");

        JsonNode ev =
                Json.MAPPER.readTree(
                        get(server.uri().resolve(m.path("metrics_url").asText()), "X-API-Key", KEY)
                                .body());
        assertThat(ev.path("split").asText()).isEqualTo("test");
        assertThat(ev.path("roc_curve").path("fpr").size())
                .isEqualTo(ev.path("roc_curve").path("tpr").size())
                .isGreaterThan(2);
        assertThat(ev.path("confusion").has("tp")).isTrue();
        assertThat(ev.has("data")).as("no server paths").isFalse();
        HttpResponse<String> other =
                get(server.uri().resolve("/v1/models/other/metrics"), "X-API-Key", KEY);
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(other.body()).contains("this service serves probe");

        post(
                server.uri().resolve("/v1/detect"),
                "image/png",
                encode(ProbeModel.image("test", 1, 0), "png"),
                "X-API-Key",
                KEY);
        JsonNode latency =
                Json.MAPPER
                        .readTree(get(models, "X-API-Key", KEY).body())
                        .path("models")
                        .get(0)
                        .path("latency");
        assertThat(latency.path("source").asText()).isEqualTo("service");
        assertThat(latency.path("batches").asInt()).isPositive();
        assertThat(latency.path("ms_per_image_p50").asDouble()).isPositive();
    }

    @Test
    void a_model_without_metrics_says_so() throws Exception {
        try (OrtDetector bare = ServeFixtures.untrainedDetector(tmp.resolve("bare"));
                DetectionServer s =
                        DetectionServer.start(bare, ServeConfig.builder().port(0).build())) {
            JsonNode m =
                    Json.MAPPER
                            .readTree(get(s.uri().resolve("/v1/models")).body())
                            .path("models")
                            .get(0);
            assertThat(m.has("metrics_url")).isFalse();
            assertThat(m.path("latency").isNull()).isTrue();
            HttpResponse<String> r = get(s.uri().resolve("/v1/models/bare/metrics"));
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.body()).contains("no test evaluation");
        }
    }
}
