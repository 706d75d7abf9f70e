package org.deepfakeedge.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.deepfakeedge.InvalidInputException;

/**
 * Reads a CSV manifest: header {@code path,label[,split][,generator][,video]} (columns in any
 * order, extra columns ignored), one image per row; {@code video} names the source video of a frame
 * (for video-level metrics).
 *
 * <p>Paths are absolute or relative to the manifest's folder; labels are {@code 0}, {@code 1},
 * {@code real} or {@code fake} in any case. Without a split column (or with it empty on every row)
 * the splits are seeded. Fields may be quoted ({@code "a,b.png"}, {@code ""} for a quote). Rows
 * that are malformed, name a missing or non-image file, or repeat a path are skipped with a warning
 * naming their line; if no row is usable the manifest is rejected. Stateless.
 */
final class CsvManifest {

    /** Malformed rows listed one by one before the rest are summarised. */
    private static final int MAX_ROW_WARNINGS = 20;

    private CsvManifest() {}

    static DatasetIndex read(Path csv, DatasetOptions options) {
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException(
                    "Cannot read CSV manifest "
                            + csv
                            + ": "
                            + e.getMessage()
                            + ". Fix: check that it is a readable UTF-8 text file.",
                    e);
        }
        Path root = csv.toAbsolutePath().normalize().getParent();
        int headerLine = 0;
        while (headerLine < lines.size() && lines.get(headerLine).isBlank()) {
            headerLine++;
        }
        if (headerLine == lines.size()) {
            throw new InvalidInputException(
                    "CSV manifest "
                            + csv
                            + " is empty. Fix: write a header path,label[,split]"
                            + "[,generator] and one row per image.");
        }
        String headerText = lines.get(headerLine).replace("\uFEFF", "");
        Map<String, Integer> columns = new HashMap<>();
        List<String> header = parseLine(headerText);
        for (int i = 0; i < header.size(); i++) {
            columns.putIfAbsent(header.get(i).trim().toLowerCase(Locale.ROOT), i);
        }
        Integer pathCol = columns.get("path");
        Integer labelCol = columns.get("label");
        Integer splitCol = columns.get("split");
        Integer generatorCol = columns.get("generator");
        Integer videoCol = columns.get("video");
        if (pathCol == null || labelCol == null) {
            throw new InvalidInputException(
                    "CSV manifest "
                            + csv
                            + ": header must name the columns path,label[,split]"
                            + "[,generator], found '"
                            + headerText.trim()
                            + "'. Fix: add that header line.");
        }

        List<String> bad = new ArrayList<>();
        List<Sample> samples = new ArrayList<>();
        List<Boolean> hasSplit = new ArrayList<>();
        List<Integer> lineOf = new ArrayList<>();
        Map<Path, Integer> seen = new HashMap<>();
        int rows = 0;
        for (int i = headerLine + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            rows++;
            int lineNo = i + 1;
            try {
                List<String> f = parseLine(line);
                int needed = Math.max(pathCol, labelCol) + 1;
                if (f.size() < needed) {
                    throw new IllegalArgumentException(
                            "expected at least " + needed + " columns, found " + f.size());
                }
                String pathText = f.get(pathCol).trim();
                if (pathText.isEmpty()) {
                    throw new IllegalArgumentException("empty path");
                }
                Path path;
                try {
                    path = root.resolve(pathText).normalize();
                } catch (InvalidPathException e) {
                    throw new IllegalArgumentException("invalid path '" + pathText + "'");
                }
                int label = parseLabel(f.get(labelCol));
                String splitText =
                        splitCol != null && splitCol < f.size() ? f.get(splitCol).trim() : "";
                Split split = Split.TRAIN;
                if (!splitText.isEmpty()) {
                    Optional<Split> parsed = Split.fromName(splitText);
                    if (parsed.isEmpty()) {
                        throw new IllegalArgumentException(
                                "split '" + splitText + "' is not train, val or test");
                    }
                    split = parsed.get();
                }
                String generator = optional(f, generatorCol);
                String video = optional(f, videoCol);
                if (!ImageFiles.isImageName(ImageFiles.name(path))) {
                    throw new IllegalArgumentException(
                            "'"
                                    + pathText
                                    + "' is not an image file name ("
                                    + ImageFiles.EXTENSIONS_TEXT
                                    + ")");
                }
                if (!Files.isRegularFile(path)) {
                    throw new IllegalArgumentException("file not found: " + path);
                }
                Integer first = seen.putIfAbsent(path, lineNo);
                if (first != null) {
                    throw new IllegalArgumentException("duplicate of line " + first);
                }
                samples.add(new Sample(path, label, split, generator, video));
                hasSplit.add(!splitText.isEmpty());
                lineOf.add(lineNo);
            } catch (IllegalArgumentException e) {
                bad.add("line " + lineNo + ": " + e.getMessage());
            }
        }
        if (samples.isEmpty()) {
            throw new InvalidInputException(
                    "CSV manifest "
                            + csv
                            + " has no usable rows ("
                            + rows
                            + " rows"
                            + (bad.isEmpty() ? "" : ", all malformed; first: " + bad.get(0))
                            + "). Fix: one row per image: path,label[,split][,generator] with"
                            + " label 0/1/real/fake.");
        }
        // Rows must agree on whether splits are given: silently seeding only some would leak
        // them into whichever split the seed picks.
        long withSplit = hasSplit.stream().filter(b -> b).count();
        boolean seeded = withSplit == 0;
        if (!seeded && withSplit < samples.size()) {
            List<Sample> kept = new ArrayList<>();
            for (int i = 0; i < samples.size(); i++) {
                if (hasSplit.get(i)) {
                    kept.add(samples.get(i));
                } else {
                    bad.add("line " + lineOf.get(i) + ": empty split while other rows have one");
                }
            }
            samples = kept;
        }
        List<String> warnings = new ArrayList<>();
        if (!bad.isEmpty()) {
            warnings.add("CSV manifest " + csv + ": skipped " + bad.size() + " malformed rows.");
            for (int i = 0; i < Math.min(bad.size(), MAX_ROW_WARNINGS); i++) {
                warnings.add("CSV manifest " + csv + " " + bad.get(i) + "; row skipped.");
            }
            if (bad.size() > MAX_ROW_WARNINGS) {
                warnings.add(
                        "CSV manifest "
                                + csv
                                + ": "
                                + (bad.size() - MAX_ROW_WARNINGS)
                                + " more malformed rows not listed.");
            }
        }
        return DatasetLoader.finish(
                root, "csv", List.of("real", "fake"), samples, seeded, options, warnings);
    }

    /** The trimmed field of an optional column, {@code ""} when the column or field is absent. */
    private static String optional(List<String> fields, Integer column) {
        return column != null && column < fields.size() ? fields.get(column).trim() : "";
    }

    private static int parseLabel(String text) {
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "0":
            case "real":
                return 0;
            case "1":
            case "fake":
                return 1;
            default:
                throw new IllegalArgumentException(
                        "label '" + text.trim() + "' is not 0, 1, real or fake");
        }
    }

    /** Splits one CSV line; quoted fields may hold commas and doubled quotes. */
    static List<String> parseLine(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated quoted field");
        }
        fields.add(field.toString());
        return fields;
    }
}
