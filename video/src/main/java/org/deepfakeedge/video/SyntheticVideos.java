package org.deepfakeedge.video;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.data.synth.SynthSpec;
import org.deepfakeedge.data.synth.SyntheticClip;
import org.deepfakeedge.data.synth.SyntheticDatasets;
import org.deepfakeedge.provenance.Json;

/**
 * The built-in synthetic videos: {@link SyntheticClip}s (a camera panning over a rendered scene,
 * known real and fake segments) encoded as MP4 files, with a manifest {@value #MANIFEST} naming
 * every file's label and segments; the library side of {@code deepfake-edge dataset synth-videos}.
 *
 * <p>Decoded frames are deterministic given the spec (the renderer is a pure function; the encoders
 * run on one thread), and one build of the bundled FFmpeg writes the same bytes for the same spec;
 * another FFmpeg version may encode differently.
 */
public final class SyntheticVideos {

    /** The manifest's file name. */
    public static final String MANIFEST = "videos.json";

    /** The value of {@code source} in the manifest. */
    public static final String SOURCE = "deepfake-edge synthetic videos";

    /**
     * Bits per pixel and frame: high enough that the fake families' faint fingerprints survive
     * encoding (a fake segment's decoded frames stay closer to their fake render than to their real
     * one, {@code SyntheticVideosTest}).
     */
    static final double BITS_PER_PIXEL = 3.0;

    /** The encoders offered: both are in the bundled (LGPL) FFmpeg build. */
    public enum Codec {
        /** H.264 (libopenh264, constrained baseline): plays everywhere. */
        H264("libopenh264"),
        /** MPEG-4 part 2 (FFmpeg's own encoder). */
        MPEG4("mpeg4");

        private final String encoder;

        Codec(String encoder) {
            this.encoder = encoder;
        }

        /** FFmpeg's encoder name. */
        public String encoder() {
            return encoder;
        }

        /** Parses {@code h264|mpeg4}. */
        public static Codec parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("--codec must be h264 or mpeg4, found '" + s + "'");
            }
        }
    }

    /**
     * What to write.
     *
     * @param size frame width and height in pixels, even, in [32, 2048]
     * @param count videos, >= 1
     * @param frames frames per video, >= 1
     * @param fps frames per second, in [1, 120]
     * @param seed the seed of every clip
     * @param generator the fake family: {@code mixed} (taking turns), {@code checkerboard}, {@code
     *     smooth}, {@code spectral}
     * @param codec the encoder
     */
    public record Spec(
            int size, int count, int frames, int fps, long seed, String generator, Codec codec) {

        public Spec {
            if (size < 32 || size > SynthSpec.MAX_IMAGE_SIZE || size % 2 != 0) {
                throw new InvalidInputException(
                        "--size must be even and in [32, 2048], found " + size);
            }
            if (count < 1 || frames < 1) {
                throw new InvalidInputException(
                        "--count and --frames must be >= 1, found " + count + ", " + frames);
            }
            if (fps < 1 || fps > 120) {
                throw new InvalidInputException("--fps must be in [1, 120], found " + fps);
            }
            if ("shapes".equalsIgnoreCase(generator)) {
                throw new InvalidInputException(
                        "--generator shapes has no fakes; videos take mixed, checkerboard, smooth"
                                + " or spectral");
            }
            generator = synth(size, seed, generator).generator();
        }

        /** 4 videos of 48 frames (2 s at 24 fps), 128×128, seed 42, mixed, H.264. */
        public static Spec defaults() {
            return new Spec(128, 4, 48, 24, 42, "mixed", Codec.H264);
        }

        /** The still-image generator's spec behind the clips (size, seed, generator). */
        public SynthSpec synthSpec() {
            return synth(size, seed, generator);
        }

        private static SynthSpec synth(int size, long seed, String generator) {
            return SynthSpec.defaults().withImageSize(size).withSeed(seed).withGenerator(generator);
        }
    }

    /**
     * One video in the manifest.
     *
     * @param file the file name inside the folder
     * @param label {@code fake} if any frame is fake
     * @param generator the fake family of its fake frames (null for a real video)
     * @param frames frames in the file
     * @param width frame width
     * @param height frame height
     * @param fps frames per second
     * @param segments the runs of real and fake frames, {@code [start, end)}, covering the video
     */
    public record Entry(
            String file,
            String label,
            String generator,
            int frames,
            int width,
            int height,
            int fps,
            List<SyntheticClip.Segment> segments) {}

    /**
     * The manifest, {@value #MANIFEST}.
     *
     * @param source {@value #SOURCE}
     * @param schemaVersion 1
     * @param spec what was written
     * @param videos every video, in file name order
     */
    public record Manifest(String source, int schemaVersion, Spec spec, List<Entry> videos) {}

    private SyntheticVideos() {}

    /** The clip behind video {@code index} (the frames the writer encodes). */
    public static SyntheticClip clip(Spec spec, int index) {
        return SyntheticClip.of(spec.synthSpec(), index, spec.frames());
    }

    /** The file name of video {@code index}. */
    public static String fileName(int index) {
        return String.format(Locale.ROOT, "clip-%05d.mp4", index);
    }

    /**
     * Writes the videos into {@code out} and the manifest last, so a folder with {@value #MANIFEST}
     * is complete (a killed run leaves the folder without one).
     *
     * @param out the folder; must not exist, or be empty
     * @return the manifest written
     * @throws InvalidInputException if {@code out} is a file or a non-empty folder
     */
    public static Manifest write(Spec spec, Path out) throws IOException {
        SyntheticDatasets.checkOutputFolder(out);
        Files.createDirectories(out);
        VideoEncoder.Settings settings =
                new VideoEncoder.Settings(
                        "mp4",
                        spec.codec().encoder(),
                        spec.size(),
                        spec.size(),
                        spec.fps(),
                        spec.fps(), // a keyframe every second: sampled frames are reached fast
                        0,
                        (int)
                                Math.min(
                                        Integer.MAX_VALUE,
                                        Math.round(
                                                BITS_PER_PIXEL
                                                        * spec.size()
                                                        * spec.size()
                                                        * spec.fps())),
                        Map.of());
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < spec.count(); i++) {
            SyntheticClip clip = clip(spec, i);
            String name = fileName(i);
            try (VideoEncoder e = VideoEncoder.open(out.resolve(name), settings)) {
                for (int k = 0; k < clip.frames(); k++) {
                    e.write(clip.frame(k));
                }
            }
            boolean fake = clip.label().equals("fake");
            entries.add(
                    new Entry(
                            name,
                            clip.label(),
                            fake ? clip.generator() : null,
                            clip.frames(),
                            spec.size(),
                            spec.size(),
                            spec.fps(),
                            clip.segments()));
        }
        Manifest m = new Manifest(SOURCE, 1, spec, List.copyOf(entries));
        Json.write(out.resolve(MANIFEST), m);
        return m;
    }
}
