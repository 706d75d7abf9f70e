package org.deepfakeedge.scan.videodata;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.faces.Face;
import org.deepfakeedge.faces.FaceCrop;
import org.deepfakeedge.faces.FaceDetector;
import org.deepfakeedge.faces.FaceDetectorOptions;
import org.deepfakeedge.io.AtomicFiles;
import org.deepfakeedge.provenance.Json;
import org.deepfakeedge.scan.CsvText;
import org.deepfakeedge.scan.FileScanner;
import org.deepfakeedge.video.FrameSampling;
import org.deepfakeedge.video.VideoFrame;
import org.deepfakeedge.video.VideoReader;

/**
 * Turns a video data set into face-crop images the trainer reads: {@code dataset extract-faces}.
 *
 * <p>Each video is split by {@link VideoSplitter}, sampled evenly ({@link FrameSampling#evenly}),
 * and in every sampled frame the {@code facesPerFrame} most confident faces (then the largest) are
 * cropped with {@link FaceCrop} and written as PNG to {@code
 * OUT/<split>/<real|fake>/[<generator>/]<video>_f<frame>_<k>.png}, the standard layout of {@link
 * org.deepfakeedge.data.DatasetLoader} (so the folder itself loads too, without video ids). {@code
 * OUT/faces.csv} ({@code path,label,split,generator,video,frame,face,compression}) lists every crop
 * with its source video, for video-level metrics; {@code OUT/extract.json} records the layout and
 * settings.
 *
 * <p>Every file is written atomically. A video is done when its rows are written to {@code
 * OUT/.extract/<video>.csv}, after its crops; {@code resume} skips those videos, and {@code
 * faces.csv} is rebuilt from the parts at the end. A video that cannot be read is reported (one
 * line) and skipped; it is retried on resume. Not thread-safe; one extraction at a time per output.
 */
public final class FaceExtraction {

    /** The manifest's header; {@link org.deepfakeedge.data.DatasetLoader} reads it. */
    public static final String HEADER = "path,label,split,generator,video,frame,face,compression";

    private static final String PARTS = ".extract";

    /**
     * Extraction settings.
     *
     * @param frames frames sampled evenly per video, >= 1
     * @param facesPerFrame faces kept per frame (most confident first), >= 1
     * @param margin crop side over the face box side, >= 1
     * @param imageSize side of the square crops in pixels, >= 16
     * @param seed split seed
     * @param valFraction validation share of the video groups
     * @param testFraction test share of the video groups (unused when the layout has a test list)
     * @param resume skip videos finished by an earlier run into the same folder
     * @param threads face-detector threads (0: the detector's default)
     */
    public record Options(
            int frames,
            int facesPerFrame,
            double margin,
            int imageSize,
            long seed,
            double valFraction,
            double testFraction,
            boolean resume,
            int threads) {

        /** Validates the settings. */
        public Options {
            if (frames < 1) {
                throw new InvalidInputException("--frames must be >= 1, found " + frames);
            }
            if (facesPerFrame < 1) {
                throw new InvalidInputException(
                        "--faces-per-frame must be >= 1, found " + facesPerFrame);
            }
            if (!(margin >= 1.0)) {
                throw new InvalidInputException("--face-margin must be >= 1, found " + margin);
            }
            if (imageSize < 16) {
                throw new InvalidInputException("--image-size must be >= 16, found " + imageSize);
            }
        }
    }

    /**
     * What an extraction did.
     *
     * @param videos videos in the data set
     * @param extracted videos extracted by this run
     * @param resumed videos skipped because an earlier run finished them
     * @param withoutFaces videos (of this run) in which no face was found
     * @param crops face crops listed in the manifest (all runs)
     * @param errors one line per video that could not be read ({@code path: reason})
     * @param manifest the {@code faces.csv} written
     */
    public record Result(
            int videos,
            int extracted,
            int resumed,
            int withoutFaces,
            long crops,
            List<String> errors,
            Path manifest) {

        /** Copies the errors. */
        public Result {
            errors = List.copyOf(errors);
        }
    }

