package org.deepfakeedge.faces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * BlazeFace on the committed photos against the hand labels: every face found with IoU &ge; 0.5 and
 * nothing else, and no face where there is none.
 */
class FaceDetectorTest {

    private static FaceDetector front;
    private static FaceDetector back;
    private static final Map<String, List<Photos.Label>> LABELS = Photos.labels();

    @BeforeAll
    static void open() {
        front = FaceDetector.open(FaceDetectorOptions.defaults().withThreads(2));
        back =
                FaceDetector.open(
                        FaceDetectorOptions.defaults()
                                .withModel(BlazeFaceModel.BACK_256)
                                .withThreads(2));
    }

    @AfterAll
    static void close() {
        front.close();
        back.close();
    }

    /** Asserts IoU >= 0.5 for every labelled face the predicate selects. */
    private static void assertFacesFound(
            FaceDetector d, java.util.function.Predicate<Photos.Label> which) {
        int checked = 0;
        for (String name : Photos.WITH_FACES) {
            List<Photos.Label> labels = LABELS.get(name);
            assertThat(labels).as("labels of " + name).isNotEmpty();
            List<Face> faces = d.detect(Photos.image(name));
            double[] iou = Photos.matchIous(labels, faces);
            for (int i = 0; i < labels.size(); i++) {
                Photos.Label l = labels.get(i);
                System.out.printf(
                        "%s %s face %d (%s): IoU %.3f%n",
                        d.options().model(),
                        name,
                        i + 1,
                        l.profile() ? "profile" : "frontal",
                        iou[i]);
                if (which.test(l)) {
                    assertThat(iou[i])
                            .as(name + " face " + (i + 1) + ", detections " + faces)
                            .isGreaterThanOrEqualTo(0.5);
                    checked++;
                }
            }
        }
        assertThat(checked).isPositive();
    }

    @Test
    void the_front_model_finds_every_frontal_face() {
        assertFacesFound(front, l -> !l.profile());
    }

    @Test
    void the_back_model_finds_every_face_frontal_or_in_profile() {
        assertFacesFound(back, l -> true);
    }

    @Test
    void every_detection_on_the_face_photos_lies_on_a_labelled_face() {
        for (FaceDetector d : List.of(front, back)) {
            for (String name : Photos.WITH_FACES) {
                List<Photos.Label> labels = LABELS.get(name);
                List<Face> faces = d.detect(Photos.image(name));
                assertThat(faces).as(name).hasSizeLessThanOrEqualTo(labels.size());
                for (Face f : faces) {
                    assertThat(labels)
                            .as(d.options().model() + " " + name + ": " + f.box())
                            .anyMatch(
                                    l ->
                                            l.box().x() <= f.box().centerX()
                                                    && f.box().centerX() <= l.box().right()
                                                    && l.box().y() <= f.box().centerY()
                                                    && f.box().centerY() <= l.box().bottom());
                }
            }
        }
    }

    @Test
    void the_default_model_finds_no_face_on_the_photos_without_one() {
        for (String name : Photos.WITHOUT_FACES) {
            assertThat(front.detect(Photos.image(name))).as(name).isEmpty();
        }
    }

