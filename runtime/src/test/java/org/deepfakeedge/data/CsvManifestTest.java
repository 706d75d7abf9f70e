package org.deepfakeedge.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.deepfakeedge.data.TestImages.images;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.deepfakeedge.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvManifestTest {

    @TempDir Path root;

    @Test
    void manifest_with_splits_generators_relative_and_absolute_paths() throws IOException {
        images(root.resolve("imgs"), "a", 6);
        Path absolute = root.resolve("imgs/a5.png").toAbsolutePath();
        Path csv =
                Files.writeString(
                        root.resolve("manifest.csv"),
                        "path,label,split,generator\n"
                                + "imgs/a0.png,0,train,\n"
                                + "imgs/a1.png,FAKE,Train,stylegan\n"
                                + "\"imgs/a2.png\",Real,val,\n"
                                + "imgs/a3.png,1,VALIDATION,progan\n"
                                + "imgs/a4.png,real,test,\n"
                                + absolute
                                + ",1,test,dalle2\n");

        DatasetIndex index = DatasetLoader.open(csv);

        assertThat(index.layout()).isEqualTo("csv");
        assertThat(index.root()).isEqualTo(root.toAbsolutePath().normalize());
        assertThat(index.classNames()).containsExactly("real", "fake");
        assertThat(index.counts())
                .containsExactly(
                        Map.entry("train", Map.of("real", 1, "fake", 1)),
                        Map.entry("val", Map.of("real", 1, "fake", 1)),
                        Map.entry("test", Map.of("real", 1, "fake", 1)));
        assertThat(index.split(Split.TEST))
                .extracting(Sample::generator)
                .containsExactlyInAnyOrder("", "dalle2");
        assertThat(index.warnings()).isEmpty();
    }

    @Test
    void a_video_column_names_each_frame_s_source_video() throws IOException {
        images(root.resolve("imgs"), "a", 4);
        Path csv =
                Files.writeString(
                        root.resolve("faces.csv"),
                        "path,video,label,split\n"
                                + "imgs/a0.png,real/x.mp4,0,train\n"
                                + "imgs/a1.png,real/x.mp4,0,train\n"
                                + "imgs/a2.png,fake/y.mp4,1,train\n"
                                + "imgs/a3.png,,1,train\n");

        DatasetIndex index = DatasetLoader.open(csv);

        assertThat(index.samples())
                .extracting(x -> x.path().getFileName() + "=" + x.video())
                .containsExactlyInAnyOrder(
                        "a0.png=real/x.mp4", "a1.png=real/x.mp4", "a2.png=fake/y.mp4", "a3.png=");
        // Without the column every sample has no video.
        assertThat(DatasetLoader.open(writeManifestWithoutVideos()).samples())
                .extracting(Sample::video)
                .containsOnly("");
    }

    @Test
    void a_seeded_split_keeps_the_frames_of_a_video_together() throws IOException {
        StringBuilder csv = new StringBuilder("path,label,video\n");
        for (int v = 0; v < 10; v++) {
            images(root.resolve("v" + v), "f", 4);
            for (int f = 0; f < 4; f++) {
                csv.append("v" + v + "/f" + f + ".png," + (v % 2) + ",clip" + v + ".mp4\n");
            }
        }
        Path manifest = Files.writeString(root.resolve("frames.csv"), csv);

        DatasetIndex index = DatasetLoader.open(manifest, new DatasetOptions(9, 0.2, 0.2));

        Map<String, java.util.Set<Split>> splitsOf = new java.util.HashMap<>();
        index.samples()
                .forEach(
                        x ->
                                splitsOf.computeIfAbsent(x.video(), k -> new java.util.HashSet<>())
                                        .add(x.split()));
        assertThat(splitsOf).hasSize(10);
        assertThat(splitsOf.values()).allSatisfy(s -> assertThat(s).hasSize(1));
        // 5 videos per class: round(5 x 0.2) = 1 video of each class in val and in test
        assertThat(index.counts().get("test")).isEqualTo(Map.of("real", 4, "fake", 4));
        assertThat(index.counts().get("val")).isEqualTo(Map.of("real", 4, "fake", 4));
    }

    private Path writeManifestWithoutVideos() throws IOException {
        return Files.writeString(
                root.resolve("plain.csv"),
                "path,label,split\nimgs/a0.png,0,train\nimgs/a2.png,1,train\n");
    }

    @Test
    void malformed_rows_are_skipped_with_warnings_naming_the_line() throws IOException {
        images(root.resolve("imgs"), "a", 4);
        Path csv =
                Files.writeString(
                        root.resolve("m.csv"),
                        "\uFEFFlabel,path\n" // BOM and swapped columns
                                + "0,imgs/a0.png\n"
                                + "1,imgs/a1.png\n"
                                + "maybe,imgs/a2.png\n" // line 4: bad label
                                + "1,imgs/missing.png\n" // line 5: missing file
                                + "0\n" // line 6: too few columns
                                + "\n"
                                + "1,notes.txt\n" // line 8: not an image name
                                + "0,imgs/a0.png\n" // line 9: duplicate
                                + "0,imgs/a2.png\n"
                                + "1,imgs/a3.png\n");

        DatasetIndex index = DatasetLoader.open(csv, new DatasetOptions(3, 0.0, 0.0));

        assertThat(index.samples()).hasSize(4);
        assertThat(index.warnings())
                .anyMatch(w -> w.contains("skipped 5 malformed rows"))
                .anyMatch(w -> w.contains("line 4") && w.contains("label 'maybe'"))
                .anyMatch(w -> w.contains("line 5") && w.contains("file not found"))
                .anyMatch(w -> w.contains("line 6") && w.contains("columns"))
                .anyMatch(w -> w.contains("line 8") && w.contains("not an image"))
                .anyMatch(w -> w.contains("line 9") && w.contains("duplicate of line 2"));
    }

    @Test
    void without_split_column_the_split_is_seeded() throws IOException {
        images(root.resolve("r"), "r", 10);
        images(root.resolve("f"), "f", 10);
        StringBuilder text = new StringBuilder("path,label\n");
        for (int i = 0; i < 10; i++) {
            text.append("r/r").append(i).append(".png,0\n");
            text.append("f/f").append(i).append(".png,1\n");
        }
        Path csv = Files.writeString(root.resolve("m.csv"), text);

        DatasetIndex index = DatasetLoader.open(csv, new DatasetOptions(5, 0.2, 0.3));

        assertThat(index.counts())
                .containsExactly(
                        Map.entry("train", Map.of("real", 5, "fake", 5)),
                        Map.entry("val", Map.of("real", 2, "fake", 2)),
                        Map.entry("test", Map.of("real", 3, "fake", 3)));
        assertThat(index.warnings()).anyMatch(w -> w.contains("seeded split"));
    }

    @Test
    void rows_without_a_split_next_to_rows_with_one_are_malformed() throws IOException {
        images(root.resolve("i"), "a", 5);
        Path csv =
                Files.writeString(
                        root.resolve("m.csv"),
                        "path,label,split\n"
                                + "i/a0.png,0,train\n"
                                + "i/a1.png,1,train\n"
                                + "i/a2.png,0,test\n"
                                + "i/a3.png,1,test\n"
                                + "i/a4.png,1,\n");

        DatasetIndex index = DatasetLoader.open(csv, new DatasetOptions(5, 0.0, 0.2));

        assertThat(index.samples()).hasSize(4);
        assertThat(index.warnings())
                .anyMatch(w -> w.contains("line 6") && w.contains("empty split"));
    }

    @Test
    void all_rows_bad_is_an_error() throws IOException {
        Path csv = Files.writeString(root.resolve("m.csv"), "path,label\nx.png,0\ny.png,2\n");

        assertThatThrownBy(() -> DatasetLoader.open(csv))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no usable rows")
                .hasMessageContaining("line 2");
    }

    @Test
    void header_without_path_and_label_is_an_error() throws IOException {
        Path csv = Files.writeString(root.resolve("m.csv"), "file,class\nx.png,0\n");

        assertThatThrownBy(() -> DatasetLoader.open(csv))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("header must name the columns path,label")
                .hasMessageContaining("file,class");
    }

    @Test
    void quoted_fields_may_hold_commas_and_quotes() {
        assertThat(CsvManifest.parseLine("\"a,b.png\",\"say \"\"hi\"\"\",3"))
                .containsExactly("a,b.png", "say \"hi\"", "3");
        assertThatThrownBy(() -> CsvManifest.parseLine("\"open"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
