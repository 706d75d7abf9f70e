package org.deepfakeedge.serve;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.function.DoubleFunction;
import org.deepfakeedge.artifact.Preprocessors;
import org.deepfakeedge.data.ResizeMode;
import org.deepfakeedge.explain.Heatmap;
import org.deepfakeedge.faces.Face;
import org.deepfakeedge.faces.FaceCrop;
import org.deepfakeedge.faces.FaceDetector;
import org.deepfakeedge.provenance.Json;
import org.deepfakeedge.runtime.Detection;
import org.deepfakeedge.runtime.Detector;
import org.deepfakeedge.scan.ScanOptions;

/**
 * What {@code POST /v1/explain} computes: heatmaps of where the model found evidence for "fake",
 * over the whole image or, with faces on or auto, over each face crop the image is scored by.
 *
 * <p>A heatmap costs about 50 forward passes with occlusion ({@link Detector#explain}), so
 * explanations are kept off the detection path: they run on the request thread directly on the
 * detector (ONNX Runtime sessions run concurrently), never through the micro-batcher's queue, and
 * at most {@code maxJobs} at once ({@link #tryAcquire}; the service answers 429 beyond). With
 * faces, at most {@value #MAX_FACES} faces are explained, the most fake first. Thread-safe.
 */
final class Explanations {
    /** Most faces explained per image: each costs a full heatmap. */
    static final int MAX_FACES = 4;

    /**
     * One heatmap and where it lies in the image.
     *
     * @param map the heatmap over the model's input square
     * @param region the part of the image the square was cut from, in image pixels
     * @param pFake the model's score of that square (the whole image's, or the face crop's)
     * @param face the face the crop was cut around, or null for the whole image
     */
    record Explained(Heatmap map, Rectangle region, double pFake, Face face) {}

    /**
     * An image's explanation.
     *
     * @param width the image's width in pixels
     * @param height the image's height in pixels
     * @param pFake the image's score as {@code /v1/detect} gives it (most-fake face), or null with
     *     faces on and no face
     * @param maps the heatmaps, most fake first; empty only with faces on and no face
     * @param faces faces found, or -1 with faces off
     */
    record Result(int width, int height, Double pFake, List<Explained> maps, int faces) {}

    private final Detector detector;
    private final ScanOptions scoring;
    private final FaceDetector faces;
    private final FaceCrop crop;
    private final ResizeMode resize;
    private final int maxJobs;
    private final Semaphore jobs;

    /**
     * @param detector the model
     * @param scoring the service's face options (as {@code /v1/detect} applies them)
     * @param faces the service's face detector, or null with faces off
     * @param maxJobs explanations computed at once
     */
    Explanations(Detector detector, ScanOptions scoring, FaceDetector faces, int maxJobs) {
        this.detector = detector;
        this.scoring = scoring;
        this.faces = faces;
        int size = detector.manifest().spec().imageSize();
        this.crop = new FaceCrop(size).withMargin(scoring.faceMargin());
        this.resize = Preprocessors.of(detector.manifest().preprocessing()).resizeMode();
        this.maxJobs = maxJobs;
        this.jobs = new Semaphore(maxJobs);
    }

    /** Takes a job permit if one is free; the caller must {@link #release} it. */
    boolean tryAcquire() {
        return jobs.tryAcquire();
    }

    void release() {
        jobs.release();
    }

    /** Explanations being computed now. */
    int running() {
        return maxJobs - jobs.availablePermits();
    }

    int maxJobs() {
        return maxJobs;
    }