    @Test
    void blank_tiny_and_grey_frames_have_no_face() {
        BufferedImage grey = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = grey.createGraphics();
        g.setColor(new Color(128, 128, 128));
        g.fillRect(0, 0, 320, 240);
        g.dispose();
        assertThat(front.detect(grey)).isEmpty();
        assertThat(front.detect(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB))).isEmpty();
        assertThat(front.detect(new BufferedImage(64, 48, BufferedImage.TYPE_BYTE_GRAY))).isEmpty();
    }

    @Test
    void keypoints_sit_on_the_face_the_right_way_up() {
        Face f = front.detect(Photos.image("astronaut.jpg")).get(0);
        Box b = f.box();
        for (Keypoint k :
                List.of(
                        f.keypoint(Landmark.RIGHT_EYE),
                        f.keypoint(Landmark.LEFT_EYE),
                        f.keypoint(Landmark.NOSE_TIP),
                        f.keypoint(Landmark.MOUTH_CENTER))) {
            assertThat(k.x()).isBetween(b.x(), b.right());
            assertThat(k.y()).isBetween(b.y(), b.bottom());
        }
        // the person's right eye is on the image's left; eyes above the nose, the nose above the
        // mouth (a flipped decoding would put them upside down)
        assertThat(f.keypoint(Landmark.RIGHT_EYE).x())
                .isLessThan(f.keypoint(Landmark.LEFT_EYE).x());
        assertThat(f.keypoint(Landmark.RIGHT_EYE).y())
                .isLessThan(f.keypoint(Landmark.NOSE_TIP).y());
        assertThat(f.keypoint(Landmark.NOSE_TIP).y())
                .isLessThan(f.keypoint(Landmark.MOUTH_CENTER).y());
        assertThat(f.keypoint(Landmark.RIGHT_EAR).x())
                .isLessThan(f.keypoint(Landmark.NOSE_TIP).x());
        assertThat(f.keypoint(Landmark.LEFT_EAR).x())
                .isGreaterThan(f.keypoint(Landmark.NOSE_TIP).x());
    }

    @Test
    void a_frame_letterboxed_by_the_detector_and_one_padded_by_hand_give_the_same_boxes() {
        // 640 x 360 letterboxed into 128: 72 rows of image, 28 rows of black above and below; the
        // same frame padded by hand to 640 x 640 (140 rows each side) scales by the same 0.2
        BufferedImage frame = Photos.image("call_grid.jpg");
        BufferedImage padded = new BufferedImage(640, 640, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = padded.createGraphics();
        g.drawImage(frame, 0, 140, null);
        g.dispose();
        List<Face> a = front.detect(frame);
        List<Face> b = front.detect(padded);
        assertThat(b).hasSameSizeAs(a).isNotEmpty();
        for (int i = 0; i < a.size(); i++) {
            Box x = a.get(i).box();
            Box y = b.get(i).box();
            assertThat(y.x()).isCloseTo(x.x(), within(1.5));
            assertThat(y.y() - 140).isCloseTo(x.y(), within(1.5));
            assertThat(y.width()).isCloseTo(x.width(), within(1.5));
            assertThat(y.height()).isCloseTo(x.height(), within(1.5));
        }
    }

    @Test
    void the_score_threshold_is_an_option() {
        BufferedImage grid = Photos.image("call_grid.jpg");
        List<Face> all = front.detect(grid);
        double lowest = all.get(all.size() - 1).score();
        try (FaceDetector strict =
                FaceDetector.open(
                        FaceDetectorOptions.defaults()
                                .withThreads(1)
                                .withScoreThreshold(Math.min(1, lowest + 1e-3)))) {
            assertThat(strict.detect(grid)).hasSizeLessThan(all.size());
        }
    }

    @Test
    void concurrent_calls_give_the_same_faces_as_one_at_a_time() throws Exception {
        List<String> names = Photos.WITH_FACES;
        List<List<Face>> serial = names.stream().map(n -> front.detect(Photos.image(n))).toList();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<List<Face>>> futures =
                    names.stream()
                            .map(n -> pool.submit(() -> front.detect(Photos.image(n))))
                            .toList();
            for (int i = 0; i < names.size(); i++) {
                assertThat(futures.get(i).get()).isEqualTo(serial.get(i));
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void a_closed_detector_refuses_work() {
        FaceDetector d = FaceDetector.open(FaceDetectorOptions.defaults().withThreads(1));
        assertThat(d.options().model()).isEqualTo(BlazeFaceModel.FRONT_128);
        d.close();
        d.close();
        assertThatThrownBy(() -> d.detect(Photos.image("astronaut.jpg")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void bad_options_are_refused() {
        FaceDetectorOptions o = FaceDetectorOptions.defaults();
        assertThatThrownBy(() -> o.withScoreThreshold(1.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> o.withIouThreshold(-0.1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> o.withThreads(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_detected_face_crops_to_a_square_around_it() {
        BufferedImage img = Photos.image("grace_hopper.jpg");
        Face f = front.detect(img).get(0);
        FaceCrop crop = new FaceCrop(64);
        java.awt.Rectangle r = crop.region(f.box(), img.getWidth(), img.getHeight());
        assertThat(r.width).isEqualTo(r.height);
        assertThat((double) r.width)
                .isCloseTo(1.3 * Math.max(f.box().width(), f.box().height()), within(1.0));
        assertThat(r.contains(f.keypoint(Landmark.NOSE_TIP).x(), f.keypoint(Landmark.NOSE_TIP).y()))
                .isTrue();
        BufferedImage out = crop.crop(img, f);
        assertThat(out.getWidth()).isEqualTo(64);
        // the face is still found, larger, in its own crop
        List<Face> again = front.detect(out);
        assertThat(again).hasSize(1);
        assertThat(again.get(0).box().width()).isGreaterThan(0.6 * 64);
    }
}
