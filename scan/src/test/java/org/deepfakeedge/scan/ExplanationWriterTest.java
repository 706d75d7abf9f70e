package org.deepfakeedge.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.data.ImageDecoder;
import org.deepfakeedge.data.ResizeMode;
import org.deepfakeedge.explain.HeatmapOverlay;
import org.deepfakeedge.faces.Face;
import org.deepfakeedge.faces.FaceCrop;
import org.deepfakeedge.faces.FaceDetector;
import org.deepfakeedge.runtime.Detector;
import org.deepfakeedge.runtime.RuntimeChoice;
import org.deepfakeedge.video.FrameSampling;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --explain}: overlays per scored region, their names, and the results that carry them. */
class ExplanationWriterTest {
    @TempDir static Path tmp;
    static Path media;
    static Detector detector;

    @TempDir Path out;

    @BeforeAll
    static void setUp() throws IOException {
        detector = Detector.load(ScanFixtures.onnxModel(tmp, 3), RuntimeChoice.AUTO, 1);
        media = ScanFixtures.mediaFolder(tmp.resolve("media"));
    }

    @AfterAll
    static void tearDown() {
        detector.close();
    }

    private List<ScanResult> scan(ScanOptions o) {
        List<ScanResult> rs = new ArrayList<>();
        try (FileScanner s = new FileScanner(detector, o.withExplain(out));
                var inputs = ScanInputs.stream(List.of(media))) {
            inputs.forEach(in -> rs.add(s.scan(in)));
        }
        return rs;
    }

    private static ScanResult byName(List<ScanResult> rs, String name) {
        return rs.stream().filter(r -> r.path().endsWith(name)).findFirst().orElseThrow();
    }

    @Test
    void names_are_safe_unique_per_path_and_say_frame_and_face() {
        String a = ExplanationWriter.fileName("/data/x/photo.jpg", -1, -1);
        assertThat(a).matches("photo-[0-9a-f]{16}\\.png");
        assertThat(ExplanationWriter.fileName("/data/x/photo.jpg", -1, -1)).isEqualTo(a);
        assertThat(ExplanationWriter.fileName("/data/y/photo.jpg", -1, -1)).isNotEqualTo(a);
        assertThat(ExplanationWriter.fileName("/data/x/photo.png", -1, -1)).isNotEqualTo(a);
        assertThat(ExplanationWriter.fileName("/data/x/clip.mp4", 12, 0))
                .matches("clip-[0-9a-f]{16}-frame12-face1\\.png");
        assertThat(ExplanationWriter.fileName("/data/x/photo.jpg", -1, 2)).endsWith("-face3.png");
        assertThat(ExplanationWriter.fileName("../..hidden file; rm -rf *.jpg", -1, -1))
                .matches("hidden_file__rm_-rf__-[0-9a-f]{16}\\.png");
        assertThat(ExplanationWriter.fileName("/d/Ünïcødé ✓.png", -1, -1))
                .matches("_n_c_d___-[0-9a-f]{16}\\.png");
        assertThat(ExplanationWriter.fileName("/d/.png", -1, -1)).startsWith("png-");
        assertThat(ExplanationWriter.fileName("/d/" + "x".repeat(300) + ".jpg", -1, -1))
                .hasSize(60 + 1 + 16 + 4);
        // a relative path names the same file as its absolute form
        assertThat(ExplanationWriter.fileName("photo.jpg", -1, -1))
                .isEqualTo(
                        ExplanationWriter.fileName(
                                Path.of("photo.jpg").toAbsolutePath().toString(), -1, -1));
    }