    /** Progress after each video. */
    @FunctionalInterface
    public interface Progress {
        /**
         * Called after each video.
         *
         * @param done videos finished (or skipped) so far
         * @param total videos in all
         * @param videosPerSecond rate of this run's extractions
         * @param etaSeconds estimated seconds left, NaN before the first extraction
         */
        void update(int done, int total, double videosPerSecond, double etaSeconds);
    }

    private FaceExtraction() {}

    /**
     * Runs an extraction.
     *
     * @param data the video data set
     * @param out the output folder: new or empty, or with {@code resume} one an earlier run wrote
     * @param options the settings
     * @param errors receives one line per unreadable video, as it happens
     * @param progress receives progress after each video
     * @return what was done
     * @throws InvalidInputException if {@code out} holds other files and {@code resume} is off
     * @throws IOException if the output cannot be written
     */
    public static Result run(
            VideoDataset data,
            Path out,
            Options options,
            Consumer<String> errors,
            Progress progress)
            throws IOException {
        Path dir = out.toAbsolutePath().normalize();
        if (!options.resume() && Files.isDirectory(dir) && !isEmpty(dir)) {
            throw new InvalidInputException(
                    "--out "
                            + dir
                            + " is not empty. Fix: pass a new folder, or --resume to continue an"
                            + " extraction into it.");
        }
        Path parts = Files.createDirectories(dir.resolve(PARTS));
        List<VideoItem> videos =
                VideoSplitter.assign(
                        data, options.seed(), options.valFraction(), options.testFraction());
        FaceCrop crop = new FaceCrop(options.imageSize()).withMargin(options.margin());
        FrameSampling sampling = FrameSampling.evenly(options.frames());
        List<String> failures = new ArrayList<>();
        int extracted = 0;
        int resumed = 0;
        int withoutFaces = 0;
        long t0 = System.nanoTime();
        FaceDetectorOptions fo = FaceDetectorOptions.defaults();
        try (FaceDetector detector =
                FaceDetector.open(options.threads() > 0 ? fo.withThreads(options.threads()) : fo)) {
            for (int i = 0; i < videos.size(); i++) {
                VideoItem v = videos.get(i);
                Path part = parts.resolve(key(v) + ".csv");
                if (options.resume() && Files.isRegularFile(part)) {
                    resumed++;
                } else {
                    try {
                        List<String> rows =
                                extract(v, dir, detector, crop, sampling, options.facesPerFrame());
                        AtomicFiles.write(
                                part, String.join("", rows).getBytes(StandardCharsets.UTF_8));
                        withoutFaces += rows.isEmpty() ? 1 : 0;
                        extracted++;
                    } catch (RuntimeException e) {
                        String line = v.path() + ": " + reason(e, v.path());
                        failures.add(line);
                        errors.accept(line);
                    }
                }
                double secs = (System.nanoTime() - t0) / 1e9;
                double rate = extracted / Math.max(secs, 1e-9);
                progress.update(
                        i + 1,
                        videos.size(),
                        rate,
                        extracted == 0 ? Double.NaN : (videos.size() - i - 1) / rate);
            }
        }
        long crops = writeManifest(dir, parts, videos);
        writeRecord(dir, data, options, videos.size(), crops, failures);
        return new Result(
                videos.size(),
                extracted,
                resumed,
                withoutFaces,
                crops,
                failures,
                dir.resolve("faces.csv"));
    }

    /** Crops one video's faces; returns its manifest rows. */
    private static List<String> extract(
            VideoItem v,
            Path out,
            FaceDetector detector,
            FaceCrop crop,
            FrameSampling sampling,
            int facesPerFrame)
            throws IOException {
        List<Path> written = new ArrayList<>();
        Path folder = out.resolve(v.split().id()).resolve(v.label() == 0 ? "real" : "fake");
        if (!v.generator().isEmpty()) {
            folder = folder.resolve(safe(v.generator()));
        }
        try (VideoReader reader = VideoReader.open(v.path())) {
            return cropFrames(
                    v, out, reader, detector, crop, sampling, facesPerFrame, folder, written);
        } catch (RuntimeException | IOException e) {
            // a video that fails midway leaves no crops behind: the folder stays loadable as is
            for (Path f : written) {
                Files.deleteIfExists(f);
            }
            throw e;
        }
    }

