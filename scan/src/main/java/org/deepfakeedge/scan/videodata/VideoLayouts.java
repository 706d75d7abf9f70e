package org.deepfakeedge.scan.videodata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.data.Split;
import org.deepfakeedge.scan.CsvText;
import org.deepfakeedge.scan.ScanInputs;

/**
 * Recognises the folder layout of a video data set and lists its videos with label, generator,
 * compression, the layout's own split and source identities (see {@code docs/datasets.md}):
 *
 * <ul>
 *   <li>{@code faceforensics++}: {@code original_sequences/<source>/<c>/videos/*.mp4} real, {@code
 *       manipulated_sequences/<Method>/<c>/videos/*.mp4} fake (generator = method), {@code <c>} the
 *       compression; a fake {@code <target>_<source>.mp4} shows identities {@code target} and
 *       {@code source};
 *   <li>{@code celeb-df-v2}: {@code Celeb-real/}, {@code YouTube-real/} real, {@code
 *       Celeb-synthesis/} fake; {@code List_of_testing_videos.txt} ({@code <label> <path>}, label 1
 *       real and 0 fake in that file) is the test split;
 *   <li>{@code dfdc}: {@code metadata.json} in the root or its sub-folders ({@code {"x.mp4":
 *       {"label": "FAKE", "original": "y.mp4", "split": "train"}}}); a fake shares its original's
 *       identity;
 *   <li>{@code video-folders}: {@code real/} and {@code fake/} (or {@code 0_X}/{@code 1_X}) folders
 *       of videos; a first sub-folder below {@code fake/} names the generator;
 *   <li>{@code video-list}: a CSV list {@code path,label[,split][,generator][,original]}.
 * </ul>
 *
 * Reads names and lists only, never decodes a video. Stateless and thread-safe.
 */
public final class VideoLayouts {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String FFPP_ORIGINAL = "original_sequences";
    private static final String FFPP_MANIPULATED = "manipulated_sequences";
    private static final Set<String> FFPP_COMPRESSIONS = Set.of("c0", "c23", "c40", "raw");
    private static final String CELEB_TEST_LIST = "List_of_testing_videos.txt";

    private VideoLayouts() {}

