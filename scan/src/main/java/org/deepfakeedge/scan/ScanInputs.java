package org.deepfakeedge.scan;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.deepfakeedge.InvalidInputException;

/**
 * The files a scan visits, streamed: paths named on the command line, folders (recursively, each
 * folder's entries sorted by name, one folder's listing in memory per level of depth), and CSV
 * lists (a {@code .csv} file with a {@code path} column; relative paths are relative to the CSV's
 * folder; read line by line).
 *
 * <p>Inside folders, files are taken by extension ({@link #IMAGE_EXTENSIONS}, {@link
 * #VIDEO_EXTENSIONS}; other files, dot files and {@code __MACOSX} are passed over silently). A file
 * named explicitly (argument or CSV row) is always scanned: an image by extension or by its first
 * bytes (JPEG, PNG, GIF, BMP, WebP, TIFF), anything else as a video, so that an audio file or
 * garbage gets its own error result. Dangling links, link loops and unreadable folders become error
 * entries, never exceptions.
 */
public final class ScanInputs {

    /** Image extensions (those the image decoder reads). */
    public static final Set<String> IMAGE_EXTENSIONS =
            Set.of("jpg", "jpeg", "png", "bmp", "webp", "tif", "tiff", "gif");

    /**
     * Video extensions taken from folders, and audio ones (an audio-only file gets an error result
     * saying so rather than being passed over silently).
     */
    public static final Set<String> VIDEO_EXTENSIONS =
            Set.of(
                    "mp4", "m4v", "mov", "3gp", "mkv", "webm", "avi", "ts", "mts", "m2ts", "mpg",
                    "mpeg", "flv", "ogv", "wmv", "asf", "mxf", "nut", "dv", "rm", "wtv", "h264",
                    "hevc", "ivf", "ogg", "m4a", "mp3", "wav", "flac", "aac", "opus");

    private ScanInputs() {}

