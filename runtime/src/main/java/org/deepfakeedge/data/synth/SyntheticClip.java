package org.deepfakeedge.data.synth;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The frames of one synthetic video clip: a camera panning slowly over one rendered scene, with
 * known real and fake segments. The codec-free half of the built-in videos ({@code
 * org.deepfakeedge.video.SyntheticVideos} in the video module encodes them).
 *
 * <p>The scene is rendered once by the still-image generator's {@link SceneRenderer}, a little
 * larger than a frame; frame k is the frame-sized window at the pan's offset for k (whole pixels,
 * 0.2 to 0.6 pixels per frame in a random direction). A real frame is that window photographed by
 * {@link Camera}; a fake frame is the same window through the clip's {@link FakeFamily}, exactly as
 * the still-image generator makes its fake class from a scene. Every frame restarts the clip's
 * camera and artifact streams, so the optical blur, the sensor noise, the family's settings and its
 * fingerprint are the same in every frame and fixed to the frame grid while the scene moves under
 * them (a frame-by-frame face swap leaves its fingerprint on the frame grid too). Since a family
 * draws its camera effects in the order {@link Camera} does, a fake frame is its real frame plus
 * the family's fingerprint, noise and all.
 *
 * <p>Even-numbered clips are real throughout; odd-numbered clips hold one fake segment of a third
 * to two thirds of their frames at a random place. Families take turns over the fake clips with
 * {@code mixed}. A clip is a pure function of (spec seed, spec generator, spec image size, index,
 * frames); {@link #frame} is thread-safe.
 */
public final class SyntheticClip {

    /**
     * A run of frames with one label.
     *
     * @param start the first frame
     * @param end the frame after the last ({@code [start, end)})
     * @param label {@code real} or {@code fake}
     */
    public record Segment(int start, int end, String label) {}

    private final int size;
    private final int frames;
    private final Planes scene;
    private final FakeFamily family;
    private final long cameraSeed;
    private final long artifactSeed;
    private final double startX;
    private final double startY;
    private final double stepX;
    private final double stepY;
    private final List<Segment> segments;

    private SyntheticClip(
            int size,
            int frames,
            Planes scene,
            FakeFamily family,
            long cameraSeed,
            long artifactSeed,
            double[] pan,
            List<Segment> segments) {
        this.size = size;
        this.frames = frames;
        this.scene = scene;
        this.family = family;
        this.cameraSeed = cameraSeed;
        this.artifactSeed = artifactSeed;
        this.startX = pan[0];
        this.startY = pan[1];
        this.stepX = pan[2];
        this.stepY = pan[3];
        this.segments = segments;
    }

    /**
     * Plans clip {@code index} and renders its scene.
     *
     * @param spec frame size ({@code imageSize}, square), seed and generator (not {@code shapes});
     *     the count and split fractions are not used
     * @param index the clip's number, >= 0
     * @param frames frames in the clip, >= 1
     * @throws IllegalArgumentException for {@code shapes}, a negative index or no frames
     */
    public static SyntheticClip of(SynthSpec spec, int index, int frames) {
        Objects.requireNonNull(spec, "spec");
        if ("shapes".equals(spec.generator())) {
            throw new IllegalArgumentException("videos are real/fake: 'shapes' has no fakes");
        }
        if (index < 0 || frames < 1) {
            throw new IllegalArgumentException(
                    "need index >= 0 and frames >= 1, found " + index + ", " + frames);
        }
        SplittableRandom root =
                new SplittableRandom(SyntheticDatasets.clipSeed(spec.seed(), index));
        SplittableRandom sceneRng = root.split();
        long cameraSeed = root.nextLong();
        long artifactSeed = root.nextLong();
        SplittableRandom plan = root.split();
        int n = spec.imageSize();
        double speed = RandomDraws.uniform(plan, 0.2, 0.6);
        double angle = RandomDraws.uniform(plan, 0.0, 2.0 * Math.PI);
        double stepX = speed * StrictMath.cos(angle);
        double stepY = speed * StrictMath.sin(angle);
        int spanX = (int) Math.ceil(Math.abs(stepX) * (frames - 1));
        int spanY = (int) Math.ceil(Math.abs(stepY) * (frames - 1));
        double[] pan = {stepX < 0 ? spanX : 0, stepY < 0 ? spanY : 0, stepX, stepY};
        Planes scene =
                SceneRenderer.render(
                        sceneRng, n + Math.max(spanX, spanY), SceneRenderer.Subject.ANY);
        List<Segment> segments;
        if (index % 2 == 0) {
            segments = List.of(new Segment(0, frames, "real"));
        } else {
            int length = Math.max(1, frames / 3 + plan.nextInt(frames / 3 + 1));
            int start = plan.nextInt(frames - length + 1);
            segments =
                    List.of(
                                    new Segment(0, start, "real"),
                                    new Segment(start, start + length, "fake"),
                                    new Segment(start + length, frames, "real"))
                            .stream()
                            .filter(s -> s.end() > s.start())
                            .toList();
        }
        FakeFamily family = SyntheticDatasets.family(spec, index / 2);
        return new SyntheticClip(n, frames, scene, family, cameraSeed, artifactSeed, pan, segments);
    }

    /** Frame width and height in pixels. */
    public int size() {
        return size;
    }

    /** Frames in the clip. */
    public int frames() {
        return frames;
    }

    /** The runs of real and fake frames, in order, covering {@code [0, frames)}. */
    public List<Segment> segments() {
        return segments;
    }

    /** {@code fake} if any frame is, else {@code real}. */
    public String label() {
        return segments.stream().anyMatch(s -> s.label().equals("fake")) ? "fake" : "real";
    }

    /** The family of the fake frames (also for a real clip: what {@link #frame(int, int)} uses). */
    public String generator() {
        return family.folderName();
    }

    /** 1 if frame {@code k} lies in a fake segment, else 0. */
    public int labelOf(int k) {
        checkFrame(k);
        for (Segment s : segments) {
            if (k >= s.start() && k < s.end()) {
                return s.label().equals("fake") ? 1 : 0;
            }
        }
        throw new IllegalStateException("segments do not cover frame " + k);
    }

    /** Frame {@code k} as its segment says. */
    public BufferedImage frame(int k) {
        return frame(k, labelOf(k));
    }

    /**
     * Frame {@code k} rendered real (0) or fake (1) whatever its segment, so that a test can set
     * one against the other.
     */
    public BufferedImage frame(int k, int label) {
        checkFrame(k);
        if (label != 0 && label != 1) {
            throw new IllegalArgumentException("label must be 0 or 1, found " + label);
        }
        int ox = (int) Math.round(startX + k * stepX);
        int oy = (int) Math.round(startY + k * stepY);
        Planes window = new Planes(size);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < size; y++) {
                System.arraycopy(
                        scene.ch[c], (oy + y) * scene.size + ox, window.ch[c], y * size, size);
            }
        }
        SplittableRandom camera = new SplittableRandom(cameraSeed);
        Planes img =
                label == 0
                        ? Camera.capture(window, camera)
                        : family.render(window, camera, new SplittableRandom(artifactSeed));
        return img.toImage();
    }

    private void checkFrame(int k) {
        if (k < 0 || k >= frames) {
            throw new IllegalArgumentException("frame must be in [0, " + frames + "), found " + k);
        }
    }
}
