package org.deepfakeedge.scan;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import org.deepfakeedge.DeepfakeEdgeException;
import org.deepfakeedge.data.BadImageException;
import org.deepfakeedge.data.ImageDecoder;
import org.deepfakeedge.runtime.Detector;
import org.deepfakeedge.video.VideoFrame;
import org.deepfakeedge.video.VideoOptions;
import org.deepfakeedge.video.VideoReader;

/**
 * Scores one file at a time with a detector: an image is one frame, a video its sampled frames.
 * Each frame is scored by a {@link FrameScorer}: with faces on or auto, each face found is cropped
 * and scored, and the frame takes its most-fake face; without faces (off, or none found with {@code
 * --no-face whole}) the whole frame is scored. A video's file score aggregates its scored frames
 * ({@link Aggregation}). Crops and frames are resized to the model's input by the detector's own
 * preprocessing. With {@link ScanOptions#explain} set, a scored image's regions (the whole image or
 * its face crops), and a video's most-fake scored frame's, are explained and drawn into that folder
 * ({@link ExplanationWriter}) before the result, which names the files, is returned.
 *
 * <p>{@link #scan} never throws for a bad file: every problem becomes the result's {@code error}.
 * Each call opens its own video reader, so {@link #scan} may run on several threads at once when
 * the detector can (a {@link FrameScorer} shares its face detector, which is thread-safe).
 */
public final class FileScanner implements AutoCloseable {
    private final Detector detector;
    private final ScanOptions options;
    private final String modelId;
    private final FrameScorer frameScorer;
    private final boolean ownsFrames;
    private final VideoOptions videoOptions;
    private final ExplanationWriter explanations;

    /**
     * @param detector the classifier (not closed by this scanner)
     * @param options how to scan
     * @throws org.deepfakeedge.InvalidInputException if the options' unsure band does not contain
     *     the model's threshold
     */
    public FileScanner(Detector detector, ScanOptions options) {
        this(detector, options, VideoOptions.defaults());
    }

    /**
     * @param detector the classifier (not closed by this scanner)
     * @param options how to scan
     * @param videoOptions how videos are decoded (a parallel scan gives each worker's decoder its
     *     share of the threads, {@link ScanWorkers#videoOptions})
     */
    public FileScanner(Detector detector, ScanOptions options, VideoOptions videoOptions) {
        this(detector, new FrameScorer(detector, options), true, videoOptions);
    }

    /**
     * A scanner whose frames are scored by {@code frames} (shared, not closed by this scanner), for
     * a service that keeps one face detector for all its requests.
     *
     * @param detector the classifier's model: threshold and model id of the results
     * @param frames scores each frame; its options are the scan's
     */
    public FileScanner(Detector detector, FrameScorer frames) {
        this(detector, frames, false, VideoOptions.defaults());
    }

    private FileScanner(
            Detector detector, FrameScorer frames, boolean ownsFrames, VideoOptions videoOptions) {
        this.videoOptions = videoOptions;
        this.detector = detector;
        this.options = frames.options();
        if (options.unsure() != null) {
            options.unsure().checkContains(detector.manifest().threshold());
        }
        this.modelId = modelId(detector);
        this.frameScorer = frames;
        this.ownsFrames = ownsFrames;
        this.explanations =
                options.explain() == null
                        ? null
                        : new ExplanationWriter(detector, options.explain());
    }

    /** The id results carry: the manifest's artifact id, else the model file's SHA-256. */
    public static String modelId(Detector detector) {
        String id = detector.manifest().artifactId();
        if (id != null && !id.isBlank()) {
            return id;
        }
        Path src = detector.source();
        if (src != null && Files.isRegularFile(src)) {
            try (InputStream in = Files.newInputStream(src)) {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                byte[] buf = new byte[1 << 16];
                int n;
                while ((n = in.read(buf)) > 0) {
                    md.update(buf, 0, n);
                }
                return HexFormat.of().formatHex(md.digest());
            } catch (IOException | NoSuchAlgorithmException e) {
                throw new IllegalStateException("cannot hash " + src, e);
            }
        }
        return String.valueOf(src);
    }

