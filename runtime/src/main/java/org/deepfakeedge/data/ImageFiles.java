package org.deepfakeedge.data;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import org.deepfakeedge.InvalidInputException;

/**
 * File-system helpers for scanning data sets: recognising images by extension and listing folders
 * in a deterministic order. Nothing here opens an image. Stateless and thread-safe.
 */
public final class ImageFiles {

    /** Extensions recognised as images (lower case, without the dot). */
    static final Set<String> EXTENSIONS =
            Set.of("jpg", "jpeg", "png", "bmp", "webp", "tif", "tiff", "gif");

    /** The extension list as shown in error messages. */
    static final String EXTENSIONS_TEXT = ".jpg, .jpeg, .png, .bmp, .webp, .tif, .tiff, .gif";

    private ImageFiles() {}

    /** True for names of an image file, by extension, case-insensitively. */
    public static boolean isImageName(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0
                && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT))
                && !isIgnoredName(name);
    }

    /**
     * True for entries that tools leave behind: dot files ({@code .DS_Store}), {@code __MACOSX}.
     */
    static boolean isIgnoredName(String name) {
        return name.startsWith(".") || name.equalsIgnoreCase("__MACOSX");
    }

    /** The file name of a path as a string, {@code ""} for a root. */
    static String name(Path p) {
        Path f = p.getFileName();
        return f == null ? "" : f.toString();
    }

    /** The sub-folders of {@code dir}, ignored names left out, sorted. */
    static List<Path> subdirectories(Path dir) {
        return listSorted(dir, p -> !isIgnoredName(name(p)) && Files.isDirectory(p));
    }

    /**
     * The image files directly inside {@code dir}, sorted; a symbolic link that cannot be followed
     * (dangling, or a loop) is listed too, so that reading it reports why.
     */
    static List<Path> imagesDirectlyIn(Path dir) {
        return listSorted(
                dir, p -> isImageName(name(p)) && (Files.isRegularFile(p) || isBrokenLink(p)));
    }

    /** True for a symbolic link whose target cannot be reached: dangling, or part of a loop. */
    static boolean isBrokenLink(Path p) {
        return Files.isSymbolicLink(p) && !Files.exists(p);
    }

    /** The entries directly inside {@code dir} that {@code keep} accepts, sorted. */
    private static List<Path> listSorted(Path dir, java.util.function.Predicate<Path> keep) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                if (keep.test(p)) {
                    out.add(p);
                }
            }
        } catch (IOException e) {
            throw new InvalidInputException(
                    "Cannot list folder "
                            + dir
                            + ": "
                            + e.getMessage()
                            + ". Fix: check that it exists and is readable.",
                    e);
        }
        Collections.sort(out);
        return out;
    }

    /**
     * All image files below {@code dir} at any depth, sorted; symbolic links are followed, hidden
     * files and folders skipped. A link with an image name whose target cannot be reached
     * (dangling, or a loop of links) is listed like a file, so that it is reported when it fails to
     * decode, like any unreadable file, instead of vanishing.
     *
     * @param dir the folder to walk
     * @param warn receives one line per folder that could not be read
     */
    public static List<Path> imagesUnder(Path dir, Consumer<String> warn) {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(
                    dir,
                    EnumSet.of(FileVisitOption.FOLLOW_LINKS),
                    Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(
                                Path d, BasicFileAttributes attrs) {
                            return !d.equals(dir) && isIgnoredName(name(d))
                                    ? FileVisitResult.SKIP_SUBTREE
                                    : FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                            // following links, a link's own attributes arrive only when its target
                            // cannot be reached
                            if ((attrs.isRegularFile() || attrs.isSymbolicLink())
                                    && isImageName(name(f))) {
                                files.add(f);
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path f, IOException e) {
                            warn.accept(
                                    e instanceof FileSystemLoopException
                                            ? "Skipped symbolic-link loop at " + f
                                            : "Skipped unreadable " + f + ": " + e.getMessage());
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            throw new InvalidInputException(
                    "Cannot scan folder "
                            + dir
                            + ": "
                            + e.getMessage()
                            + ". Fix: check that it exists and is readable.",
                    e);
        }
        Collections.sort(files);
        return files;
    }

    /**
     * {@code path} relative to {@code root} with {@code /} separators; absolute when outside it.
     */
    static String relativeName(Path root, Path path) {
        Path p = path.toAbsolutePath().normalize();
        Path r = root.toAbsolutePath().normalize();
        return (p.startsWith(r) ? r.relativize(p) : p).toString().replace('\\', '/');
    }
}
