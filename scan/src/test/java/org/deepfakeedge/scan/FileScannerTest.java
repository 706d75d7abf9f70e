package org.deepfakeedge.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import org.deepfakeedge.data.ImageDecoder;
import org.deepfakeedge.faces.Face;
import org.deepfakeedge.faces.FaceCrop;
import org.deepfakeedge.faces.FaceDetector;
import org.deepfakeedge.runtime.Detector;
import org.deepfakeedge.runtime.RuntimeChoice;
import org.deepfakeedge.video.FrameSampling;
import org.deepfakeedge.video.VideoFrame;
import org.deepfakeedge.video.VideoReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder with a face photo, a photo without a face, a synthetic video and bad files: one result
 * each, in name order, scores equal to what the detector gives the same crops and frames directly.
 */
class FileScannerTest {
    @TempDir static Path tmp;
    static Path dir;
    static Detector detector;

    @BeforeAll
    static void setUp() throws IOException {
        detector = Detector.load(ScanFixtures.onnxModel(tmp, 3), RuntimeChoice.AUTO, 1);
        dir = ScanFixtures.mediaFolder(tmp.resolve("media"));
    }

    @AfterAll
    static void tearDown() {
        detector.close();
    }

    private static List<ScanResult> scan(ScanOptions o) {
        List<ScanResult> out = new ArrayList<>();
        try (FileScanner s = new FileScanner(detector, o);
                var inputs = ScanInputs.stream(List.of(dir))) {
            inputs.forEach(in -> out.add(s.scan(in)));
        }
        return out;
    }

    private static ScanResult byName(List<ScanResult> rs, String name) {
        return rs.stream().filter(r -> r.path().endsWith(name)).findFirst().orElseThrow();
    }

    @Test
    void oneResultPerFileWithErrorsAsResults() {
        List<ScanResult> rs = scan(ScanOptions.defaults().withSampling(FrameSampling.evenly(5)));
        assertThat(rs)
                .extracting(r -> Path.of(r.path()).getFileName().toString())
                .containsExactly(
                        "a_astronaut.jpg",
                        "b_coffee.jpg",
                        "c_clip.mp4",
                        "d_corrupt.mp4",
                        "e_audio.m4a",
                        "f_empty.mp4",
                        "g_zero.mp4",
                        "h_broken.jpg");
        assertThat(rs).allSatisfy(r -> assertThat(r.modelId()).hasSize(64));
        for (String bad :
                new String[] {
                    "d_corrupt.mp4", "e_audio.m4a", "f_empty.mp4", "g_zero.mp4", "h_broken.jpg"
                }) {
            ScanResult r = byName(rs, bad);
            assertThat(r.error()).as(bad).isNotBlank().doesNotContain("\n");
            assertThat(r.pFake()).as(bad).isNull();
            assertThat(r.label()).as(bad).isNull();
        }
        assertThat(byName(rs, "e_audio.m4a").error()).contains("audio only");
        assertThat(byName(rs, "f_empty.mp4").error()).contains("empty file");
        assertThat(byName(rs, "g_zero.mp4").error()).contains("zero-length");
        assertThat(byName(rs, "d_corrupt.mp4").error()).contains("not a video file");
        assertThat(byName(rs, "f_empty.mp4").size()).isZero();
    }

    @Test
    void aFacePhotoTakesItsMostFakeFace() throws Exception {
        ScanResult r = byName(scan(ScanOptions.defaults().withDetails(true)), "a_astronaut.jpg");
        BufferedImage img = ImageDecoder.read(dir.resolve("a_astronaut.jpg"));
        double expected;
        int faces;
        try (FaceDetector fd = FaceDetector.open()) {
            List<Face> found = fd.detect(img);
            faces = found.size();
            FaceCrop crop = new FaceCrop(32);
            expected =
                    found.stream()
                            .mapToDouble(f -> detector.detect(crop.crop(img, f)).pFake())
                            .max()
                            .orElseThrow();
        }
        assertThat(faces).isPositive();
        assertThat(r.error()).isNull();
        assertThat(r.kind()).isEqualTo("image");
        assertThat(r.faces()).isEqualTo(faces);
        assertThat(r.noFace()).isFalse();
        assertThat(r.pFake()).isCloseTo(expected, within(1e-6));
        assertThat(r.label()).isEqualTo(r.pFake() >= r.threshold() ? "fake" : "real");
        assertThat(r.threshold()).isEqualTo(0.4);
        assertThat(r.detail()).hasSize(1);
        assertThat(r.detail().get(0).faces()).hasSize(faces);
        assertThat(r.detail().get(0).wholeFrame()).isFalse();
        assertThat(r.detail().get(0).faces().get(0).box()[2]).isGreaterThan(50);
        // faces off: the whole photo
        ScanResult off =
                byName(
                        scan(ScanOptions.defaults().withFaces(ScanOptions.FaceMode.OFF)),
                        "a_astronaut.jpg");
        assertThat(off.pFake()).isCloseTo(detector.detect(img).pFake(), within(1e-6));
        assertThat(off.faces()).isZero();
        assertThat(off.noFace()).isFalse();
    }

