package org.deepfakeedge.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.deepfakeedge.data.TestImages.images;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The path-only rule gives what the folder walk of {@link DatasetLoader} gives. */
class LayoutLabelTest {
    @TempDir Path root;

    @Test
    void standard_layout_with_generator_folders_below_the_class_folder() {
        images(root.resolve("train/real"), "r", 2);
        images(root.resolve("train/fake/stylegan"), "s", 2);
        images(root.resolve("train/fake/progan/deep/er"), "p", 1);
        images(root.resolve("val/real"), "r", 1);
        images(root.resolve("val/fake"), "f", 1);
        images(root.resolve("test/0_real"), "r", 2);
        images(root.resolve("test/1_fake/stylegan"), "f", 2);
        assertSameAsTheLoader("standard");
    }

    @Test
    void forensynths_layout_with_generator_folders_above_the_class_folder() {
        for (String split : List.of("train", "val", "test")) {
            images(root.resolve(split + "/progan/airplane/0_real"), "r", 2);
            images(root.resolve(split + "/progan/airplane/1_fake"), "f", 2);
            images(root.resolve(split + "/stylegan/0_real"), "r", 1);
            images(root.resolve(split + "/stylegan/1_fake"), "f", 1);
        }
        assertSameAsTheLoader("forensynths");
    }

    @Test
    void folders_that_name_no_class_give_no_label() {
        assertThat(LayoutLabel.of(List.of("uploads", "2026"))).isEmpty();
        assertThat(LayoutLabel.of(List.of())).isEmpty();
        assertThat(LayoutLabel.of(List.of("batch", "FAKE", "sd15")))
                .contains(new LayoutLabel(null, 1, "sd15"));
    }

    private void assertSameAsTheLoader(String layout) {
        DatasetIndex index = DatasetLoader.open(root, DatasetOptions.defaults());
        assertThat(index.layout()).isEqualTo(layout);
        assertThat(index.samples()).hasSizeGreaterThan(10);
        for (Sample s : index.samples()) {
            List<String> folders = new ArrayList<>();
            for (Path p : root.relativize(s.path().getParent())) {
                folders.add(p.toString());
            }
            Optional<LayoutLabel> l = LayoutLabel.of(folders);
            assertThat(l)
                    .as("%s", s.path())
                    .contains(
                            new LayoutLabel(
                                    s.split().name().toLowerCase(Locale.ROOT),
                                    s.label(),
                                    s.generator()));
        }
    }
}
