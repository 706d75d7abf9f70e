package org.deepfakeedge.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.data.ImageDecoder;
import org.deepfakeedge.faces.BlazeFaceModel;
import org.deepfakeedge.faces.Face;
import org.deepfakeedge.faces.FaceCrop;
import org.deepfakeedge.faces.FaceDetector;
import org.deepfakeedge.runtime.Detector;
import org.deepfakeedge.runtime.RuntimeChoice;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one frame rule on the committed face photos with a real exported model: scores equal what the
 * face detector, the crop and the classifier give by hand.
 */
class FrameScorerTest {
    @TempDir static Path tmp;
    static Detector detector;
    static FaceDetector faces;
    static BufferedImage astronaut;
    static BufferedImage coffee;
    static BufferedImage callGrid;

    @BeforeAll
    static void setUp() throws Exception {
        detector = Detector.load(ScanFixtures.onnxModel(tmp, 5), RuntimeChoice.AUTO, 1);
        faces = FaceDetector.open();
        astronaut = photo("astronaut.jpg");
        coffee = photo("coffee.jpg");
        callGrid = photo("call_grid.jpg");
    }

    @AfterAll
    static void tearDown() {
        faces.close();
        detector.close();
    }

    private static BufferedImage photo(String name) throws Exception {
        return ImageDecoder.read(ScanFixtures.photo(name, tmp.resolve("photos").resolve(name)));
    }

    private static ScanResult.FrameScore score(ScanOptions o, BufferedImage img) {
        try (FrameScorer s = new FrameScorer(detector, o)) {
            return s.score(img, 7, 0.25);
        }
    }

    /** p_fake of each face the default detector finds, cropped as the scorer crops. */
    private static double[] byHand(BufferedImage img) {
        FaceCrop crop = new FaceCrop(32);
        return faces.detect(img).stream()
                .mapToDouble(f -> detector.detect(crop.crop(img, f)).pFake())
                .toArray();
    }

    @Test
    void facesOffScoresTheWholeFrame() {
        ScanResult.FrameScore f =
                score(ScanOptions.defaults().withFaces(ScanOptions.FaceMode.OFF), astronaut);
        assertThat(f.pFake()).isCloseTo(detector.detect(astronaut).pFake(), within(1e-6));
        assertThat(f.wholeFrame()).isTrue();
        assertThat(f.faces()).isEmpty();
        assertThat(f.index()).isEqualTo(7);
        assertThat(f.time()).isEqualTo(0.25);
    }

    @Test
    void autoAndOnScoreTheFaceCropNotTheFrame() {
        double[] expected = byHand(astronaut);
        assertThat(expected).hasSize(1);
        for (ScanOptions.FaceMode mode :
                List.of(ScanOptions.FaceMode.AUTO, ScanOptions.FaceMode.ON)) {
            ScanResult.FrameScore f = score(ScanOptions.defaults().withFaces(mode), astronaut);
            assertThat(f.wholeFrame()).as(mode.name()).isFalse();
            assertThat(f.faces()).as(mode.name()).hasSize(1);
            assertThat(f.pFake()).as(mode.name()).isCloseTo(expected[0], within(1e-6));
            ScanResult.FaceScore face = f.faces().get(0);
            assertThat(face.pFake()).isCloseTo(expected[0], within(1e-6));
            assertThat(face.score()).isGreaterThanOrEqualTo(0.5);
            assertThat(face.box()[2]).isGreaterThan(50);
        }
        // the crop is what is scored: the whole photo gives another score
        assertThat(Math.abs(expected[0] - detector.detect(astronaut).pFake())).isGreaterThan(1e-6);
    }

    @Test
    void theMostFakeFaceWins() {
        double[] expected = byHand(callGrid);
        assertThat(expected.length).isGreaterThanOrEqualTo(2);
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (double p : expected) {
            max = Math.max(max, p);
            min = Math.min(min, p);
        }
        assertThat(max - min).as("faces with different scores").isGreaterThan(1e-5);
        ScanResult.FrameScore f = score(ScanOptions.defaults(), callGrid);
        assertThat(f.faces()).hasSize(expected.length);
        assertThat(f.faces())
                .extracting(ScanResult.FaceScore::pFake)
                .allSatisfy(p -> assertThat(p).isLessThanOrEqualTo(f.pFake()));
        assertThat(f.pFake()).isCloseTo(max, within(1e-6));
    }

    @Test
    void aFrameWithoutAFaceIsScoredWholeOrNotAtAll() {
        ScanResult.FrameScore whole = score(ScanOptions.defaults(), coffee);
        assertThat(whole.pFake()).isCloseTo(detector.detect(coffee).pFake(), within(1e-6));
        assertThat(whole.wholeFrame()).isTrue();
        assertThat(whole.faces()).isEmpty();
        ScanResult.FrameScore skip =
                score(ScanOptions.defaults().withNoFace(ScanOptions.NoFace.SKIP), coffee);
        assertThat(skip.pFake()).isNull();
        assertThat(skip.wholeFrame()).isFalse();
        ScanResult.FrameScore on =
                score(ScanOptions.defaults().withFaces(ScanOptions.FaceMode.ON), coffee);
        assertThat(on.pFake()).isNull();
        assertThat(on.wholeFrame()).isFalse();
    }

    @Test
    void faceModelAndThresholdReachTheFaceDetector() throws Exception {
        // docs/faces.md: the front model misses the small profile face of small_faces.jpg
        BufferedImage small = photo("small_faces.jpg");
        int front = score(ScanOptions.defaults(), small).faces().size();
        ScanResult.FrameScore back =
                score(ScanOptions.defaults().withFaceModel(BlazeFaceModel.BACK_256), small);
        assertThat(back.faces().size()).isGreaterThan(front);
        // a threshold above every face's score finds none: the frame is scored whole
        double best = faces.detect(astronaut).stream().mapToDouble(Face::score).max().orElseThrow();
        ScanResult.FrameScore strict =
                score(
                        ScanOptions.defaults().withFaceThreshold(Math.min(1.0, best + 0.01)),
                        astronaut);
        assertThat(strict.faces()).isEmpty();
        assertThat(strict.wholeFrame()).isTrue();
        assertThat(ScanOptions.parseFaceModel("back")).isEqualTo(BlazeFaceModel.BACK_256);
        assertThat(ScanOptions.parseFaceModel("front")).isEqualTo(BlazeFaceModel.FRONT_128);
        assertThatThrownBy(() -> ScanOptions.parseFaceModel("side"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("front|back");
        assertThatThrownBy(() -> ScanOptions.defaults().withFaceThreshold(1.5))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--face-threshold");
    }

    @Test
    void aSharedFaceDetectorIsUsedAndLeftOpen() {
        double[] expected = byHand(astronaut);
        FrameScorer s =
                new FrameScorer(
                        FrameScorer.Classifier.of(detector), 32, ScanOptions.defaults(), faces);
        assertThat(s.score(astronaut, 0, 0).pFake()).isCloseTo(expected[0], within(1e-6));
        s.close();
        assertThat(faces.detect(astronaut)).hasSize(1); // still open
    }
}