    @Test
    void a_whole_image_gets_its_overlay_a_face_photo_one_per_face_and_errors_none()
            throws Exception {
        List<ScanResult> rs = scan(ScanOptions.defaults().withSampling(FrameSampling.evenly(4)));

        // no face: the whole photo, overlay = the map over the photo, pixel for pixel
        ScanResult coffee = byName(rs, "b_coffee.jpg");
        assertThat(coffee.noFace()).isTrue();
        String name = ExplanationWriter.fileName(coffee.path(), -1, -1);
        assertThat(coffee.explanation()).containsExactly(out.resolve(name).toString());
        BufferedImage photo = ImageDecoder.read(media.resolve("b_coffee.jpg"));
        assertSamePixels(
                ImageIO.read(out.resolve(name).toFile()),
                HeatmapOverlay.render(photo, detector.explain(photo), ResizeMode.STRETCH));

        // faces: one overlay per face, in face order, over the face's square of the photo
        ScanResult astronaut = byName(rs, "a_astronaut.jpg");
        BufferedImage portrait = ImageDecoder.read(media.resolve("a_astronaut.jpg"));
        List<Face> faces;
        try (FaceDetector fd = FaceDetector.open()) {
            faces = fd.detect(portrait);
        }
        assertThat(faces).isNotEmpty();
        assertThat(astronaut.explanation()).hasSize(faces.size());
        FaceCrop crop = new FaceCrop(32);
        for (int i = 0; i < faces.size(); i++) {
            Path f = Path.of(astronaut.explanation().get(i));
            assertThat(f.getFileName().toString())
                    .isEqualTo(ExplanationWriter.fileName(astronaut.path(), -1, i));
            Rectangle square =
                    crop.region(faces.get(i).box(), portrait.getWidth(), portrait.getHeight());
            BufferedImage under =
                    portrait.getSubimage(square.x, square.y, square.width, square.height);
            assertSamePixels(
                    ImageIO.read(f.toFile()),
                    HeatmapOverlay.render(
                            under,
                            detector.explain(crop.crop(portrait, faces.get(i))),
                            ResizeMode.STRETCH));
        }

        for (String bad : new String[] {"d_corrupt.mp4", "f_empty.mp4", "h_broken.jpg"}) {
            ScanResult r = byName(rs, bad);
            assertThat(r.error()).as(bad).isNotNull();
            assertThat(r.explanation()).as(bad).isNull();
            assertThat(ScanOutput.jsonLine(r)).as(bad).doesNotContain("explanation");
        }
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .as("only the overlays, no temporary file")
                    .hasSize(1 + faces.size() + 1)
                    .allMatch(n -> n.endsWith(".png") && !n.startsWith("."));
        }
    }

    @Test
    void a_video_is_explained_by_its_most_fake_frame_and_unscored_files_by_nothing() {
        List<ScanResult> rs =
                scan(
                        ScanOptions.defaults()
                                .withSampling(FrameSampling.evenly(6))
                                .withDetails(true));
        ScanResult clip = byName(rs, "c_clip.mp4");
        ScanResult.FrameScore top =
                clip.detail().stream()
                        .reduce((a, b) -> b.pFake() > a.pFake() ? b : a)
                        .orElseThrow();
        assertThat(clip.explanation())
                .containsExactly(
                        out.resolve(ExplanationWriter.fileName(clip.path(), top.index(), -1))
                                .toString());
        assertThat(Path.of(clip.explanation().get(0))).isRegularFile();

        List<ScanResult> skipped =
                scan(
                        ScanOptions.defaults()
                                .withSampling(FrameSampling.evenly(3))
                                .withNoFace(ScanOptions.NoFace.SKIP));
        ScanResult noScore = byName(skipped, "b_coffee.jpg");
        assertThat(noScore.pFake()).isNull();
        assertThat(noScore.explanation()).isEmpty();
        assertThat(ScanOutput.jsonLine(noScore)).contains("\"explanation\":[]");
        assertThat(byName(skipped, "c_clip.mp4").explanation()).isEmpty();
    }

    @Test
    void without_explain_nothing_changes_and_a_file_for_a_folder_is_refused() throws Exception {
        try (FileScanner s = new FileScanner(detector, ScanOptions.defaults());
                var inputs = ScanInputs.stream(List.of(media.resolve("b_coffee.jpg")))) {
            ScanResult r = s.scan(inputs.findFirst().orElseThrow());
            assertThat(r.explanation()).isNull();
            assertThat(ScanOutput.jsonLine(r)).doesNotContain("explanation");
        }
        Path file = Files.writeString(out.resolve("a-file"), "x");
        assertThatThrownBy(() -> ExplanationWriter.prepare(file.resolve("sub")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--explain " + file.resolve("sub"))
                .hasMessageContaining("cannot create the folder");
    }

    private static void assertSamePixels(BufferedImage actual, BufferedImage expected) {
        assertThat(actual.getWidth()).isEqualTo(expected.getWidth());
        assertThat(actual.getHeight()).isEqualTo(expected.getHeight());
        int w = expected.getWidth();
        int h = expected.getHeight();
        int[] a = actual.getRGB(0, 0, w, h, null, 0, w);
        int[] e = expected.getRGB(0, 0, w, h, null, 0, w);
        assertThat(a).isEqualTo(e);
    }
}
