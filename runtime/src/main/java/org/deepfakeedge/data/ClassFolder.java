package org.deepfakeedge.data;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * A folder whose name gives a class: {@code real} / {@code 0_X} is class 0 and {@code fake} /
 * {@code 1_X} is class 1, named {@code real}, {@code fake} or {@code X}. Case-insensitive; the
 * class name keeps the folder's suffix in lower case.
 *
 * @param dir the folder
 * @param label 0 or 1
 * @param className the class name derived from the folder name
 */
record ClassFolder(Path dir, int label, String className) {

    static Optional<ClassFolder> parse(Path dir) {
        String name = ImageFiles.name(dir).trim().toLowerCase(Locale.ROOT);
        if (name.equals("real")) {
            return Optional.of(new ClassFolder(dir, 0, "real"));
        }
        if (name.equals("fake")) {
            return Optional.of(new ClassFolder(dir, 1, "fake"));
        }
        if (name.length() > 2 && name.charAt(1) == '_') {
            if (name.charAt(0) == '0') {
                return Optional.of(new ClassFolder(dir, 0, name.substring(2)));
            }
            if (name.charAt(0) == '1') {
                return Optional.of(new ClassFolder(dir, 1, name.substring(2)));
            }
        }
        return Optional.empty();
    }
}
