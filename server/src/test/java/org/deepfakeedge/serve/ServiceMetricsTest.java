package org.deepfakeedge.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceMetricsTest {
    @Test
    void renders_counters_histograms_and_gauges_in_prometheus_text_format() {
        ServiceMetrics m = new ServiceMetrics();
        m.request("/v1/detect", 200, 3_000_000); // 3 ms
        m.request("/v1/detect", 200, 40_000_000); // 40 ms
        m.request("/v1/detect", 429, 200_000);
        m.error("queue_full");
        m.image("fake");
        m.batch(3, 1_000_000, false);
        m.gauge("queue_depth", "Images waiting.", () -> 5);
        String text = m.render();

        assertThat(text)
                .contains("# TYPE deepfake_edge_http_requests_total counter\n")
                .contains("# TYPE deepfake_edge_http_request_duration_seconds histogram\n")
                .contains(
                        "# HELP deepfake_edge_queue_depth Images waiting.\n# TYPE deepfake_edge_queue_depth gauge\n");
        Map<String, Double> s = PrometheusText.parse(text);
        assertThat(s.get("deepfake_edge_http_requests_total{route=\"/v1/detect\",status=\"200\"}"))
                .isEqualTo(2.0);
        assertThat(s.get("deepfake_edge_http_requests_total{route=\"/v1/detect\",status=\"429\"}"))
                .isEqualTo(1.0);
        assertThat(s.get("deepfake_edge_http_errors_total{reason=\"queue_full\"}")).isEqualTo(1.0);
        assertThat(s.get("deepfake_edge_images_total{label=\"fake\"}")).isEqualTo(1.0);
        assertThat(s.get("deepfake_edge_queue_depth")).isEqualTo(5.0);
        String h = "deepfake_edge_http_request_duration_seconds";
        // cumulative buckets: 0.2 ms ≤ 1 ms; 3 ms ≤ 5 ms; 40 ms ≤ 50 ms
        assertThat(s.get(h + "_bucket{route=\"/v1/detect\",le=\"0.001\"}")).isEqualTo(1.0);
        assertThat(s.get(h + "_bucket{route=\"/v1/detect\",le=\"0.0025\"}")).isEqualTo(1.0);
        assertThat(s.get(h + "_bucket{route=\"/v1/detect\",le=\"0.005\"}")).isEqualTo(2.0);
        assertThat(s.get(h + "_bucket{route=\"/v1/detect\",le=\"0.05\"}")).isEqualTo(3.0);
        assertThat(s.get(h + "_bucket{route=\"/v1/detect\",le=\"+Inf\"}")).isEqualTo(3.0);
        assertThat(s.get(h + "_count{route=\"/v1/detect\"}")).isEqualTo(3.0);
        assertThat(s.get(h + "_sum{route=\"/v1/detect\"}"))
                .isCloseTo(0.0432, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(s.get("deepfake_edge_batch_size_images_bucket{le=\"2\"}")).isEqualTo(0.0);
        assertThat(s.get("deepfake_edge_batch_size_images_bucket{le=\"4\"}")).isEqualTo(1.0);
        assertThat(m.count("http_requests_total", "route", "/v1/detect", "status", "200"))
                .isEqualTo(2);
        // every sample line is "name{labels} value" with no blank lines in between
        assertThat(text.lines().filter(l -> !l.startsWith("#")))
                .allMatch(l -> l.matches("[a-z_]+(\\{.*\\})? [0-9.+\\-eE]+"));
    }

    @Test
    void label_values_are_escaped() {
        assertThat(ServiceMetrics.labels("a", "x\"y\\z\n")).isEqualTo("{a=\"x\\\"y\\\\z\\n\"}");
    }
}