    @Test
    void aPhotoWithoutAFaceSaysSoAndFallsBackAsAsked() throws Exception {
        BufferedImage img = ImageDecoder.read(dir.resolve("b_coffee.jpg"));
        ScanResult whole = byName(scan(ScanOptions.defaults()), "b_coffee.jpg");
        assertThat(whole.noFace()).isTrue();
        assertThat(whole.faces()).isZero();
        assertThat(whole.pFake()).isCloseTo(detector.detect(img).pFake(), within(1e-6));
        assertThat(whole.frames()).isEqualTo(1);
        ScanResult skip =
                byName(
                        scan(ScanOptions.defaults().withNoFace(ScanOptions.NoFace.SKIP)),
                        "b_coffee.jpg");
        assertThat(skip.noFace()).isTrue();
        assertThat(skip.pFake()).isNull();
        assertThat(skip.frames()).isZero();
        assertThat(skip.framesRead()).isEqualTo(1);
        assertThat(skip.error()).isNull();
        ScanResult on =
                byName(
                        scan(ScanOptions.defaults().withFaces(ScanOptions.FaceMode.ON)),
                        "b_coffee.jpg");
        assertThat(on.pFake()).isNull();
    }

    @Test
    void aVideoAggregatesItsSampledFrames() {
        FrameSampling sampling = FrameSampling.evenly(6);
        List<Double> frameScores = new ArrayList<>();
        List<Integer> indices = new ArrayList<>();
        try (VideoReader v = VideoReader.open(dir.resolve("c_clip.mp4"))) {
            for (Iterator<VideoFrame> it = v.frames(sampling); it.hasNext(); ) {
                VideoFrame f = it.next();
                indices.add(f.index());
                frameScores.add(detector.detect(f.image()).pFake()); // no face in the pattern
            }
        }
        double[] s = frameScores.stream().mapToDouble(Double::doubleValue).toArray();
        for (Aggregation a : List.of(Aggregation.mean(), Aggregation.max(), Aggregation.topK(2))) {
            ScanResult r =
                    byName(
                            scan(
                                    ScanOptions.defaults()
                                            .withSampling(sampling)
                                            .withAggregation(a)
                                            .withDetails(true)),
                            "c_clip.mp4");
            assertThat(r.kind()).isEqualTo("video");
            assertThat(r.error()).isNull();
            assertThat(r.frames()).isEqualTo(6);
            assertThat(r.noFace()).isTrue();
            assertThat(r.pFake()).as(a.toString()).isCloseTo(a.apply(s), within(1e-6));
            assertThat(r.detail())
                    .extracting(ScanResult.FrameScore::index)
                    .containsExactlyElementsOf(indices);
        }
        assertThat(indices).containsExactly(0, 3, 7, 11, 15, 19);
        // with --no-face skip a face-less video has no score, but no error either
        ScanResult skip =
                byName(
                        scan(
                                ScanOptions.defaults()
                                        .withSampling(sampling)
                                        .withNoFace(ScanOptions.NoFace.SKIP)),
                        "c_clip.mp4");
        assertThat(skip.pFake()).isNull();
        assertThat(skip.framesRead()).isEqualTo(6);
        assertThat(skip.error()).isNull();
        assertThat(
                        scan(ScanOptions.defaults().withSampling(sampling)).stream()
                                .map(ScanResult::path)
                                .collect(Collectors.toList()))
                .hasSize(8);
    }
}
