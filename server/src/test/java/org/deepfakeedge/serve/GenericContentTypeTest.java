package org.deepfakeedge.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.deepfakeedge.serve.ServeFixtures.encode;
import static org.deepfakeedge.serve.ServeFixtures.picture;
import static org.deepfakeedge.serve.ServeFixtures.post;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.assertj.core.data.Offset;
import org.deepfakeedge.provenance.Json;
import org.deepfakeedge.runtime.OrtDetector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A body sent with a generic or form content type ({@code curl --data-binary @photo.jpg} sends
 * {@code application/x-www-form-urlencoded}, a browser's Blob of unknown type none) is taken for
 * the image its bytes are; a non-image with such a type gets a clear 4xx.
 */
class GenericContentTypeTest {
    @TempDir static Path tmp;
    static OrtDetector detector;
    static DetectionServer server;

    @BeforeAll
    static void serve() throws Exception {
        detector = ServeFixtures.untrainedDetector(tmp.resolve("m"));
        server = DetectionServer.start(detector, ServeConfig.builder().port(0).build());
    }

    @AfterAll
    static void stop() {
        server.close();
        detector.close();
    }

    private static URI detect() {
        return server.uri().resolve("/v1/detect");
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.MAPPER.readTree(r.body());
    }

    @Test
    void an_image_with_a_form_octet_stream_or_no_type_is_scored_by_its_bytes() throws Exception {
        BufferedImage img = picture(40, 30, 21);
        for (String format : new String[] {"png", "jpeg", "bmp", "gif", "tiff"}) {
            byte[] bytes = encode(img, format);
            double want = json(post(detect(), "image/" + format, bytes)).path("p_fake").asDouble();
            assertThat(want).as(format).isBetween(0.0, 1.0);
            for (String type :
                    new String[] {RequestImages.FORM, "application/octet-stream", null}) {
                HttpResponse<String> r = post(detect(), type, bytes);
                assertThat(r.statusCode())
                        .as("%s as %s: %s", format, type, r.body())
                        .isEqualTo(200);
                assertThat(json(r).path("p_fake").asDouble())
                        .as("%s as %s", format, type)
                        .isCloseTo(want, Offset.offset(1e-6));
            }
        }
    }

    @Test
    void a_form_body_that_is_no_image_gets_415_and_an_octet_stream_one_400() throws Exception {
        HttpResponse<String> form =
                post(detect(), RequestImages.FORM, "a=1&b=2".getBytes(StandardCharsets.US_ASCII));
        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(json(form).path("error").asText())
                .contains("neither an image")
                .contains("Content-Type: image/jpeg")
                .doesNotContain("\n");
        HttpResponse<String> bytes =
                post(
                        detect(),
                        "application/octet-stream",
                        "hello, not a picture".getBytes(StandardCharsets.US_ASCII));
        assertThat(bytes.statusCode()).isEqualTo(400);
        assertThat(json(bytes).path("error").asText()).contains("not a supported image");
        HttpResponse<String> none = post(detect(), null, new byte[] {1, 2, 3, 4, 5});
        assertThat(none.statusCode()).isEqualTo(400);
        // the batch endpoint still wants multipart, whatever the bytes
        HttpResponse<String> batch =
                post(
                        server.uri().resolve("/v1/detect/batch"),
                        RequestImages.FORM,
                        encode(picture(8, 8, 1), "png"));
        assertThat(batch.statusCode()).isEqualTo(415);
        assertThat(post(detect(), "image/png", encode(picture(8, 8, 2), "png")).statusCode())
                .isEqualTo(200);
    }
}
