package org.deepfakeedge.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import org.deepfakeedge.InvalidInputException;
import org.junit.jupiter.api.Test;

class LoadTestTest {
    @Test
    void only_loopback_urls_are_accepted_and_the_detect_path_is_added() {
        assertThat(LoadTest.endpoint(URI.create("http://127.0.0.1:8080")))
                .hasToString("http://127.0.0.1:8080/v1/detect");
        assertThat(LoadTest.endpoint(URI.create("http://localhost:9/")))
                .hasToString("http://localhost:9/v1/detect");
        assertThat(LoadTest.endpoint(URI.create("http://[::1]:9/v1/detect")))
                .hasToString("http://[::1]:9/v1/detect");
        assertThatThrownBy(() -> LoadTest.endpoint(URI.create("http://10.1.2.3:8080")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not a loopback address");
        assertThatThrownBy(() -> LoadTest.endpoint(URI.create("https://127.0.0.1:8080")))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void nearest_rank_percentiles() {
        long[] ms = new long[100];
        for (int i = 0; i < 100; i++) {
            ms[i] = (i + 1) * 1_000_000L;
        }
        assertThat(LoadTest.percentile(ms, 50)).isEqualTo(50.0);
        assertThat(LoadTest.percentile(ms, 95)).isEqualTo(95.0);
        assertThat(LoadTest.percentile(ms, 99)).isEqualTo(99.0);
        assertThat(LoadTest.percentile(new long[] {7_000_000L}, 99)).isEqualTo(7.0);
        assertThat(LoadTest.percentile(new long[0], 50)).isNaN();
    }

    @Test
    void content_type_follows_the_file_name_and_limits_are_checked() {
        assertThat(LoadTest.contentType(Path.of("a.JPG"))).isEqualTo("image/jpeg");
        assertThat(LoadTest.contentType(Path.of("a.png"))).isEqualTo("image/png");
        assertThat(LoadTest.contentType(Path.of("a.bmp"))).isEqualTo("application/octet-stream");
        assertThatThrownBy(
                        () ->
                                new LoadTest.Spec(
                                        URI.create("http://127.0.0.1:1"),
                                        Path.of("x"),
                                        0,
                                        1,
                                        java.time.Duration.ofSeconds(1),
                                        0,
                                        null))
                .hasMessageContaining("--requests must be");
    }
}
