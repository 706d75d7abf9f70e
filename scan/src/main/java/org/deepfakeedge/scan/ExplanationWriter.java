package org.deepfakeedge.scan;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.deepfakeedge.DeepfakeEdgeException;
import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.artifact.Preprocessors;
import org.deepfakeedge.data.ResizeMode;
import org.deepfakeedge.explain.Heatmap;
import org.deepfakeedge.explain.HeatmapOverlay;
import org.deepfakeedge.explain.OverlayPng;
import org.deepfakeedge.runtime.Detector;

/**
 * Writes the heatmap overlays of {@code predict --explain DIR} and {@code scan --explain DIR}: for
 * each region a frame's score was computed on, {@link Detector#explain} of the image the classifier
 * saw, drawn ({@link HeatmapOverlay}) over the whole frame, or over the face's square of the frame
 * at the frame's resolution, and written atomically as a PNG into the folder.
 *
 * <p>File names ({@link #fileName}) are derived from the source's path, safe on every file system
 * and unique per source: {@code STEM-HASH[-frameN][-faceK].png}, where STEM is the file's name
 * without its extension reduced to {@code [A-Za-z0-9._-]} (at most 60 characters, no leading dot)
 * and HASH the first 16 hex digits of the SHA-256 of its absolute path, so that files of the same
 * name in different folders do not collide and a second run (or a resumed scan) replaces the same
 * files. Thread-safe: each call writes files of its own.
 */
public final class ExplanationWriter {
    private static final int MAX_STEM = 60;

    private final Detector detector;
    private final Path dir;
    private final ResizeMode resizeMode;

    /**
     * @param detector the model to explain (its {@link Detector#explain}: occlusion on ONNX
     *     Runtime, Grad-CAM on DJL)
     * @param dir the folder the overlays go to; created if missing
     * @throws InvalidInputException if the folder cannot be created
     */
    public ExplanationWriter(Detector detector, Path dir) {
        this.detector = detector;
        this.dir = prepare(dir);
        this.resizeMode = Preprocessors.of(detector.manifest().preprocessing()).resizeMode();
    }

    /**
     * Creates the folder if missing, before any file is scanned.
     *
     * @return the folder
     * @throws InvalidInputException naming the folder and the fix if it is a file or cannot be
     *     created
     */
    public static Path prepare(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(
                    "--explain "
                            + dir
                            + ": cannot create the folder ("
                            + e.getMessage()
                            + "); fix: name a folder you can write to",
                    e);
        }
        if (!Files.isWritable(dir)) {
            throw new InvalidInputException(
                    "--explain " + dir + ": the folder is not writable; fix: name another folder");
        }
        return dir;
    }

    /** The folder overlays go to. */
    public Path dir() {
        return dir;
    }

    /**
     * Explains each region of a scored frame and writes its overlay.
     *
     * @param source the scanned file's path, as results name it
     * @param frameIndex the video frame's index, or -1 for an image
     * @param frame the frame and its scored regions
     * @return the overlays' paths (the folder joined with the file name), in region order; empty
     *     when the frame was not scored
     * @throws DeepfakeEdgeException if an overlay cannot be written
     */
    public List<String> write(String source, int frameIndex, ScoredFrame frame) {
        return write(source, frameIndex, frame.image(), frame.regions());
    }

    /**
     * Explains a whole image, as scored without faces.
     *
     * @param source the image file's path
     * @param image the decoded image
     * @return the overlay's path, alone in a list
     */
    public List<String> writeWhole(String source, BufferedImage image) {
        return write(source, -1, image, List.of(ScoredFrame.Region.whole(image)));
    }

    private List<String> write(
            String source, int frameIndex, BufferedImage image, List<ScoredFrame.Region> regions) {
        List<String> paths = new ArrayList<>(regions.size());
        for (int i = 0; i < regions.size(); i++) {
            ScoredFrame.Region r = regions.get(i);
            Heatmap map = detector.explain(r.input());
            BufferedImage under = r.isWhole() ? image : faceArea(image, r);
            Path file = dir.resolve(fileName(source, frameIndex, r.isWhole() ? -1 : i));
            try {
                OverlayPng.write(file, HeatmapOverlay.render(under, map, resizeMode));
            } catch (IOException e) {
                throw new DeepfakeEdgeException(
                        "cannot write the explanation " + file + ": " + e.getMessage(), e);
            }
            paths.add(file.toString());
        }
        return paths;
    }

    /**
     * The face's square at the frame's resolution (the crop itself if it reached past the frame).
     */
    private static BufferedImage faceArea(BufferedImage frame, ScoredFrame.Region r) {
        Rectangle a = r.area();
        boolean inside =
                a.x >= 0
                        && a.y >= 0
                        && a.x + a.width <= frame.getWidth()
                        && a.y + a.height <= frame.getHeight();
        return inside ? frame.getSubimage(a.x, a.y, a.width, a.height) : r.input();
    }

    /**
     * The overlay's file name for a source.
     *
     * @param source the file's path
     * @param frameIndex the video frame, or -1 for an image
     * @param face the face's index in the frame (0-based; written 1-based), or -1 for the whole
     *     frame
     */
    public static String fileName(String source, int frameIndex, int face) {
        StringBuilder b = new StringBuilder(stem(source)).append('-').append(hash(source));
        if (frameIndex >= 0) {
            b.append("-frame").append(frameIndex);
        }
        if (face >= 0) {
            b.append("-face").append(face + 1);
        }
        return b.append(".png").toString();
    }

    private static String stem(String source) {
        String name = source.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            name = name.substring(0, dot);
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < name.length() && b.length() < MAX_STEM; i++) {
            char c = name.charAt(i);
            boolean safe =
                    c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.');
            b.append(safe ? c : '_');
        }
        while (b.length() > 0 && b.charAt(0) == '.') {
            b.deleteCharAt(0);
        }
        return b.length() == 0 ? "image" : b.toString();
    }

    /** 16 hex digits of the SHA-256 of the source's absolute, normalised path. */
    private static String hash(String source) {
        String key;
        try {
            key = Path.of(source).toAbsolutePath().normalize().toString();
        } catch (RuntimeException e) {
            key = source; // not a path of this file system (a URI): its name as given
        }
        try {
            byte[] d =
                    MessageDigest.getInstance("SHA-256")
                            .digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8).toLowerCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