    /**
     * Opens a video data set.
     *
     * @param root the data set's folder, or a CSV list of videos
     * @return the videos, sorted by id
     * @throws InvalidInputException if the folder is missing, looks like a layout but is broken
     *     (the message says what is missing), holds no videos, or matches no layout
     */
    public static VideoDataset open(Path root) {
        Path dir = root.toAbsolutePath().normalize();
        if (Files.isRegularFile(dir) && name(dir).toLowerCase(Locale.ROOT).endsWith(".csv")) {
            return checked(csvList(dir));
        }
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(
                    "Video data set not found: " + dir + ". Fix: pass --data a folder of videos.");
        }
        List<String> warnings = new ArrayList<>();
        List<Path> subdirs = subdirectories(dir);
        VideoDataset ds;
        if (child(subdirs, FFPP_ORIGINAL).isPresent()
                || child(subdirs, FFPP_MANIPULATED).isPresent()) {
            ds = faceForensics(dir, subdirs, warnings);
        } else if (Stream.of("celeb-real", "youtube-real", "celeb-synthesis")
                .anyMatch(n -> child(subdirs, n).isPresent())) {
            ds = celebDf(dir, subdirs, warnings);
        } else if (Files.isRegularFile(dir.resolve("metadata.json"))
                || subdirs.stream()
                        .anyMatch(d -> Files.isRegularFile(d.resolve("metadata.json")))) {
            ds = dfdc(dir, subdirs, warnings);
        } else if (!classFolders(subdirs).isEmpty()) {
            ds = videoFolders(dir, subdirs, warnings);
        } else {
            throw new InvalidInputException(
                    "Unrecognised video data-set layout at "
                            + dir
                            + ": found folders "
                            + subdirs.stream().map(VideoLayouts::name).limit(12).toList()
                            + ". Expected FaceForensics++ (original_sequences/,"
                            + " manipulated_sequences/), Celeb-DF v2 (Celeb-real/, YouTube-real/,"
                            + " Celeb-synthesis/), DFDC (metadata.json) or real/ and fake/ folders"
                            + " of videos. Fix: arrange the videos as one of these.");
        }
        return checked(ds);
    }

    /** Rejects a data set without videos or without one of the classes. */
    private static VideoDataset checked(VideoDataset ds) {
        Path dir = ds.root();
        if (ds.videos().isEmpty()) {
            throw new InvalidInputException(
                    "No videos found in the "
                            + ds.layout()
                            + " data set at "
                            + dir
                            + ". Fix: point --data at the folder that holds the videos.");
        }
        for (int label = 0; label <= 1; label++) {
            int l = label;
            if (ds.videos().stream().noneMatch(v -> v.label() == l)) {
                throw new InvalidInputException(
                        "The "
                                + ds.layout()
                                + " data set at "
                                + dir
                                + " has no "
                                + (label == 0 ? "real" : "fake")
                                + " videos. Fix: add them; a detector needs both classes.");
            }
        }
        return ds;
    }

    /** FaceForensics++: original_sequences and manipulated_sequences. */
    private static VideoDataset faceForensics(Path dir, List<Path> subdirs, List<String> warnings) {
        Optional<Path> original = child(subdirs, FFPP_ORIGINAL);
        Optional<Path> manipulated = child(subdirs, FFPP_MANIPULATED);
        if (original.isEmpty() || manipulated.isEmpty()) {
            throw new InvalidInputException(
                    "Found "
                            + dir.resolve(original.isPresent() ? FFPP_ORIGINAL : FFPP_MANIPULATED)
                            + " but no "
                            + (original.isPresent() ? FFPP_MANIPULATED : FFPP_ORIGINAL)
                            + " next to it: a FaceForensics++ data set needs both"
                            + " (original_sequences/<youtube|actors>/<c0|c23|c40|raw>/videos and"
                            + " manipulated_sequences/<Method>/<c>/videos). Fix: download or"
                            + " unpack the missing part into "
                            + dir
                            + ".");
        }
        List<VideoItem> videos = new ArrayList<>();
        for (Path source : subdirectories(original.get())) {
            addFaceForensicsVideos(dir, source, 0, "", videos, warnings);
        }
        for (Path method : subdirectories(manipulated.get())) {
            addFaceForensicsVideos(dir, method, 1, name(method), videos, warnings);
        }
        return finish(dir, "faceforensics++", videos, false, warnings);
    }

    /** Adds {@code group/<c>/videos/*}; FF++ names a video by the identities it shows. */
    private static void addFaceForensicsVideos(
            Path root,
            Path group,
            int label,
            String generator,
            List<VideoItem> videos,
            List<String> warnings) {
        boolean any = false;
        for (Path level : subdirectories(group)) {
            Path folder = level.resolve("videos");
            // masks/videos (the manipulation masks) and other side folders are no videos of
            // the data set
            if (!FFPP_COMPRESSIONS.contains(name(level).toLowerCase(Locale.ROOT))
                    || !Files.isDirectory(folder)) {
                continue;
            }
            any = true;
            for (Path file : videosIn(folder)) {
                // "000_003" -> 000, 003; actors "01_02__exit_phone_room__YVGY8LOK" -> 01, 02
                String stem = stem(file).split("__")[0];
                List<String> ids = Arrays.stream(stem.split("_")).map(s -> "ffpp:" + s).toList();
                videos.add(
                        new VideoItem(
                                file,
                                relative(root, file),
                                label,
                                generator,
                                name(level).toLowerCase(Locale.ROOT),
                                null,
                                ids));
            }
        }
        if (!any) {
            warnings.add(
                    "Ignored folder " + group + ": no <c0|c23|c40|raw>/videos folder below it.");
        }
    }

    /** Celeb-DF v2: Celeb-real, YouTube-real, Celeb-synthesis and the test list. */
    private static VideoDataset celebDf(Path dir, List<Path> subdirs, List<String> warnings) {
        Optional<Path> synthesis = child(subdirs, "celeb-synthesis");
        List<Path> reals =
                Stream.of("celeb-real", "youtube-real")
                        .map(n -> child(subdirs, n))
                        .flatMap(Optional::stream)
                        .toList();
        if (synthesis.isEmpty() || reals.isEmpty()) {
            throw new InvalidInputException(
                    "Found a partial Celeb-DF v2 data set at "
                            + dir
                            + ": "
                            + (synthesis.isEmpty()
                                    ? "no Celeb-synthesis/ folder of fakes"
                                    : "no Celeb-real/ or YouTube-real/ folder of reals")
                            + ". Fix: unpack all of Celeb-DF v2 (Celeb-real, YouTube-real,"
                            + " Celeb-synthesis, List_of_testing_videos.txt) into "
                            + dir
                            + ".");
        }
        List<VideoItem> videos = new ArrayList<>();
        for (Path folder : reals) {
            for (Path file : videosUnder(folder)) {
                videos.add(celebVideo(dir, file, 0, "", folder));
            }
        }
        for (Path file : videosUnder(synthesis.get())) {
            videos.add(celebVideo(dir, file, 1, "Celeb-synthesis", synthesis.get()));
        }
        Path list = dir.resolve(CELEB_TEST_LIST);
        if (!Files.isRegularFile(list)) {
            warnings.add(
                    "No "
                            + CELEB_TEST_LIST
                            + " in "
                            + dir
                            + ": Celeb-DF's official test split is unknown, so the split is"
                            + " seeded.");
            return finish(dir, "celeb-df-v2", videos, false, warnings);
        }
        Map<String, Integer> byId = new HashMap<>();
        for (int i = 0; i < videos.size(); i++) {
            byId.put(videos.get(i).id().toLowerCase(Locale.ROOT), i);
        }
        List<String> lines = readLines(list);
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\\s+", 2);
            String where = list + " line " + (n + 1);
            if (parts.length != 2 || !(parts[0].equals("0") || parts[0].equals("1"))) {
                warnings.add(where + ": expected '<0|1> <relative path>', found '" + line + "'.");
                continue;
            }
            Integer i = byId.get(parts[1].replace('\\', '/').toLowerCase(Locale.ROOT));
            if (i == null) {
                warnings.add(where + ": " + parts[1] + " is not in the data set; skipped.");
                continue;
            }
            VideoItem v = videos.get(i);
            // Celeb-DF's list says 1 for real and 0 for synthesis, the reverse of ours.
            int label = parts[0].equals("1") ? 0 : 1;
            if (label != v.label()) {
                warnings.add(
                        where
                                + ": label "
                                + parts[0]
                                + " disagrees with the folder of "
                                + parts[1]
                                + "; the folder's label is kept.");
            }
            videos.set(i, v.withSplit(Split.TEST));
        }
        return finish(dir, "celeb-df-v2", videos, true, warnings);
    }

    private static VideoItem celebVideo(
            Path root, Path file, int label, String generator, Path folder) {
        // "id0_0000" -> id0; fakes "id0_id16_0000" -> id0, id16; YouTube-real "00000" alone
        List<String> ids =
                Arrays.stream(stem(file).split("_"))
                        .filter(p -> p.startsWith("id"))
                        .map(p -> "celeb:" + p)
                        .toList();
        if (ids.isEmpty()) {
            ids = List.of(relative(root, file));
        }
        return new VideoItem(file, relative(root, file), label, generator, "", null, ids);
    }

    /** DFDC: one metadata.json per folder. */
    private static VideoDataset dfdc(Path dir, List<Path> subdirs, List<String> warnings) {
        List<Path> folders = new ArrayList<>();
        if (Files.isRegularFile(dir.resolve("metadata.json"))) {
            folders.add(dir);
        }
        subdirs.stream()
                .filter(d -> Files.isRegularFile(d.resolve("metadata.json")))
                .forEach(folders::add);
        List<VideoItem> videos = new ArrayList<>();
        boolean ownTest = false;
        for (Path folder : folders) {
            Path meta = folder.resolve("metadata.json");
            JsonNode root;
            try {
                root = JSON.readTree(meta.toFile());
            } catch (IOException e) {
                throw new InvalidInputException(
                        "Cannot read DFDC metadata "
                                + meta
                                + ": "
                                + e.getMessage()
                                + ". Fix: restore the file from the download.",
                        e);
            }
            if (root == null || !root.isObject()) {
                throw new InvalidInputException(
                        "DFDC metadata "
                                + meta
                                + " is not a JSON object of {\"x.mp4\": {\"label\": ...}}. Fix:"
                                + " restore the file from the download.");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String labelText = e.getValue().path("label").asText("").toUpperCase(Locale.ROOT);
                if (!labelText.equals("REAL") && !labelText.equals("FAKE")) {
                    throw new InvalidInputException(
                            "DFDC metadata "
                                    + meta
                                    + ": "
                                    + e.getKey()
                                    + " has label '"
                                    + labelText
                                    + "', expected REAL or FAKE. Fix: correct the entry.");
                }
                Path file = folder.resolve(e.getKey());
                if (!Files.isRegularFile(file)) {
                    warnings.add(meta + ": " + e.getKey() + " is listed but missing; skipped.");
                    continue;
                }
                String id = relative(dir, file);
                String original = e.getValue().path("original").asText("");
                List<String> ids =
                        original.isEmpty() || original.equals("null")
                                ? List.of(id)
                                : List.of(id, relative(dir, folder.resolve(original)));
                Split split = null;
                Optional<Split> named = Split.fromName(e.getValue().path("split").asText(""));
                if (named.isPresent() && named.get() != Split.TRAIN) {
                    split = named.get();
                    ownTest |= split == Split.TEST;
                }
                videos.add(
                        new VideoItem(
                                file, id, labelText.equals("FAKE") ? 1 : 0, "", "", split, ids));
            }
        }
        if (!ownTest) {
            // DFDC's training parts all say "train": the metadata gives no split to keep.
            videos.replaceAll(v -> v.withSplit(null));
        }
        return finish(dir, "dfdc", videos, ownTest, warnings);
    }

    /**
     * A CSV list of videos: header {@code path,label[,split][,generator][,original]}, paths
     * relative to the list's folder or absolute, labels 0/1/real/fake; {@code original} names the
     * video a fake was made from (kept in its split). Bad rows are skipped with a warning.
     */
    private static VideoDataset csvList(Path csv) {
        Path dir = csv.getParent();
        List<String> lines = readLines(csv);
        List<String> header =
                lines.isEmpty()
                        ? List.of()
                        : CsvText.parseLine(lines.get(0).replace("\uFEFF", "")).stream()
                                .map(h -> h.trim().toLowerCase(Locale.ROOT))
                                .toList();
        int pathCol = header.indexOf("path");
        int labelCol = header.indexOf("label");
        if (pathCol < 0 || labelCol < 0) {
            throw new InvalidInputException(
                    "Video list "
                            + csv
                            + ": the header must name path,label[,split][,generator][,original]."
                            + " Fix: add that header line.");
        }
        List<String> warnings = new ArrayList<>();
        List<VideoItem> videos = new ArrayList<>();
        boolean ownTest = false;
        for (int n = 1; n < lines.size(); n++) {
            if (lines.get(n).isBlank()) {
                continue;
            }
            List<String> f = CsvText.parseLine(lines.get(n));
            String where = csv + " line " + (n + 1);
            String pathText = field(f, pathCol);
            String labelText = field(f, labelCol).toLowerCase(Locale.ROOT);
            int label =
                    switch (labelText) {
                        case "0", "real" -> 0;
                        case "1", "fake" -> 1;
                        default -> -1;
                    };
            Path file = dir.resolve(pathText).normalize();
            if (pathText.isEmpty() || label < 0 || !Files.isRegularFile(file)) {
                warnings.add(
                        where
                                + ": "
                                + (label < 0
                                        ? "label '" + labelText + "' is not 0, 1, real or fake"
                                        : "video not found: " + file)
                                + "; row skipped.");
                continue;
            }
            String splitText = field(f, header.indexOf("split"));
            Split split = splitText.isEmpty() ? null : Split.fromName(splitText).orElse(null);
            if (!splitText.isEmpty() && split == null) {
                warnings.add(
                        where
                                + ": split '"
                                + splitText
                                + "' is not train, val or test; row"
                                + " skipped.");
                continue;
            }
            ownTest |= split == Split.TEST;
            String id = relative(dir, file);
            String original = field(f, header.indexOf("original"));
            List<String> ids =
                    original.isEmpty()
                            ? List.of(id)
                            : List.of(id, relative(dir, dir.resolve(original).normalize()));
            videos.add(
                    new VideoItem(
                            file,
                            id,
                            label,
                            field(f, header.indexOf("generator")),
                            "",
                            split,
                            ids));
        }
        return finish(dir, "video-list", videos, ownTest, warnings);
    }

    private static String field(List<String> fields, int column) {
        return column >= 0 && column < fields.size() ? fields.get(column).trim() : "";
    }

    /** real/ and fake/ (or 0_X/1_X) folders of videos. */
    private static VideoDataset videoFolders(Path dir, List<Path> subdirs, List<String> warnings) {
        List<VideoItem> videos = new ArrayList<>();
        for (Map.Entry<Path, Integer> cf : classFolders(subdirs).entrySet()) {
            for (Path file : videosUnder(cf.getKey())) {
                Path rel = cf.getKey().relativize(file);
                String generator = rel.getNameCount() > 1 ? rel.getName(0).toString() : "";
                String id = relative(dir, file);
                videos.add(
                        new VideoItem(file, id, cf.getValue(), generator, "", null, List.of(id)));
            }
        }
        return finish(dir, "video-folders", videos, false, warnings);
    }

    private static Map<Path, Integer> classFolders(List<Path> subdirs) {
        Map<Path, Integer> found = new java.util.LinkedHashMap<>();
        for (Path d : subdirs) {
            String n = name(d).toLowerCase(Locale.ROOT);
            if (n.equals("real") || n.startsWith("0_")) {
                found.put(d, 0);
            } else if (n.equals("fake") || n.startsWith("1_")) {
                found.put(d, 1);
            }
        }
        return found;
    }

    private static VideoDataset finish(
            Path dir,
            String layout,
            List<VideoItem> videos,
            boolean ownTest,
            List<String> warnings) {
        videos.sort(Comparator.comparing(VideoItem::id));
        return new VideoDataset(dir, layout, videos, ownTest, warnings);
    }

    // --- file helpers

    private static Optional<Path> child(List<Path> subdirs, String lowerName) {
        return subdirs.stream()
                .filter(d -> name(d).toLowerCase(Locale.ROOT).equals(lowerName))
                .findFirst();
    }

    private static List<Path> subdirectories(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory)
                    .filter(d -> !name(d).startsWith(".") && !name(d).equals("__MACOSX"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
    }

    private static List<Path> videosIn(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(VideoLayouts::isVideo).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
    }

    private static List<Path> videosUnder(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(VideoLayouts::isVideo).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
    }

    private static boolean isVideo(Path p) {
        String n = name(p);
        int dot = n.lastIndexOf('.');
        return !n.startsWith(".")
                && dot > 0
                && Files.isRegularFile(p)
                && ScanInputs.VIDEO_EXTENSIONS.contains(
                        n.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException(
                    "Cannot read " + file + ": " + e.getMessage() + ". Fix: check the file.", e);
        }
    }

    static String name(Path p) {
        Path f = p.getFileName();
        return f == null ? p.toString() : f.toString();
    }

    private static String stem(Path file) {
        String n = name(file);
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }
}
