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
 * preprocessing.
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

    /**
     * @param detector the classifier (not closed by this scanner)
     * @param options how to scan
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
        this.modelId = modelId(detector);
        this.frameScorer = frames;
        this.ownsFrames = ownsFrames;
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
        return read(in, frameScorer::score);
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
        ScanResult.FrameScore apply(BufferedImage image, int index, double time);
    }

    /** A decoded frame left unscored, no face looked for. */
    private static final FrameRule DECODE_ONLY =
            (image, index, time) -> new ScanResult.FrameScore(index, time, null, false, List.of());

    private ScanResult read(ScanInput in, FrameRule rule) {
        FileStat st = FileStat.of(in.path());
        if (in.error() != null) {
            return failure(in, st, in.error());
        }
        try {
            return switch (in.kind()) {
                case IMAGE -> scanImage(in, st, rule);
                case VIDEO -> scanVideo(in, st, rule);
                case UNKNOWN -> failure(in, st, "not an image or video file");
            };
        } catch (DeepfakeEdgeException e) {
            return failure(in, st, stripPath(e.getMessage(), in.path()));
        } catch (RuntimeException | OutOfMemoryError e) {
            return failure(in, st, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private ScanResult scanImage(ScanInput in, FileStat st, FrameRule rule) {
        BufferedImage img;
        try {
            img = ImageDecoder.read(in.path());
        } catch (BadImageException e) {
            return failure(in, st, stripPath(e.getMessage(), in.path()));
        }
        List<ScanResult.FrameScore> frames = List.of(rule.apply(img, 0, 0.0));
        return result(in, st, frames, rule == DECODE_ONLY);
    }

    private ScanResult scanVideo(ScanInput in, FileStat st, FrameRule rule) {
        List<ScanResult.FrameScore> frames = new ArrayList<>();
        try (VideoReader video = VideoReader.open(in.path(), videoOptions)) {
            for (Iterator<VideoFrame> it = video.frames(options.sampling()); it.hasNext(); ) {
                VideoFrame f = it.next();
                frames.add(rule.apply(f.image(), f.index(), f.timestampSeconds()));
            }
        }
        return result(in, st, frames, rule == DECODE_ONLY);
    }

    private ScanResult result(
            ScanInput in, FileStat st, List<ScanResult.FrameScore> frames, boolean decodedOnly) {
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
        String label = p == null ? null : (p >= threshold ? "fake" : "real");
        String err = frames.isEmpty() ? "no frame could be read" : null;
        return new ScanResult(
                in.path().toString(),
                in.kind().id(),
                st.size,
                st.mtime,
                modelId,
                p,
                label,
                threshold,
                scored.length,
                frames.size(),
                faceCount,
                noFace,
                err,
                options.details() ? List.copyOf(frames) : null);
    }

    private ScanResult failure(ScanInput in, FileStat st, String error) {
        return new ScanResult(
                in.path().toString(),
                in.kind().id(),
                st.size,
                st.mtime,
                modelId,
                null,
                null,
                detector.manifest().threshold(),
                0,
                0,
                0,
                false,
                error,
                null);
    }

    /** The message without a leading {@code <path>: } (the result names the file already). */
    public static String stripPath(String message, Path path) {
        if (message == null) {
            return "unknown error";
        }
        String line = message.replace('\n', ' ').replace('\r', ' ');
        for (String prefix : new String[] {path.toString(), path.toAbsolutePath().toString()}) {
            if (line.startsWith(prefix + ": ")) {
                return line.substring(prefix.length() + 2);
            }
        }
        return line;
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
