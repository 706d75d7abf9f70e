package org.deepfakeedge.compress.distill;

import java.util.Locale;
import org.deepfakeedge.InvalidInputException;

/**
 * Which of an image's views the teacher scores during distillation.
 *
 * <p>Why not always the exact view: with the default augmentation (horizontal flips) an image
 * reaches the student as itself or as its mirror, so with exact answers the teacher scores most
 * images twice in a run, and at 64 px the teacher costs 47× student-10's multiply-adds per image. A
 * teacher trained with flips answers an image and its mirror almost alike, so {@link #MIRROR}
 * scores whichever view comes first and gives that answer for both: one teacher forward per image
 * per process. {@link #EXACT} keeps the answer to the very tensor the student sees.
 */
public enum TeacherViews {
    /** The teacher's answer to the very tensor the student sees. */
    EXACT,
    /** One answer per image and its horizontal mirror: the first view scored serves both. */
    MIRROR;

    /** The name on the command line and in lineages: {@code exact} or {@code mirror}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code exact} or {@code mirror}, case-insensitively. */
    public static TeacherViews parse(String s) {
        for (TeacherViews v : values()) {
            if (v.id().equalsIgnoreCase(s == null ? "" : s.strip())) {
                return v;
            }
        }
        throw new InvalidInputException("--teacher-views must be exact or mirror, found " + s);
    }
}
