package org.deepfakeedge.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.deepfakeedge.serve.ServeFixtures.multipart;
import static org.deepfakeedge.serve.ServeFixtures.post;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.deepfakeedge.data.ImageDecoder;
import org.deepfakeedge.faces.Face;
import org.deepfakeedge.faces.FaceCrop;
import org.deepfakeedge.faces.FaceDetector;
import org.deepfakeedge.provenance.Json;
import org.deepfakeedge.runtime.OrtDetector;
import org.deepfakeedge.scan.Aggregation;
import org.deepfakeedge.scan.ScanOptions;
import org.deepfakeedge.video.FrameSampling;
import org.deepfakeedge.video.VideoFixtures;
import org.deepfakeedge.video.VideoFrame;
import org.deepfakeedge.video.VideoReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Videos and faces over real HTTP: synthetic videos written by {@code VideoFixtures}, the runtime's
 * committed face photos, an untrained model on ONNX Runtime; expected scores computed by hand with
 * the video reader, the face detector, the crop and the detector.
 */
class DetectionServerMediaTest {
    @TempDir static Path tmp;
    static OrtDetector detector;
    static Path clip;
    static byte[] clipBytes;
    static final int FRAMES = 6;
    private final List<DetectionServer> servers = new ArrayList<>();

    @BeforeAll
    static void setUp() throws Exception {
        detector = ServeFixtures.untrainedDetector(tmp.resolve("m"));
        clip =
                VideoFixtures.write(
                        tmp.resolve("clip.mp4"),
                        VideoFixtures.Spec.of("mp4", "libopenh264").withFrames(20));
        clipBytes = Files.readAllBytes(clip);
    }

