package org.deepfakeedge.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deepfakeedge.provenance.Json;
import org.junit.jupiter.api.Test;

/** docs/openapi.yaml parses and documents exactly the service's routes. */
class OpenApiDocTest {
    @Test
    void the_openapi_file_lists_every_route_with_its_errors() throws Exception {
        JsonNode api =
                new ObjectMapper(new YAMLFactory())
                        .readTree(Path.of("../docs/openapi.yaml").toFile());
        assertThat(api.path("openapi").asText()).startsWith("3.0");
        List<String> paths = new ArrayList<>();
        api.path("paths").fieldNames().forEachRemaining(paths::add);
        assertThat(paths)
                .containsExactlyInAnyOrder(
                        "/",
                        "/web/{file}",
                        "/health",
                        "/v1/models",
                        "/v1/models/{name}/metrics",
                        "/v1/detect",
                        "/v1/detect/batch",
                        "/v1/explain",
                        "/metrics");
        JsonNode detect = api.path("paths").path("/v1/detect").path("post").path("responses");
        JsonNode explain = api.path("paths").path("/v1/explain").path("post").path("responses");
        for (String status : List.of("200", "400", "401", "413", "415", "429", "503")) {
            assertThat(detect.has(status)).as("/v1/detect documents %s", status).isTrue();
            assertThat(explain.has(status)).as("/v1/explain documents %s", status).isTrue();
        }
        assertThat(explain.path("200").path("content").has("image/png")).isTrue();
        assertThat(explain.path("200").path("content").has("application/json")).isTrue();
        assertThat(
                        api.path("paths")
                                .path("/web/{file}")
                                .path("get")
                                .path("parameters")
                                .get(0)
                                .path("schema")
                                .path("enum")
                                .toString())
                .as("the documented page files are the served ones")
                .isEqualTo(
                        Json.MAPPER
                                .valueToTree(WebPage.FILES.subList(1, WebPage.FILES.size()))
                                .toString());
    }
}