    /**
     * Streams the files under {@code paths} in order: each argument in turn, a folder's files in
     * name order depth first. Close the stream to release open folders and CSV files.
     *
     * @throws InvalidInputException if an argument does not exist at all (not even as a link)
     */
    public static Stream<ScanInput> stream(List<Path> paths) {
        for (Path p : paths) {
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                throw new InvalidInputException("no such file or folder: " + p);
            }
        }
        Walker w = new Walker(paths);
        return StreamSupport.stream(
                        Spliterators.spliteratorUnknownSize(
                                w, Spliterator.ORDERED | Spliterator.NONNULL),
                        false)
                .onClose(w::close);
    }

    /** Counts what {@link #stream} would give, in bounded memory (for a progress bar's ETA). */
    public static long count(List<Path> paths) {
        try (Stream<ScanInput> s = stream(paths)) {
            return s.count();
        }
    }

    /** The kind a file's name says, or {@code UNKNOWN}. */
    public static ScanInput.Kind kindByName(Path p) {
        String name = p.getFileName() == null ? "" : p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        if (dot <= 0) {
            return ScanInput.Kind.UNKNOWN;
        }
        String ext = name.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (IMAGE_EXTENSIONS.contains(ext)) {
            return ScanInput.Kind.IMAGE;
        }
        return VIDEO_EXTENSIONS.contains(ext) ? ScanInput.Kind.VIDEO : ScanInput.Kind.UNKNOWN;
    }

    /** An explicitly named file: by name, else by its first bytes; anything else is a video. */
    static ScanInput.Kind kindOf(Path p) {
        ScanInput.Kind byName = kindByName(p);
        if (byName != ScanInput.Kind.UNKNOWN) {
            return byName;
        }
        byte[] head = new byte[12];
        int n = 0;
        try (InputStream in = Files.newInputStream(p)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            return ScanInput.Kind.VIDEO; // the video reader names the problem
        }
        return isImageMagic(head, n) ? ScanInput.Kind.IMAGE : ScanInput.Kind.VIDEO;
    }

    static boolean isImageMagic(byte[] b, int n) {
        return (n >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff)
                || (n >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G')
                || (n >= 4 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8')
                || (n >= 2 && b[0] == 'B' && b[1] == 'M')
                || (n >= 12
                        && b[0] == 'R'
                        && b[1] == 'I'
                        && b[2] == 'F'
                        && b[3] == 'F'
                        && b[8] == 'W'
                        && b[9] == 'E'
                        && b[10] == 'B'
                        && b[11] == 'P')
                || (n >= 4
                        && ((b[0] == 'I' && b[1] == 'I' && b[2] == 42 && b[3] == 0)
                                || (b[0] == 'M' && b[1] == 'M' && b[2] == 0 && b[3] == 42)));
    }

    static boolean isCsvList(Path p) {
        String name = p.getFileName() == null ? "" : p.getFileName().toString();
        return name.toLowerCase(Locale.ROOT).endsWith(".csv");
    }

    /** One named file (argument or CSV row): links checked, kind decided. */
    static ScanInput named(Path p) {
        if (Files.isSymbolicLink(p) && !Files.exists(p)) {
            return ScanInput.failed(p, "dangling symbolic link (its target does not exist)");
        }
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return ScanInput.failed(p, "file not found");
        }
        if (Files.isDirectory(p)) {
            return ScanInput.failed(p, "is a folder (folders are scanned when named as PATH)");
        }
        return ScanInput.of(p, kindOf(p));
    }

    /** Depth-first walk over the arguments, lazily. */
    private static final class Walker implements Iterator<ScanInput>, AutoCloseable {
        private final Iterator<Path> args;
        private final Deque<Level> stack = new ArrayDeque<>();
        private CsvRows csv;
        private ScanInput next;

        /** One folder being walked: its sorted entries and the real path (loop detection). */
        private record Level(Iterator<Path> entries, Path real) {}

        Walker(List<Path> paths) {
            this.args = List.copyOf(paths).iterator();
        }

        @Override
        public boolean hasNext() {
            while (next == null) {
                if (csv != null) {
                    Path row = csv.next();
                    if (row != null) {
                        next = named(row);
                        continue;
                    }
                    if (csv.error != null) {
                        next = ScanInput.failed(csv.file, csv.error);
                    }
                    csv.close();
                    csv = null;
                    continue;
                }
                if (!stack.isEmpty()) {
                    Level top = stack.peek();
                    if (!top.entries.hasNext()) {
                        stack.pop();
                        continue;
                    }
                    visit(top.entries.next());
                    continue;
                }
                if (!args.hasNext()) {
                    return false;
                }
                Path a = args.next();
                if (Files.isDirectory(a)) {
                    enter(a);
                } else if (isCsvList(a) && Files.isRegularFile(a)) {
                    csv = new CsvRows(a);
                } else {
                    next = named(a);
                }
            }
            return true;
        }

        @Override
        public ScanInput next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            ScanInput r = next;
            next = null;
            return r;
        }

        private void visit(Path entry) {
            String name = entry.getFileName().toString();
            if (name.startsWith(".") || name.equalsIgnoreCase("__MACOSX")) {
                return;
            }
            boolean link = Files.isSymbolicLink(entry);
            if (link && !Files.exists(entry)) {
                if (kindByName(entry) != ScanInput.Kind.UNKNOWN) {
                    next =
                            ScanInput.failed(
                                    entry, "dangling symbolic link (its target does not exist)");
                }
                return;
            }
            if (Files.isDirectory(entry)) {
                enter(entry);
                return;
            }
            ScanInput.Kind kind = kindByName(entry);
            if (kind != ScanInput.Kind.UNKNOWN) {
                next = ScanInput.of(entry, kind);
            }
        }

        private void enter(Path dir) {
            Path real;
            try {
                real = dir.toRealPath();
            } catch (IOException e) {
                next = ScanInput.failed(dir, "cannot resolve folder (" + e.getMessage() + ")");
                return;
            }
            for (Level l : stack) {
                if (l.real.equals(real)) {
                    next =
                            ScanInput.failed(
                                    dir,
                                    "symbolic link loop: leads back to "
                                            + real
                                            + ", an enclosing folder; not followed");
                    return;
                }
            }
            List<Path> entries = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                for (Path p : ds) {
                    entries.add(p);
                }
            } catch (IOException | UncheckedIOException e) {
                next = ScanInput.failed(dir, "cannot list folder (" + e + ")");
                return;
            }
            entries.sort(null);
            stack.push(new Level(entries.iterator(), real));
        }

        @Override
        public void close() {
            if (csv != null) {
                csv.close();
                csv = null;
            }
        }
    }

    /** The {@code path} column of a CSV list, read line by line. */
    private static final class CsvRows {
        final Path file;
        private final BufferedReader in;
        private int column = -1;
        private long line;
        String error;

        CsvRows(Path file) {
            this.file = file;
            BufferedReader r = null;
            try {
                r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                String header = r.readLine();
                line = 1;
                if (header == null) {
                    error = "empty CSV list (no header line with a 'path' column)";
                } else {
                    List<String> cols = CsvText.parseLine(header.replace("\uFEFF", ""));
                    for (int i = 0; i < cols.size(); i++) {
                        if (cols.get(i).trim().equalsIgnoreCase("path")) {
                            column = i;
                        }
                    }
                    if (column < 0) {
                        error = "CSV list has no 'path' column in its header: " + header;
                    }
                }
            } catch (IOException e) {
                error = "cannot read CSV list (" + e.getMessage() + ")";
            }
            this.in = r;
        }

        /** The next row's path, or null at the end (or on an error, then {@link #error}). */
        Path next() {
            if (error != null || in == null) {
                return null;
            }
            try {
                String l;
                while ((l = in.readLine()) != null) {
                    line++;
                    if (l.isBlank()) {
                        continue;
                    }
                    List<String> cols = CsvText.parseLine(l);
                    if (column >= cols.size() || cols.get(column).isBlank()) {
                        error = "line " + line + " has no path";
                        return null;
                    }
                    Path p = Path.of(cols.get(column).trim());
                    Path dir = file.getParent();
                    return p.isAbsolute() || dir == null ? p : dir.resolve(p);
                }
                return null;
            } catch (IOException | UncheckedIOException | java.nio.file.InvalidPathException e) {
                error = "line " + line + ": " + e.getMessage();
                return null;
            }
        }

        void close() {
            try {
                if (in != null) {
                    in.close();
                }
            } catch (IOException e) {
                // nothing left to do with a list we only read
            }
        }
    }
}