    @AfterAll
    static void closeModel() {
        detector.close();
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

    private static URI detect(DetectionServer s) {
        return s.uri().resolve("/v1/detect");
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.MAPPER.readTree(r.body());
    }

    private static ScanOptions scoring(ScanOptions.FaceMode faces) {
        return ScanOptions.defaults()
                .withFaces(faces)
                .withSampling(FrameSampling.evenly(FRAMES))
                .withAggregation(Aggregation.max())
                .withThreads(1);
    }

    private static byte[] photo(String name) {
        try (InputStream in =
                DetectionServerMediaTest.class.getResourceAsStream(
                        "/org/deepfakeedge/faces/photos/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Upload temp files left in the temp folder (every one must be deleted after its request). */
    private static long uploads() throws IOException {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("deepfake-edge-upload-"))
                    .count();
        }
    }

    @Test
    void a_video_is_scored_on_its_sampled_frames_raw_sniffed_or_multipart() throws Exception {
        double want = Double.NEGATIVE_INFINITY; // max: Aggregation.max()
        try (VideoReader v = VideoReader.open(clip)) {
            for (Iterator<VideoFrame> it = v.frames(FrameSampling.evenly(FRAMES)); it.hasNext(); ) {
                want = Math.max(want, detector.detect(it.next().image()).pFake());
            }
        }
        long before = uploads();
        DetectionServer s =
                serve(detector, ServeConfig.builder().scoring(scoring(ScanOptions.FaceMode.OFF)));
        Object[] mp = multipart(Map.of("clip.mp4", clipBytes));
        List<HttpResponse<String>> answers =
                List.of(
                        post(detect(s), "video/mp4", clipBytes),
                        post(detect(s), "application/octet-stream", clipBytes), // by its bytes
                        post(detect(s), (String) mp[0], (byte[]) mp[1]));
        for (HttpResponse<String> r : answers) {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode j = json(r);
            assertThat(j.path("kind").asText()).isEqualTo("video");
            assertThat(j.path("frames").asInt()).isEqualTo(FRAMES);
            assertThat(j.path("frames_read").asInt()).isEqualTo(FRAMES);
            assertThat(j.path("p_fake").asDouble()).isCloseTo(want, Offset.offset(1e-6));
            assertThat(j.path("label").asText()).isEqualTo(want >= 0.5 ? "fake" : "real");
            assertThat(j.path("threshold").asDouble()).isEqualTo(0.5);
            assertThat(j.path("aggregate").asText()).isEqualTo("max");
            assertThat(j.path("model").asText()).isEqualTo("m");
        }
        assertThat(uploads()).as("temp files deleted").isEqualTo(before);
        // an image still goes the image way
        byte[] png = ServeFixtures.encode(ServeFixtures.picture(32, 32, 1), "png");
        JsonNode image = json(post(detect(s), "application/octet-stream", png));
        assertThat(image.has("kind")).isFalse();
        assertThat(image.path("p_fake").asDouble())
                .isCloseTo(
                        detector.detect(ImageDecoder.read(png, "x")).pFake(), Offset.offset(1e-5));
    }

    @Test
    void a_video_over_the_limit_is_413_and_images_keep_their_own_limit() throws Exception {
        long before = uploads();
        DetectionServer s =
                serve(
                        detector,
                        ServeConfig.builder()
                                .maxVideoBytes(clipBytes.length - 1)
                                .maxImageBytes(clipBytes.length * 4L));
        for (String type : List.of("video/mp4", "application/octet-stream")) {
            HttpResponse<String> r = post(detect(s), type, clipBytes);
            assertThat(r.statusCode()).as(type + ": " + r.body()).isEqualTo(413);
            assertThat(json(r).path("error").asText()).contains("--max-video-bytes");
        }
        Object[] mp = multipart(Map.of("clip.mp4", clipBytes));
        HttpResponse<String> r = post(detect(s), (String) mp[0], (byte[]) mp[1]);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(413);
        assertThat(json(r).path("error").asText()).contains("--max-video-bytes");
        assertThat(uploads()).isEqualTo(before);
        // at the limit it is accepted
        DetectionServer exact =
                serve(detector, ServeConfig.builder().maxVideoBytes(clipBytes.length));
        assertThat(post(detect(exact), "video/mp4", clipBytes).statusCode()).isEqualTo(200);
    }

    @Test
    void garbage_with_a_video_type_is_400_with_the_reason() throws Exception {
        Path junk = VideoFixtures.writeGarbage(tmp.resolve("junk.mp4"), 5000, 1);
        long before = uploads();
        DetectionServer s = serve(detector, ServeConfig.builder());
        HttpResponse<String> r = post(detect(s), "video/mp4", Files.readAllBytes(junk));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        String error = json(r).path("error").asText();
        assertThat(error).startsWith("body: ").contains("not a video file");
        assertThat(error).doesNotContain("deepfake-edge-upload-");
        assertThat(s.metrics().count("http_errors_total", "reason", "bad_video")).isEqualTo(1);
        assertThat(uploads()).isEqualTo(before);
        // a video to the batch endpoint is refused with the way to send it
        HttpResponse<String> batch =
                post(s.uri().resolve("/v1/detect/batch"), "video/mp4", clipBytes);
        assertThat(batch.statusCode()).isEqualTo(415);
        assertThat(json(batch).path("error").asText()).contains("/v1/detect");
    }

    @Test
    void a_second_video_while_one_is_scored_gets_429() throws Exception {
        ServeFixtures.GatedDetector gated = new ServeFixtures.GatedDetector(detector);
        DetectionServer s =
                serve(gated, ServeConfig.builder().scoring(scoring(ScanOptions.FaceMode.OFF)));
        CompletableFuture<HttpResponse<String>> first =
                CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return post(detect(s), "video/mp4", clipBytes);
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        });
        gated.awaitEntered(); // the first video is being scored
        HttpResponse<String> second = post(detect(s), "video/mp4", clipBytes);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(429);
        assertThat(second.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(json(second).path("error").asText()).contains("--max-video-jobs");
        gated.gate.release(1000);
        HttpResponse<String> r = first.get();
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).path("frames").asInt()).isEqualTo(FRAMES);
    }

    @Test
    void faces_on_scores_the_most_fake_face_and_returns_the_boxes() throws Exception {
        byte[] jpeg = photo("call_grid.jpg");
        BufferedImage img = ImageDecoder.read(jpeg, "call_grid.jpg");
        List<Face> found;
        double want = Double.NEGATIVE_INFINITY;
        try (FaceDetector fd = FaceDetector.open()) {
            found = fd.detect(img);
            for (Face f : found) {
                want = Math.max(want, detector.detect(new FaceCrop(32).crop(img, f)).pFake());
            }
        }
        assertThat(found).hasSizeGreaterThanOrEqualTo(2);
        DetectionServer s =
                serve(detector, ServeConfig.builder().scoring(scoring(ScanOptions.FaceMode.ON)));
        HttpResponse<String> r = post(detect(s), "image/jpeg", jpeg);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode j = json(r);
        assertThat(j.path("faces").asInt()).isEqualTo(found.size());
        assertThat(j.path("no_face").asBoolean()).isFalse();
        assertThat(j.path("p_fake").asDouble()).isCloseTo(want, Offset.offset(1e-5));
        assertThat(j.path("face_boxes")).hasSize(found.size());
        JsonNode box = j.path("face_boxes").get(0);
        assertThat(box.path("box")).hasSize(4);
        assertThat(box.path("box").get(0).asDouble())
                .isCloseTo(found.get(0).box().x(), Offset.offset(0.06));
        assertThat(box.path("score").asDouble()).isGreaterThanOrEqualTo(0.5);
        assertThat(box.path("p_fake").asDouble()).isBetween(0.0, 1.0);
        // no face with faces on: nothing scored, said so
        JsonNode none = json(post(detect(s), "image/jpeg", photo("coffee.jpg")));
        assertThat(none.path("p_fake").isNull()).isTrue();
        assertThat(none.path("label").isNull()).isTrue();
        assertThat(none.path("no_face").asBoolean()).isTrue();
        assertThat(none.path("faces").asInt()).isZero();
        // the batch endpoint applies the same rule per image
        Object[] mp = multipart(Map.of("grid.jpg", jpeg));
        JsonNode batch =
                json(post(s.uri().resolve("/v1/detect/batch"), (String) mp[0], (byte[]) mp[1]));
        assertThat(batch.path("results").get(0).path("p_fake").asDouble())
                .isCloseTo(want, Offset.offset(1e-5));
        assertThat(batch.path("results").get(0).path("faces").asInt()).isEqualTo(found.size());
    }
}