    /** The model id this scanner writes into results. */
    public String modelId() {
        return modelId;
    }

    /** The key of a file as it is now on disk (what {@code --resume} compares). */
    public ScanResult.Key keyOf(ScanInput in) {
        FileStat st = FileStat.of(in.path());
        return new ScanResult.Key(in.path().toString(), st.size, st.mtime, modelId);
    }

    /** Scans one file. */
    public ScanResult scan(ScanInput in) {
        return read(in, frameScorer::scoreWithRegions);
    }

    /**
     * Decodes one file as {@link #scan} does (the same image decoder, the same sampled video
     * frames) without looking for faces or scoring: the result has no score, {@code frames_read}
     * the frames decoded, {@code no_face} false. What {@code scan --decode-only} measures.
     */
    public ScanResult decode(ScanInput in) {
        return read(in, DECODE_ONLY);
    }

    /** What becomes of each decoded frame. */
    private interface FrameRule {
        ScoredFrame apply(BufferedImage image, int index, double time);
    }

    /** A decoded frame left unscored, no face looked for. */
    private static final FrameRule DECODE_ONLY =
            (image, index, time) ->
                    new ScoredFrame(
                            new ScanResult.FrameScore(index, time, null, false, List.of()),
                            image,
                            List.of());

    /**
     * Scans an image held in memory, as a Spark task reads it with {@code binaryFile}: the same
     * decoding and scoring as {@link #scan}, the result naming {@code name} with the given size and
     * modification time.
     */
    public ScanResult scanImage(String name, long size, String mtime, byte[] content) {
        Source src = new Source(name, ScanInput.Kind.IMAGE, size, mtime, null);
        return guarded(
                src,
                () -> image(src, ImageDecoder.read(content, name), frameScorer::scoreWithRegions));
    }

    /**
     * Scans a video from the local file {@code local} (for example a task's copy of a file on a
     * cluster file system), the result naming the original {@code name}, size and modification
     * time.
     */
    public ScanResult scanVideo(String name, long size, String mtime, Path local) {
        Source src = new Source(name, ScanInput.Kind.VIDEO, size, mtime, local);
        return guarded(src, () -> video(src, frameScorer::scoreWithRegions));
    }

    /** The error result of a file that could not even be read (its bytes never arrived). */
    public ScanResult unreadable(
            String name, ScanInput.Kind kind, long size, String mtime, String error) {
        return failure(new Source(name, kind, size, mtime, null), error);
    }

    /** A file as results name it, and where its bytes are on this machine. */
    private record Source(String name, ScanInput.Kind kind, long size, String mtime, Path local) {
        static Source of(ScanInput in) {
            FileStat st = FileStat.of(in.path());
            return new Source(in.path().toString(), in.kind(), st.size, st.mtime, in.path());
        }
    }

    private interface Work {
        ScanResult run() throws BadImageException;
    }

    private ScanResult read(ScanInput in, FrameRule rule) {
        Source src = Source.of(in);
        if (in.error() != null) {
            return failure(src, in.error());
        }
        return switch (in.kind()) {
            case IMAGE -> guarded(src, () -> image(src, ImageDecoder.read(in.path()), rule));
            case VIDEO -> guarded(src, () -> video(src, rule));
            case UNKNOWN -> failure(src, "not an image or video file");
        };
    }

