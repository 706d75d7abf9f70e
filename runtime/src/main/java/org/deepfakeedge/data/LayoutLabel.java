package org.deepfakeedge.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The label a file's folders give it in a folder layout, read from its path alone: for jobs that
 * see one file at a time (a Spark task) and cannot walk the data set as {@link DatasetLoader} does.
 *
 * <p>The rule, over the folders between the data root and the file (see {@code docs/datasets.md}):
 *
 * <ul>
 *   <li>the first folder that names a class ({@code real}, {@code fake}, {@code 0_X} or {@code
 *       1_X}, any case) gives the label;
 *   <li>a split folder ({@code train}, {@code val|valid|validation}, {@code test}) above it gives
 *       the split;
 *   <li>the first folder below the class folder names the generator, as in the {@code standard}
 *       layout; when the file sits directly in a {@code 0_X}/{@code 1_X} class folder, the first
 *       folder above it that is not a split names the generator, as in ForenSynths' {@code
 *       <split>/<generator>/[<category>/]{0_real,1_fake}}.
 * </ul>
 *
 * <p>These are the labels, splits and generators that {@link DatasetLoader} gives the {@code
 * standard}, {@code forensynths} and {@code class-folders} layouts. Immutable.
 *
 * @param split the split folder's name in lower case ({@code train}, {@code val}, {@code test}), or
 *     {@code null} when no split folder is above the class folder
 * @param label 0 (real) or 1 (fake)
 * @param generator the generator's folder name, {@code ""} when none
 */
public record LayoutLabel(String split, int label, String generator) {

    /**
     * Reads the label of a file from the folders above it.
     *
     * @param folders the folder names from the data root down to the file's folder (the file name
     *     left out)
     * @return the label, or empty when no folder names a class
     */
    public static Optional<LayoutLabel> of(List<String> folders) {
        for (int i = 0; i < folders.size(); i++) {
            Optional<ClassFolder> cls = ClassFolder.parse(Path.of(folders.get(i)));
            if (cls.isEmpty()) {
                continue;
            }
            String split = null;
            String above = "";
            for (int j = 0; j < i; j++) {
                Optional<Split> s = Split.fromName(folders.get(j));
                if (s.isPresent()) {
                    split = s.get().name().toLowerCase(java.util.Locale.ROOT);
                } else if (above.isEmpty()) {
                    above = folders.get(j);
                }
            }
            String generator;
            if (i + 1 < folders.size()) {
                generator = folders.get(i + 1);
            } else {
                boolean numbered = folders.get(i).length() > 2 && folders.get(i).charAt(1) == '_';
                generator = numbered ? above : "";
            }
            return Optional.of(new LayoutLabel(split, cls.get().label(), generator));
        }
        return Optional.empty();
    }
}