    /**
     * Crops the sampled frames' faces into {@code folder}, listing each file in {@code written}.
     */
    private static List<String> cropFrames(
            VideoItem v,
            Path out,
            VideoReader reader,
            FaceDetector detector,
            FaceCrop crop,
            FrameSampling sampling,
            int facesPerFrame,
            Path folder,
            List<Path> written)
            throws IOException {
        List<String> rows = new ArrayList<>();
        String className = v.label() == 0 ? "real" : "fake";
        for (Iterator<VideoFrame> it = reader.frames(sampling); it.hasNext(); ) {
            VideoFrame frame = it.next();
            List<Face> faces = new ArrayList<>(detector.detect(frame.image()));
            faces.sort(
                    Comparator.comparingDouble(Face::score)
                            .thenComparingDouble(f -> f.box().width() * f.box().height())
                            .reversed());
            for (int k = 0; k < Math.min(faces.size(), facesPerFrame); k++) {
                BufferedImage img = crop.crop(frame.image(), faces.get(k));
                Path file =
                        folder.resolve(
                                String.format(
                                        Locale.ROOT, "%s_f%05d_%d.png", key(v), frame.index(), k));
                AtomicFiles.write(file, png(img));
                written.add(file);
                rows.add(
                        String.join(
                                        ",",
                                        CsvText.field(VideoLayouts.relative(out, file)),
                                        className,
                                        v.split().id(),
                                        CsvText.field(v.generator()),
                                        CsvText.field(v.id()),
                                        Integer.toString(frame.index()),
                                        Integer.toString(k),
                                        v.compression())
                                + "\n");
            }
        }
        return rows;
    }

    private static long writeManifest(Path out, Path parts, List<VideoItem> videos)
            throws IOException {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        long crops = 0;
        for (VideoItem v : videos) {
            Path part = parts.resolve(key(v) + ".csv");
            if (Files.isRegularFile(part)) {
                List<String> rows = Files.readAllLines(part, StandardCharsets.UTF_8);
                for (String r : rows) {
                    sb.append(r).append('\n');
                }
                crops += rows.size();
            }
        }
        AtomicFiles.write(out.resolve("faces.csv"), sb.toString().getBytes(StandardCharsets.UTF_8));
        return crops;
    }

    private static void writeRecord(
            Path out, VideoDataset data, Options o, int videos, long crops, List<String> failures)
            throws IOException {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("data", data.root().toString());
        r.put("layout", data.layout());
        r.put("own_test_split", data.hasOwnTestSplit());
        r.put("split_seed", o.seed());
        r.put("val_fraction", o.valFraction());
        r.put("test_fraction", data.hasOwnTestSplit() ? null : o.testFraction());
        r.put("frames", o.frames());
        r.put("faces_per_frame", o.facesPerFrame());
        r.put("face_margin", o.margin());
        r.put("image_size", o.imageSize());
        r.put("videos", videos);
        r.put("crops", crops);
        r.put("errors", failures);
        AtomicFiles.write(
                out.resolve("extract.json"), Json.pretty(r).getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] png(BufferedImage img) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A file-name key unique per video: its id without extension, separators made safe. */
    static String key(VideoItem v) {
        String id = v.id();
        int dot = id.lastIndexOf('.');
        return safe(dot > id.lastIndexOf('/') ? id.substring(0, dot) : id).replace("/", "__");
    }

    private static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._/-]", "_");
    }

    /** The first line of the failure, without the video's path when it leads the message. */
    private static String reason(RuntimeException e, Path video) {
        String m = e.getMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        return FileScanner.stripPath(m.lines().findFirst().orElse(m), video);
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }
}