    /** Explains a decoded image the way {@code /v1/detect} scores it. */
    Result explain(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        if (faces == null || scoring.faces() == ScanOptions.FaceMode.OFF) {
            Explained e = whole(image);
            return new Result(w, h, e.pFake(), List.of(e), -1);
        }
        List<Face> found = faces.detect(image);
        if (found.isEmpty()) {
            boolean whole =
                    scoring.faces() == ScanOptions.FaceMode.AUTO
                            && scoring.noFace() == ScanOptions.NoFace.WHOLE;
            if (!whole) {
                return new Result(w, h, null, List.of(), 0);
            }
            Explained e = whole(image);
            return new Result(w, h, e.pFake(), List.of(e), 0);
        }
        List<BufferedImage> crops = new ArrayList<>(found.size());
        for (Face f : found) {
            crops.add(crop.crop(image, f));
        }
        List<Detection> scores = detector.detectAll(crops);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble(i -> -scores.get(i).pFake()));
        List<Explained> maps = new ArrayList<>();
        for (int i : order.subList(0, Math.min(MAX_FACES, order.size()))) {
            Face f = found.get(i);
            maps.add(
                    new Explained(
                            detector.explain(crops.get(i)),
                            crop.region(f.box(), w, h),
                            scores.get(i).pFake(),
                            f));
        }
        return new Result(w, h, scores.get(order.get(0)).pFake(), maps, found.size());
    }

    private Explained whole(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        Rectangle region = new Rectangle(0, 0, w, h);
        if (resize == ResizeMode.CENTER_CROP) { // as ImagePreprocessor.resizeToRgb
            int side = Math.min(w, h);
            region = new Rectangle((w - side) / 2, (h - side) / 2, side, side);
        }
        return new Explained(detector.explain(image), region, detector.detect(image).pFake(), null);
    }

    /**
     * The JSON answer: the image's verdict ({@code verdict} turns a score into {@code p_fake,
     * label, threshold}), the image's size, and each heatmap as a PNG data URL with its region.
     */
    static ObjectNode json(Result r, DoubleFunction<ObjectNode> verdict, double threshold) {
        ObjectNode o;
        if (r.pFake() == null) {
            o = Json.MAPPER.createObjectNode();
            o.putNull("p_fake");
            o.putNull("label");
            o.put("threshold", threshold);
        } else {
            o = verdict.apply(r.pFake());
        }
        int passes = 0;
        for (Explained e : r.maps()) {
            passes += e.map().forwardPasses();
        }
        o.put("method", r.maps().isEmpty() ? (String) null : r.maps().get(0).map().method());
        o.put("forward_passes", passes);
        ObjectNode image = o.putObject("image");
        image.put("width", r.width());
        image.put("height", r.height());
        ArrayNode maps = o.putArray("heatmaps");
        for (Explained e : r.maps()) {
            ObjectNode m = maps.addObject();
            m.set("region", region(e.region()));
            m.put("size", e.map().size());
            m.put("method", e.map().method());
            m.put("forward_passes", e.map().forwardPasses());
            m.put("p_fake", e.pFake());
            if (e.face() != null) {
                ObjectNode f = m.putObject("face");
                f.set("box", box(e.face()));
                f.put("score", Math.round(e.face().score() * 1e4) / 1e4);
            }
            m.put("png", HeatmapPng.dataUrl(HeatmapPng.encode(e.map())));
        }
        if (r.faces() >= 0) {
            o.put("faces", r.faces());
            o.put("no_face", r.faces() == 0);
        }
        return o;
    }

    /**
     * The PNG answer: the most-fake heatmap, with where it lies ({@code X-Heatmap-Region: x,y,w,h}
     * in image pixels), how it was made and the score of its square in headers.
     *
     * @throws HttpError 422 when there is no heatmap (faces on, no face)
     */
    static void png(Context ctx, Result r) {
        if (r.maps().isEmpty()) {
            throw new HttpError(
                    422,
                    "no_face",
                    "no face found (serve --faces on): nothing was scored, so there is no"
                            + " heatmap");
        }
        Explained top = r.maps().get(0);
        Rectangle g = top.region();
        ctx.header("X-Heatmap-Region", g.x + "," + g.y + "," + g.width + "," + g.height);
        ctx.header("X-Heatmap-Method", top.map().method());
        ctx.header("X-Heatmap-Forward-Passes", Integer.toString(top.map().forwardPasses()));
        ctx.header("X-P-Fake", Double.toString(top.pFake()));
        ctx.header("X-Image-Size", r.width() + "x" + r.height());
        ctx.contentType("image/png").result(HeatmapPng.encode(top.map()));
    }

    private static ArrayNode region(Rectangle r) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        a.add(r.x).add(r.y).add(r.width).add(r.height);
        return a;
    }

    private static ArrayNode box(Face f) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        a.add(round1(f.box().x()))
                .add(round1(f.box().y()))
                .add(round1(f.box().width()))
                .add(round1(f.box().height()));
        return a;
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
