package org.deepfakeedge.scan;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.deepfakeedge.InvalidInputException;

/**
 * The scan's output file, JSON Lines ({@code .jsonl}, {@code .json}, anything else) or CSV ({@code
 * .csv}): one complete line per file, each written with one call and flushed, so a killed scan
 * leaves at most one partial last line. {@link #open} with {@code resume} cuts that partial line
 * off and remembers the finished files' keys; without it the file is replaced.
 */
public final class ScanOutput implements AutoCloseable {
    /** The CSV columns, in order (also the header line): the JSON fields' order, named once. */
    public static final List<String> CSV_COLUMNS =
            List.of(ScanResult.class.getAnnotation(JsonPropertyOrder.class).value());

    /**
     * The CSV columns of scans written before {@code explanation} existed: such a file is resumed
     * in its own columns ({@link #recordsExplanations} false).
     */
    static final List<String> CSV_COLUMNS_WITHOUT_EXPLANATION =
            CSV_COLUMNS.stream().filter(c -> !c.equals("explanation")).toList();

    static final ObjectMapper MAPPER = JsonMapper.builder().build();

    /** Output formats. */
    public enum Format {
        JSONL,
        CSV;

        /** CSV for a {@code .csv} name, JSON Lines otherwise. */
        public static Format of(Path file) {
            String n = file.getFileName() == null ? "" : file.getFileName().toString();
            return n.toLowerCase(Locale.ROOT).endsWith(".csv") ? CSV : JSONL;
        }
    }

    private final Path file;
    private final Format format;
    private final java.io.Writer out;
    private final Set<ScanResult.Key> finished;
    private final int truncatedBytes;
    private final boolean explanationColumn;

    private ScanOutput(
            Path file,
            Format format,
            java.io.Writer out,
            Set<ScanResult.Key> finished,
            int truncatedBytes,
            boolean explanationColumn) {
        this.file = file;
        this.format = format;
        this.out = out;
        this.finished = finished;
        this.truncatedBytes = truncatedBytes;
        this.explanationColumn = explanationColumn;
    }

