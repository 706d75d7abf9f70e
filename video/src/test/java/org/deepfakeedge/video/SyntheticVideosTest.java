package org.deepfakeedge.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.data.synth.SyntheticClip;
import org.deepfakeedge.provenance.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in videos decode to their frame count and size, each decoded frame is nearer the render
 * its segment's label says than the other one, the manifest says what the files hold, and the same
 * spec writes the same videos.
 */
class SyntheticVideosTest {
    @TempDir static Path tmp;
    static final SyntheticVideos.Spec SPEC =
            new SyntheticVideos.Spec(64, 6, 24, 12, 5, "mixed", SyntheticVideos.Codec.H264);
    static SyntheticVideos.Manifest manifest;
    static Path dir;

    @BeforeAll
    static void write() throws IOException {
        dir = tmp.resolve("videos");
        manifest = SyntheticVideos.write(SPEC, dir);
    }

    @Test
    void theVideosDecodeToTheirFramesAndSize() {
        assertThat(manifest.videos())
                .extracting(SyntheticVideos.Entry::file)
                .containsExactly(
                        "clip-00000.mp4",
                        "clip-00001.mp4",
                        "clip-00002.mp4",
                        "clip-00003.mp4",
                        "clip-00004.mp4",
                        "clip-00005.mp4");
        for (SyntheticVideos.Entry e : manifest.videos()) {
            try (VideoReader r = VideoReader.open(dir.resolve(e.file()))) {
                assertThat(r.info().codec()).isEqualTo("h264");
                assertThat(r.info().frameCount()).isEqualTo(24);
                assertThat(r.info().width()).isEqualTo(64);
                assertThat(r.info().height()).isEqualTo(64);
                assertThat(r.info().frameRate()).isEqualTo(12.0);
                assertThat(r.readAll(FrameSampling.evenly(24))).hasSize(24);
            }
        }
    }

    @Test
    void everyDecodedFrameIsNearerTheRenderItsSegmentSays() {
        for (int i = 0; i < SPEC.count(); i++) {
            SyntheticClip clip = SyntheticVideos.clip(SPEC, i);
            List<VideoFrame> frames = decode(i);
            for (VideoFrame f : frames) {
                int k = f.index();
                double toReal = mse(f.image(), clip.frame(k, 0));
                double toFake = mse(f.image(), clip.frame(k, 1));
                int label = clip.labelOf(k);
                assertThat(label == 1 ? toFake < toReal : toReal < toFake)
                        .as(
                                "video %d (%s) frame %d labelled %d: mse to real %.2f, to fake %.2f",
                                i, clip.generator(), k, label, toReal, toFake)
                        .isTrue();
            }
        }
    }

    @Test
    void theManifestNamesLabelsAndSegments() throws IOException {
        JsonNode m = Json.MAPPER.readTree(dir.resolve(SyntheticVideos.MANIFEST).toFile());
        assertThat(m.get("source").asText()).isEqualTo(SyntheticVideos.SOURCE);
        assertThat(m.get("videos")).hasSize(6);
        for (int i = 0; i < 6; i++) {
            JsonNode v = m.get("videos").get(i);
            SyntheticClip clip = SyntheticVideos.clip(SPEC, i);
            assertThat(v.get("label").asText()).isEqualTo(i % 2 == 0 ? "real" : "fake");
            assertThat(v.get("segments")).hasSize(clip.segments().size());
            for (int s = 0; s < clip.segments().size(); s++) {
                JsonNode seg = v.get("segments").get(s);
                assertThat(seg.get("start").asInt()).isEqualTo(clip.segments().get(s).start());
                assertThat(seg.get("end").asInt()).isEqualTo(clip.segments().get(s).end());
                assertThat(seg.get("label").asText()).isEqualTo(clip.segments().get(s).label());
            }
        }
        assertThat(m.get("videos").get(1).get("generator").asText()).isEqualTo("checkerboard");
        assertThat(m.get("videos").get(3).get("generator").asText()).isEqualTo("smooth");
        assertThat(m.get("videos").get(0).has("generator")).isFalse();
    }

    @Test
    void theSameSpecWritesTheSameVideos() throws IOException {
        SyntheticVideos.Spec two =
                new SyntheticVideos.Spec(64, 2, 24, 12, 5, "mixed", SyntheticVideos.Codec.H264);
        Path again = tmp.resolve("again");
        SyntheticVideos.write(two, again);
        for (int i = 0; i < 2; i++) {
            List<VideoFrame> a = decode(i);
            try (VideoReader r = VideoReader.open(again.resolve(SyntheticVideos.fileName(i)))) {
                List<VideoFrame> b = r.readAll(FrameSampling.evenly(24));
                for (int k = 0; k < a.size(); k++) {
                    assertThat(pixels(b.get(k).image())).isEqualTo(pixels(a.get(k).image()));
                }
            }
            // one build of FFmpeg, one encoder thread: the same bytes
            assertThat(Files.readAllBytes(again.resolve(SyntheticVideos.fileName(i))))
                    .isEqualTo(Files.readAllBytes(dir.resolve(SyntheticVideos.fileName(i))));
        }
        assertThatThrownBy(() -> SyntheticVideos.write(two, again))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not empty");
    }

    private static List<VideoFrame> decode(int i) {
        try (VideoReader r = VideoReader.open(dir.resolve(SyntheticVideos.fileName(i)))) {
            return r.readAll(FrameSampling.evenly(SPEC.frames()));
        }
    }

    private static int[] pixels(BufferedImage img) {
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }

    private static double mse(BufferedImage a, BufferedImage b) {
        int[] pa = pixels(a);
        int[] pb = pixels(b);
        double s = 0;
        for (int i = 0; i < pa.length; i++) {
            for (int shift = 0; shift <= 16; shift += 8) {
                double d = (pa[i] >> shift & 255) - (pb[i] >> shift & 255);
                s += d * d;
            }
        }
        return s / (3.0 * pa.length);
    }
}