    /** Runs {@code work}; every problem becomes the result's error. */
    private ScanResult guarded(Source src, Work work) {
        try {
            return work.run();
        } catch (DeepfakeEdgeException | BadImageException e) {
            String m = stripPath(e.getMessage(), src.name());
            return failure(src, src.local() == null ? m : stripPath(m, src.local()));
        } catch (RuntimeException | OutOfMemoryError e) {
            return failure(src, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private ScanResult image(Source src, BufferedImage img, FrameRule rule) {
        ScoredFrame frame = rule.apply(img, 0, 0.0);
        ScanResult r = result(src, List.of(frame.score()), rule == DECODE_ONLY);
        return rule == DECODE_ONLY ? r : explained(r, src, -1, frame);
    }

    private ScanResult video(Source src, FrameRule rule) {
        List<ScanResult.FrameScore> frames = new ArrayList<>();
        ScoredFrame mostFake = null; // the frame a video's explanation shows
        try (VideoReader video = VideoReader.open(src.local(), videoOptions)) {
            for (Iterator<VideoFrame> it = video.frames(options.sampling()); it.hasNext(); ) {
                VideoFrame f = it.next();
                ScoredFrame s = rule.apply(f.image(), f.index(), f.timestampSeconds());
                frames.add(s.score());
                if (explanations != null && moreFake(s, mostFake)) {
                    mostFake = s;
                }
            }
        }
        ScanResult r = result(src, frames, rule == DECODE_ONLY);
        if (rule == DECODE_ONLY || r.failed()) {
            return r;
        }
        return mostFake == null
                ? explained(r, src, -1, null)
                : explained(r, src, mostFake.score().index(), mostFake);
    }

    /** True if {@code s} was scored higher than {@code best} (the first of equal frames wins). */
    private static boolean moreFake(ScoredFrame s, ScoredFrame best) {
        Double p = s.score().pFake();
        return p != null && (best == null || p > best.score().pFake());
    }

    /**
     * With {@code --explain}, {@code r} with the overlays of {@code frame} (null: none was scored);
     * without, {@code r} itself.
     */
    private ScanResult explained(ScanResult r, Source src, int frameIndex, ScoredFrame frame) {
        if (explanations == null || r.failed()) {
            return r;
        }
        return r.withExplanation(
                frame == null ? List.of() : explanations.write(src.name(), frameIndex, frame));
    }

    private ScanResult result(Source src, List<ScanResult.FrameScore> frames, boolean decodedOnly) {
        double[] scored =
                frames.stream()
                        .filter(f -> f.pFake() != null)
                        .mapToDouble(ScanResult.FrameScore::pFake)
                        .toArray();
        int faceCount = frames.stream().mapToInt(f -> f.faces().size()).sum();
        boolean noFace =
                !decodedOnly && options.faces() != ScanOptions.FaceMode.OFF && faceCount == 0;
        double threshold = detector.manifest().threshold();
        Double p = scored.length == 0 ? null : options.aggregation().apply(scored);
        String label =
                p == null
                        ? null
                        : options.unsure() != null
                                ? options.unsure().label(p, threshold, "real", "fake")
                                : (p >= threshold ? "fake" : "real");
        String err = frames.isEmpty() ? "no frame could be read" : null;
        return new ScanResult(
                src.name(),
                src.kind().id(),
                src.size(),
                src.mtime(),
                modelId,
                p,
                label,
                threshold,
                scored.length,
                frames.size(),
                faceCount,
                noFace,
                err,
                options.details() ? List.copyOf(frames) : null,
                null);
    }

    private ScanResult failure(Source src, String error) {
        return new ScanResult(
                src.name(),
                src.kind().id(),
                src.size(),
                src.mtime(),
                modelId,
                null,
                null,
                detector.manifest().threshold(),
                0,
                0,
                0,
                false,
                error,
                null,
                null);
    }

    /** The message without a leading {@code <path>: } (the result names the file already). */
    public static String stripPath(String message, Path path) {
        String line = stripPath(message, path.toString());
        String abs = path.toAbsolutePath().toString();
        return line.startsWith(abs + ": ") ? line.substring(abs.length() + 2) : line;
    }

    /** The message without a leading {@code <name>: }, on one line. */
    static String stripPath(String message, String name) {
        if (message == null) {
            return "unknown error";
        }
        String line = message.replace('\n', ' ').replace('\r', ' ');
        return line.startsWith(name + ": ") ? line.substring(name.length() + 2) : line;
    }

    /** Closes the frame scorer if this scanner made it. */
    @Override
    public void close() {
        if (ownsFrames) {
            frameScorer.close();
        }
    }

    /** Size and mtime, -1 / null when the file cannot be read (a dangling link). */
    private record FileStat(long size, String mtime) {
        static FileStat of(Path p) {
            try {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                return new FileStat(a.size(), a.lastModifiedTime().toInstant().toString());
            } catch (IOException | RuntimeException e) {
                return new FileStat(-1, null);
            }
        }
    }
}