    /**
     * Opens the output.
     *
     * @param resume keep the finished lines of an existing file (its partial last line is cut off)
     *     and remember their keys; false replaces the file
     * @throws InvalidInputException if a resumed file holds a line that is not a result (not the
     *     last one: that one is the kill's partial line), or a CSV with another header
     */
    public static ScanOutput open(Path file, boolean resume) {
        Format format = Format.of(file);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Set<ScanResult.Key> done = new HashSet<>();
            int cut = 0;
            boolean explanationColumn = true;
            if (resume && Files.isRegularFile(file)) {
                cut = cutPartialLine(file);
                explanationColumn = readKeys(file, format, done);
            } else {
                Files.deleteIfExists(file);
            }
            OutputStream os =
                    Files.newOutputStream(
                            file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ScanOutput o =
                    new ScanOutput(
                            file,
                            format,
                            new java.io.OutputStreamWriter(os, StandardCharsets.UTF_8),
                            done,
                            cut,
                            explanationColumn);
            if (format == Format.CSV && Files.size(file) == 0) {
                o.writeLine(String.join(",", CSV_COLUMNS));
            }
            return o;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file + " for writing", e);
        }
    }

    /**
     * JSON Lines onto a writer (standard output), nothing to resume; {@link #close} flushes it but
     * does not close it.
     */
    public static ScanOutput toWriter(java.io.Writer w) {
        java.io.Writer unclosed =
                new java.io.FilterWriter(w) {
                    @Override
                    public void close() throws IOException {
                        flush();
                    }
                };
        return new ScanOutput(null, Format.JSONL, unclosed, new HashSet<>(), 0, true);
    }

    /** The output file, null for a writer. */
    public Path file() {
        return file;
    }

    /** The format. */
    public Format format() {
        return format;
    }

    /** Bytes of a partial last line that resuming cut off (0 if the file ended with a line). */
    public int truncatedBytes() {
        return truncatedBytes;
    }

    /**
     * False for a resumed CSV written before the {@code explanation} column existed: its rows go on
     * without it, so {@code --explain} cannot record its overlays there.
     */
    public boolean recordsExplanations() {
        return explanationColumn;
    }

    /** How many finished results the resumed file holds. */
    public int finishedCount() {
        return finished.size();
    }

    /** True if the resumed output already holds a result for this key. */
    public boolean isFinished(ScanResult.Key key) {
        return finished.contains(normalise(key));
    }

    /** Appends one result as one line and flushes it. */
    public void write(ScanResult r) {
        writeLine(format == Format.CSV ? csvLine(r, explanationColumn) : jsonLine(r));
        finished.add(normalise(r.key()));
    }

    private void writeLine(String line) {
        try {
            out.write(line + "\n");
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file, e);
        }
    }

    static String jsonLine(ScanResult r) {
        try {
            return MAPPER.writeValueAsString(r);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a scan result", e);
        }
    }

    static String csvLine(ScanResult r) {
        return csvLine(r, true);
    }

    /** One CSV row; {@code explanationColumn} false for a file of the earlier columns. */
    static String csvLine(ScanResult r, boolean explanationColumn) {
        String detail;
        String explanation;
        try {
            detail = r.detail() == null ? "" : MAPPER.writeValueAsString(r.detail());
            explanation = r.explanation() == null ? "" : MAPPER.writeValueAsString(r.explanation());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a scan result", e);
        }
        List<String> f = new ArrayList<>(CSV_COLUMNS.size());
        f.add(oneLine(r.path()));
        f.add(r.kind());
        f.add(Long.toString(r.size()));
        f.add(r.mtime());
        f.add(r.modelId());
        f.add(r.pFake() == null ? "" : r.pFake().toString());
        f.add(r.label());
        f.add(Double.toString(r.threshold()));
        f.add(Integer.toString(r.frames()));
        f.add(Integer.toString(r.framesRead()));
        f.add(Integer.toString(r.faces()));
        f.add(Boolean.toString(r.noFace()));
        f.add(r.error() == null ? "" : oneLine(r.error()));
        if (explanationColumn) {
            f.add(explanation);
        }
        f.add(detail);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < f.size(); i++) {
            b.append(i == 0 ? "" : ",").append(CsvText.field(f.get(i)));
        }
        return b.toString();
    }

    /** CSV lines stay lines: CR and LF in a path or message are written as \r and \n. */
    static String oneLine(String s) {
        return s == null ? null : s.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n");
    }

    private ScanResult.Key normalise(ScanResult.Key k) {
        return format == Format.CSV
                ? new ScanResult.Key(
                        oneLine(k.path()),
                        k.size(),
                        k.mtime() == null ? "" : k.mtime(),
                        k.modelId() == null ? "" : k.modelId())
                : k;
    }

    /** Cuts the file after its last line break; returns the bytes cut. */
    static int cutPartialLine(Path file) throws IOException {
        try (FileChannel ch =
                FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
            long size = ch.size();
            long pos = size;
            ByteBuffer one = ByteBuffer.allocate(4096);
            while (pos > 0) {
                int n = (int) Math.min(one.capacity(), pos);
                one.clear().limit(n);
                ch.read(one, pos - n);
                int i = n - 1;
                while (i >= 0 && one.get(i) != '\n') {
                    i--;
                }
                if (i >= 0) {
                    long keep = pos - n + i + 1;
                    ch.truncate(keep);
                    return (int) (size - keep);
                }
                pos -= n;
            }
            ch.truncate(0);
            return (int) size;
        }
    }

    /**
     * Reads the finished lines' keys; returns false for a CSV of the columns before {@code
     * explanation} existed, true otherwise.
     */
    private static boolean readKeys(Path file, Format format, Set<ScanResult.Key> keys)
            throws IOException {
        boolean explanationColumn = true;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            long n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    if (format == Format.CSV) {
                        if (n == 1) {
                            explanationColumn =
                                    !line.equals(String.join(",", CSV_COLUMNS_WITHOUT_EXPLANATION));
                            if (explanationColumn && !line.equals(String.join(",", CSV_COLUMNS))) {
                                throw new InvalidInputException(
                                        file
                                                + ": not a scan output (its header is not "
                                                + String.join(",", CSV_COLUMNS)
                                                + "); fix: choose another --out or drop --resume");
                            }
                            continue;
                        }
                        List<String> c = CsvText.parseLine(line);
                        keys.add(
                                new ScanResult.Key(
                                        c.get(0), Long.parseLong(c.get(2)), c.get(3), c.get(4)));
                    } else {
                        JsonNode j = MAPPER.readTree(line);
                        keys.add(
                                new ScanResult.Key(
                                        j.get("path").asText(),
                                        j.get("size").asLong(),
                                        j.get("mtime").isNull() ? null : j.get("mtime").asText(),
                                        j.get("model_id").asText()));
                    }
                } catch (IOException | RuntimeException e) {
                    if (e instanceof InvalidInputException ie) {
                        throw ie;
                    }
                    throw new InvalidInputException(
                            file
                                    + ": line "
                                    + n
                                    + " is not a scan result ("
                                    + e.getMessage()
                                    + "); fix: choose another --out or drop --resume",
                            e);
                }
            }
        }
        return explanationColumn;
    }
}
