package org.deepfakeedge.scan;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.deepfakeedge.faces.Face;
import org.deepfakeedge.faces.FaceCrop;
import org.deepfakeedge.faces.FaceDetector;
import org.deepfakeedge.runtime.Detection;
import org.deepfakeedge.runtime.Detector;

/**
 * Scores one frame (an image, or a video frame) the way {@code scan}, {@code predict --faces} and
 * the service all do: with faces {@code OFF} the whole frame; otherwise each face the detector
 * finds is cropped (square, {@link ScanOptions#faceMargin}, moved inside the frame) and the crops
 * are scored in one classifier call, and the frame takes its <b>most-fake face</b>, because one
 * manipulated face makes the frame fake. A frame without a face is scored whole with {@code AUTO}
 * and {@code --no-face whole}, else left unscored.
 *
 * <p>Thread-safe when its {@link Classifier} is (a {@link Detector}'s is): the face detector is
 * shared, and {@link FaceDetector} is thread-safe.
 */
public final class FrameScorer implements AutoCloseable {

    /**
     * Scores images (face crops or whole frames) with the model: one p_fake per image, in order.
     */
    @FunctionalInterface
    public interface Classifier {
        /**
         * @param images decoded images of any size (the classifier resizes them as it was trained)
         * @return p_fake per image
         */
        double[] pFake(List<BufferedImage> images);

        /** The detector's own batched scoring ({@link Detector#detectAll}). */
        static Classifier of(Detector detector) {
            return images ->
                    detector.detectAll(images).stream().mapToDouble(Detection::pFake).toArray();
        }
    }

    private final Classifier classifier;
    private final ScanOptions options;
    private final FaceCrop crop;
    private final boolean ownsFaces;
    private FaceDetector faces;

    /**
     * A scorer over {@code detector} that opens its own face detector ({@link
     * ScanOptions#faceDetectorOptions}) on the first frame that needs one and closes it in {@link
     * #close}.
     *
     * @param detector the classifier (not closed by this scorer)
     * @param options faces, no-face rule, crop margin, face model, threshold and threads
     */
    public FrameScorer(Detector detector, ScanOptions options) {
        this(Classifier.of(detector), detector.manifest().spec().imageSize(), options, null);
    }

    /**
     * A scorer with its own classifier and, optionally, a face detector shared with others.
     *
     * @param classifier scores crops and whole frames
     * @param imageSize the classifier's input side, the size crops are cut to
     * @param options faces, no-face rule, crop margin (face model, threshold and threads only when
     *     {@code faces} is null)
     * @param faces a face detector this scorer uses but does not close, or null to open its own
     *     when first needed
     */
    public FrameScorer(
            Classifier classifier, int imageSize, ScanOptions options, FaceDetector faces) {
        this.classifier = classifier;
        this.options = options;
        this.crop = new FaceCrop(imageSize).withMargin(options.faceMargin());
        this.faces = faces;
        this.ownsFaces = faces == null;
    }

    /** The options this scorer applies. */
    public ScanOptions options() {
        return options;
    }

    /**
     * Scores one frame.
     *
     * @param image the decoded frame
     * @param index the frame's index (0 for an image), copied into the result
     * @param time the frame's time in seconds, copied into the result
     * @return the frame's score: p_fake of the most-fake face, of the whole frame, or null
     */
    public ScanResult.FrameScore score(BufferedImage image, int index, double time) {
        return scoreWithRegions(image, index, time).score();
    }

    /**
     * Scores one frame as {@link #score} does, keeping the images the classifier scored (the whole
     * frame or the face crops, with each crop's square in the frame), so the frame can be explained
     * afterwards ({@link ExplanationWriter}).
     */
    public ScoredFrame scoreWithRegions(BufferedImage image, int index, double time) {
        if (options.faces() == ScanOptions.FaceMode.OFF) {
            return wholeFrame(
                    image, new ScanResult.FrameScore(index, time, whole(image), true, List.of()));
        }
        List<Face> found = faceDetector().detect(image);
        if (found.isEmpty()) {
            boolean whole =
                    options.faces() == ScanOptions.FaceMode.AUTO
                            && options.noFace() == ScanOptions.NoFace.WHOLE;
            Double p = whole ? whole(image) : null;
            ScanResult.FrameScore s = new ScanResult.FrameScore(index, time, p, whole, List.of());
            return whole ? wholeFrame(image, s) : new ScoredFrame(s, image, List.of());
        }
        List<BufferedImage> crops = new ArrayList<>(found.size());
        List<ScoredFrame.Region> regions = new ArrayList<>(found.size());
        for (Face f : found) {
            BufferedImage c = crop.crop(image, f);
            crops.add(c);
            regions.add(
                    new ScoredFrame.Region(
                            c, crop.region(f.box(), image.getWidth(), image.getHeight())));
        }
        double[] d = classifier.pFake(crops);
        List<ScanResult.FaceScore> scores = new ArrayList<>(found.size());
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < found.size(); i++) {
            Face f = found.get(i);
            best = Math.max(best, d[i]);
            scores.add(
                    new ScanResult.FaceScore(
                            new double[] {
                                round1(f.box().x()),
                                round1(f.box().y()),
                                round1(f.box().width()),
                                round1(f.box().height())
                            },
                            Math.round(f.score() * 1e4) / 1e4,
                            d[i]));
        }
        return new ScoredFrame(
                new ScanResult.FrameScore(index, time, best, false, scores), image, regions);
    }

    private static ScoredFrame wholeFrame(BufferedImage image, ScanResult.FrameScore s) {
        return new ScoredFrame(s, image, List.of(ScoredFrame.Region.whole(image)));
    }

    private double whole(BufferedImage image) {
        return classifier.pFake(List.of(image))[0];
    }

    /** Opened on first use, so that a scan with faces off never loads the face model. */
    private synchronized FaceDetector faceDetector() {
        if (faces == null) {
            faces = FaceDetector.open(options.faceDetectorOptions());
        }
        return faces;
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** Closes the face detector if this scorer opened it. */
    @Override
    public synchronized void close() {
        if (ownsFaces && faces != null) {
            faces.close();
            faces = null;
        }
    }
}
