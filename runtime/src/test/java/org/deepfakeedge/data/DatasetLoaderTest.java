package org.deepfakeedge.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.deepfakeedge.data.TestImages.images;
import static org.deepfakeedge.data.TestImages.tree;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.deepfakeedge.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatasetLoaderTest {

    @TempDir Path root;

    private static Map<String, Integer> counts(int real, int fake) {
        return Map.of("real", real, "fake", fake);
    }

    private static Set<String> generators(DatasetIndex index, Split split, int label) {
        return index.split(split).stream()
                .filter(s -> s.label() == label)
                .map(Sample::generator)
                .collect(Collectors.toSet());
    }

    @Test
    void standard_layout_with_generator_subfolders() {
        images(root.resolve("train/real"), "r", 3);
        images(root.resolve("train/fake/stylegan"), "s", 2);
        images(root.resolve("train/fake/progan/deep/er"), "p", 1);
        images(root.resolve("val/real"), "r", 1);
        images(root.resolve("val/fake"), "f", 1);
        images(root.resolve("test/real"), "r", 2);
        images(root.resolve("test/fake/stylegan"), "f", 2);

        DatasetIndex index = DatasetLoader.open(root, DatasetOptions.defaults());

        assertThat(index.layout()).isEqualTo("standard");
        assertThat(index.classNames()).containsExactly("real", "fake");
        assertThat(index.counts())
                .containsExactly(
                        Map.entry("train", counts(3, 3)),
                        Map.entry("val", counts(1, 1)),
                        Map.entry("test", counts(2, 2)));
        assertThat(index.hasGenerators()).isTrue();
        assertThat(generators(index, Split.TRAIN, 1))
                .containsExactlyInAnyOrder("stylegan", "progan");
        assertThat(generators(index, Split.TRAIN, 0)).containsExactly("");
        assertThat(generators(index, Split.VAL, 1)).containsExactly("");
        assertThat(index.warnings()).isEmpty();
        assertThat(index.root()).isEqualTo(root.toAbsolutePath().normalize());
        assertThat(index.samples()).allSatisfy(s -> assertThat(s.path()).isAbsolute());
    }

    @Test
    void numbered_class_folders_name_the_classes_by_suffix() {
        for (String split : List.of("train", "val", "test")) {
            images(root.resolve(split + "/0_round"), "a", 2);
            images(root.resolve(split + "/1_angular"), "b", 3);
        }

        DatasetIndex index = DatasetLoader.open(root);

        assertThat(index.layout()).isEqualTo("standard");
        assertThat(index.classNames()).containsExactly("round", "angular");
        assertThat(index.counts().get("test"))
                .containsExactly(Map.entry("round", 2), Map.entry("angular", 3));
        assertThat(index.hasGenerators()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"val", "valid", "validation", "VAL", "Valid", "VALIDATION"})
    void split_synonyms_and_case_are_accepted(String valName) {
        images(root.resolve("TRAIN/Real"), "r", 2);
        images(root.resolve("TRAIN/FAKE"), "f", 2);
        images(root.resolve(valName + "/0_Real"), "r", 1);
        images(root.resolve(valName + "/1_FAKE"), "f", 1);
        images(root.resolve("Test/real"), "r", 1);
        images(root.resolve("Test/fake"), "f", 1);

        DatasetIndex index = DatasetLoader.open(root);

        assertThat(index.classNames()).containsExactly("real", "fake");
        assertThat(index.counts().get("val")).isEqualTo(counts(1, 1));
        assertThat(index.counts().get("train")).isEqualTo(counts(2, 2));
        assertThat(index.warnings()).isEmpty();
    }

    @Test
    void train_and_test_only_carves_val_out_of_train_with_a_warning() {
        images(root.resolve("train/real"), "r", 20);
        images(root.resolve("train/fake"), "f", 10);
        images(root.resolve("test/real"), "r", 2);
        images(root.resolve("test/fake"), "f", 2);

        DatasetIndex index = DatasetLoader.open(root, new DatasetOptions(7, 0.2, 0.3));

        // valFraction of train per class: round(20 * 0.2) = 4 real, round(10 * 0.2) = 2 fake
        assertThat(index.counts().get("val")).isEqualTo(counts(4, 2));
        assertThat(index.counts().get("train")).isEqualTo(counts(16, 8));
        assertThat(index.counts().get("test")).isEqualTo(counts(2, 2));
        assertThat(index.warnings()).anyMatch(w -> w.contains("carved 6 of 30 train images"));
        assertThat(index.split(Split.VAL))
                .allSatisfy(s -> assertThat(s.path().toString()).contains("/train/"));
    }

    @Test
    void forensynths_release_folders() {
        images(root.resolve("progan_train/airplane/0_real"), "r", 2);
        images(root.resolve("progan_train/airplane/1_fake"), "f", 2);
        images(root.resolve("progan_train/cat/0_real"), "r", 1);
        images(root.resolve("progan_train/cat/1_fake"), "f", 1);
        images(root.resolve("progan_val/cat/0_real"), "r", 1);
        images(root.resolve("progan_val/cat/1_fake"), "f", 1);
        images(root.resolve("CNN_synth_testset/progan/airplane/0_real"), "r", 1);
        images(root.resolve("CNN_synth_testset/progan/airplane/1_fake"), "f", 1);
        images(root.resolve("CNN_synth_testset/stargan/0_real"), "r", 2);
        images(root.resolve("CNN_synth_testset/stargan/1_fake"), "f", 2);
        images(root.resolve("CNN_synth_testset/whichfaceisreal/0_real"), "r", 1);
        images(root.resolve("CNN_synth_testset/whichfaceisreal/1_fake"), "f", 3);

        DatasetIndex index = DatasetLoader.open(root);

        assertThat(index.layout()).isEqualTo("forensynths");
        assertThat(index.classNames()).containsExactly("real", "fake");
        assertThat(index.counts())
                .containsExactly(
                        Map.entry("train", counts(3, 3)),
                        Map.entry("val", counts(1, 1)),
                        Map.entry("test", counts(4, 6)));
        // categories of the ProGAN release are not generators
        assertThat(generators(index, Split.TRAIN, 1)).containsExactly("progan");
        assertThat(generators(index, Split.VAL, 0)).containsExactly("progan");
        assertThat(generators(index, Split.TEST, 1))
                .containsExactlyInAnyOrder("progan", "stargan", "whichfaceisreal");
        assertThat(generators(index, Split.TEST, 0))
                .containsExactlyInAnyOrder("progan", "stargan", "whichfaceisreal");
    }

    @Test
    void forensynths_per_generator_tree_under_split_folders() {
        images(root.resolve("train/progan/horse/0_real"), "r", 2);
        images(root.resolve("train/progan/horse/1_fake"), "f", 2);
        images(root.resolve("val/progan/horse/0_real"), "r", 1);
        images(root.resolve("val/progan/horse/1_fake"), "f", 1);
        images(root.resolve("test/stylegan/car/0_real"), "r", 1);
        images(root.resolve("test/stylegan/car/1_fake"), "f", 1);
        images(root.resolve("test/deepfake/0_real"), "r", 2);
        images(root.resolve("test/deepfake/1_fake"), "f", 2);

        DatasetIndex index = DatasetLoader.open(root);

        assertThat(index.layout()).isEqualTo("forensynths");
        assertThat(index.counts().get("test")).isEqualTo(counts(3, 3));
        assertThat(generators(index, Split.TEST, 1))
                .containsExactlyInAnyOrder("stylegan", "deepfake");
        assertThat(generators(index, Split.TRAIN, 0)).containsExactly("progan");
    }

    @Test
    void bare_forensynths_test_set_is_all_test() throws IOException {
        Path testset = root.resolve("CNN_synth_testset");
        images(testset.resolve("biggan/0_real"), "r", 2);
        images(testset.resolve("biggan/1_fake"), "f", 2);
        images(testset.resolve("cyclegan/apple/0_real"), "r", 1);
        images(testset.resolve("cyclegan/apple/1_fake"), "f", 1);
        images(testset.resolve("cyclegan/horse/0_real"), "r", 1);
        images(testset.resolve("cyclegan/horse/1_fake"), "f", 1);
        Files.writeString(testset.resolve("README.txt"), "not an image");

        DatasetIndex index = DatasetLoader.open(testset);

        assertThat(index.layout()).isEqualTo("forensynths");
        assertThat(index.counts().get("test")).isEqualTo(counts(4, 4));
        assertThat(index.split(Split.TRAIN)).isEmpty();
        assertThat(generators(index, Split.TEST, 1))
                .containsExactlyInAnyOrder("biggan", "cyclegan");
        assertThat(index.warnings()).anyMatch(w -> w.contains("No train split"));
    }

    @Test
    void bare_test_set_under_any_name_needs_generator_children() {
        Path set = root.resolve("my-gans");
        images(set.resolve("gan_a/0_real"), "r", 1);
        images(set.resolve("gan_a/1_fake"), "f", 1);
        images(set.resolve("gan_b/0_real"), "r", 1);
        images(set.resolve("gan_b/1_fake"), "f", 1);

        DatasetIndex index = DatasetLoader.open(set);

        assertThat(index.layout()).isEqualTo("forensynths");
        assertThat(index.counts().get("test")).isEqualTo(counts(2, 2));
    }

    @Test
    void kaggle_140k_faces_through_wrapper_folders_from_any_level() throws IOException {
        Path inner = root.resolve("real_vs_fake/real-vs-fake");
        for (String split : List.of("train", "valid", "test")) {
            images(inner.resolve(split + "/real"), "r", 2);
            images(inner.resolve(split + "/fake"), "f", 3);
        }
        Files.writeString(root.resolve("train.csv"), "id,label\n");

        for (Path start : List.of(root, root.resolve("real_vs_fake"), inner)) {
            DatasetIndex index = DatasetLoader.open(start);

            assertThat(index.layout()).as("opened at %s", start).isEqualTo("140k-faces");
            assertThat(index.root()).isEqualTo(inner.toAbsolutePath().normalize());
            assertThat(index.counts().get("val")).isEqualTo(counts(2, 3));
            assertThat(index.samples()).hasSize(15);
        }
    }

    @Test
    void kaggle_deepfake_and_real_images() {
        for (String split : List.of("Train", "Validation", "Test")) {
            images(root.resolve("archive/Dataset/" + split + "/Real"), "real_", 2);
            images(root.resolve("archive/Dataset/" + split + "/Fake"), "fake_", 1);
        }

        DatasetIndex index = DatasetLoader.open(root);

        assertThat(index.layout()).isEqualTo("deepfake-and-real");
        assertThat(index.classNames()).containsExactly("real", "fake");
        assertThat(index.counts())
                .containsExactly(
                        Map.entry("train", counts(2, 1)),
                        Map.entry("val", counts(2, 1)),
                        Map.entry("test", counts(2, 1)));
    }

    @Test
    void synthbuster_and_raise_split_by_seed_stratified_by_generator() {
        List<String> gens =
                List.of(
                        "dalle2",
                        "dalle3",
                        "firefly",
                        "glide",
                        "midjourney-v5",
                        "stable-diffusion-1-3",
                        "stable-diffusion-1-4",
                        "stable-diffusion-2",
                        "stable-diffusion-xl");
        for (String g : gens) {
            images(root.resolve("synthbuster/" + g), g + "_", 10);
        }
        images(root.resolve("RAISE_1k/batch1"), "r", 30);
        images(root.resolve("RAISE_1k/batch2"), "r", 20);
        tree(root, "synthbuster/dalle2/prompts.csv");

        DatasetIndex index = DatasetLoader.open(root, new DatasetOptions(42, 0.1, 0.4));

        assertThat(index.layout()).isEqualTo("synthbuster-raise");
        assertThat(index.classNames()).containsExactly("real", "fake");
        assertThat(index.counts())
                .containsExactly(
                        Map.entry("train", counts(25, 45)),
                        Map.entry("val", counts(5, 9)),
                        Map.entry("test", counts(20, 36)));
        for (String g : gens) {
            long test =
                    index.split(Split.TEST).stream().filter(s -> s.generator().equals(g)).count();
            long val = index.split(Split.VAL).stream().filter(s -> s.generator().equals(g)).count();
            assertThat(test).as("test images of %s", g).isEqualTo(4);
            assertThat(val).as("val images of %s", g).isEqualTo(1);
        }
        assertThat(generators(index, Split.TRAIN, 0)).containsExactly("");
        assertThat(index.warnings()).anyMatch(w -> w.contains("seeded split"));
    }

    @Test
    void synthbuster_without_raise_is_a_clear_error() {
        images(root.resolve("synthbuster/dalle2"), "d", 2);

        assertThatThrownBy(() -> DatasetLoader.open(root))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no RAISE folder")
                .hasMessageContaining(root.toString());
    }

    @Test
    void class_folders_without_splits_get_a_deterministic_stratified_seeded_split() {
        images(root.resolve("real"), "r", 50);
        images(root.resolve("fake/gan1"), "a", 20);
        images(root.resolve("fake/gan2"), "b", 30);

        DatasetIndex a = DatasetLoader.open(root, new DatasetOptions(1, 0.2, 0.2));
        DatasetIndex b = DatasetLoader.open(root, new DatasetOptions(1, 0.2, 0.2));
        DatasetIndex c = DatasetLoader.open(root, new DatasetOptions(2, 0.2, 0.2));

        assertThat(a.layout()).isEqualTo("class-folders");
        assertThat(a.samples()).isEqualTo(b.samples());
        assertThat(a.split(Split.TEST)).isNotEqualTo(c.split(Split.TEST));
        assertThat(a.counts())
                .containsExactly(
                        Map.entry("train", counts(30, 30)),
                        Map.entry("val", counts(10, 10)),
                        Map.entry("test", counts(10, 10)));
        assertThat(c.counts()).isEqualTo(a.counts());
        // stratified by generator: 20% of 20 and of 30
        assertThat(a.split(Split.TEST).stream().filter(s -> s.generator().equals("gan1")))
                .hasSize(4);
        assertThat(a.split(Split.TEST).stream().filter(s -> s.generator().equals("gan2")))
                .hasSize(6);
    }

    @Test
    void seeded_split_does_not_depend_on_where_the_data_set_lives(@TempDir Path other) {
        images(root.resolve("real"), "r", 20);
        images(root.resolve("fake"), "f", 20);
        images(other.resolve("deeper/real"), "r", 20);
        images(other.resolve("deeper/fake"), "f", 20);

        DatasetIndex a = DatasetLoader.open(root);
        DatasetIndex b = DatasetLoader.open(other.resolve("deeper"));

        assertThat(namesOf(a, Split.TEST)).isEqualTo(namesOf(b, Split.TEST));
    }

    private static List<String> namesOf(DatasetIndex index, Split split) {
        return index.split(split).stream()
                .map(s -> index.root().relativize(s.path()).toString())
                .toList();
    }

    @Test
    void non_image_and_hidden_files_are_ignored_and_lists_are_sorted() throws IOException {
        images(root.resolve("train/real"), "r", 3);
        images(root.resolve("train/fake"), "f", 3);
        images(root.resolve("test/real"), "r", 1);
        images(root.resolve("test/fake"), "f", 1);
        for (String junk :
                List.of(
                        "notes.txt",
                        ".DS_Store",
                        "Thumbs.db",
                        "labels.csv",
                        "dataset.json",
                        ".hidden.png")) {
            Files.writeString(root.resolve("train/fake").resolve(junk), "x");
        }
        images(root.resolve("train/fake/.ipynb_checkpoints"), "c", 2);
        tree(
                root,
                "train/real/UPPER.JPG",
                "train/real/x.WebP",
                "train/real/y.tiff",
                "train/real/z.gif",
                "train/real/w.bmp");

        DatasetIndex index = DatasetLoader.open(root, new DatasetOptions(42, 0.0, 0.2));

        assertThat(index.counts().get("train")).isEqualTo(counts(8, 3));
        List<Path> train = index.split(Split.TRAIN).stream().map(Sample::path).toList();
        assertThat(train).isSorted();
    }

    @Test
    void dangling_links_and_link_loops_are_listed_and_fail_to_read_with_their_reason()
            throws IOException {
        images(root.resolve("train/real"), "r", 2);
        images(root.resolve("train/fake"), "f", 2);
        images(root.resolve("test/real"), "r", 1);
        images(root.resolve("test/fake"), "f", 1);
        Path dangling =
                Files.createSymbolicLink(
                        root.resolve("train/real/gone.png"), root.resolve("nowhere.png"));
        Path loopA = root.resolve("train/fake/a.png");
        Path loopB = root.resolve("train/fake/b.png");
        Files.createSymbolicLink(loopA, loopB);
        Files.createSymbolicLink(loopB, loopA);

        DatasetIndex index = DatasetLoader.open(root, new DatasetOptions(42, 0.0, 0.2));

        List<Path> train = index.split(Split.TRAIN).stream().map(Sample::path).toList();
        assertThat(train).contains(dangling, loopA, loopB);
        assertThatThrownBy(() -> ImageDecoder.read(dangling))
                .isInstanceOf(BadImageException.class)
                .hasMessageContaining("dangling symbolic link")
                .hasMessageContaining("nowhere.png");
        assertThatThrownBy(() -> ImageDecoder.read(loopA))
                .isInstanceOf(BadImageException.class)
                .hasMessageContaining("symbolic-link loop");
        // and a batch loader skips them as it skips any unreadable file, naming each one
        try (BatchLoader loader =
                new BatchLoader(
                        index.split(Split.TRAIN),
                        new ImagePreprocessor(16),
                        Augmentation.none(),
                        8,
                        false,
                        1)) {
            int seen = 0;
            for (var it = loader.epoch(0); it.hasNext(); ) {
                seen += it.next().size();
            }
            assertThat(seen).isEqualTo(4);
            assertThat(loader.skipped())
                    .extracting(SkippedFile::path)
                    .containsExactlyInAnyOrder(dangling, loopA, loopB);
        }
    }

    @Test
    void missing_path_is_a_clear_error() {
        Path missing = root.resolve("nope");
        assertThatThrownBy(() -> DatasetLoader.open(missing))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not found")
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("Fix");
    }

    @Test
    void class_folders_without_images_is_a_clear_error() throws IOException {
        Files.createDirectories(root.resolve("train/real"));
        Files.createDirectories(root.resolve("train/fake"));
        Files.writeString(root.resolve("train/real/readme.txt"), "x");

        assertThatThrownBy(() -> DatasetLoader.open(root))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("No images found under " + root)
                .hasMessageContaining(".png");
    }

    @Test
    void a_split_with_one_class_is_a_clear_error() {
        images(root.resolve("train/real"), "r", 2);
        images(root.resolve("train/fake"), "f", 2);
        images(root.resolve("test/fake"), "f", 2);

        assertThatThrownBy(() -> DatasetLoader.open(root))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Split 'test'")
                .hasMessageContaining("only class 'fake'")
                .hasMessageContaining("real or 0_real");
    }

    @Test
    void one_class_only_is_a_clear_error() {
        images(root.resolve("fake"), "f", 2);

        assertThatThrownBy(() -> DatasetLoader.open(root))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("only under " + root)
                .hasMessageContaining("'real'");
    }

    @Test
    void unknown_layout_lists_what_was_expected() {
        images(root.resolve("birds"), "b", 2);
        images(root.resolve("cats"), "c", 2);
        images(root.resolve("dogs"), "d", 2);

        assertThatThrownBy(() -> DatasetLoader.open(root))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Unrecognised data-set layout at " + root)
                .hasMessageContaining("[birds, cats, dogs]")
                .hasMessageContaining("{train,val,test}/{real,fake}")
                .hasMessageContaining("--positive-class")
                .hasMessageContaining("CSV manifest");
    }

    @Test
    void any_two_class_folders_with_the_positive_class_named() {
        images(root.resolve("cat"), "c", 5);
        images(root.resolve("Dog/husky"), "d", 4);

        DatasetIndex index = DatasetLoader.open(root, new DatasetOptions(42, 0.2, 0.2, "dog"));

        assertThat(index.layout()).isEqualTo("class-folders");
        assertThat(index.classNames()).containsExactly("cat", "dog");
        assertThat(index.samples())
                .allSatisfy(
                        s ->
                                assertThat(s.label())
                                        .as(s.path().toString())
                                        .isEqualTo(s.path().toString().contains("Dog") ? 1 : 0));
        int[] perClass = new int[2];
        index.samples().forEach(s -> perClass[s.label()]++);
        assertThat(perClass).containsExactly(5, 4);
        assertThat(generators(index, Split.TRAIN, 1)).containsExactly("husky");

        // The other folder as the positive class swaps the labels.
        DatasetIndex swapped = DatasetLoader.open(root, new DatasetOptions(42, 0.2, 0.2, "CAT"));
        assertThat(swapped.classNames()).containsExactly("dog", "cat");
        assertThat(swapped.samples().stream().filter(s -> s.label() == 1).count()).isEqualTo(5);
    }

    @Test
    void two_free_named_class_folders_under_split_folders() {
        for (String split : List.of("train", "val", "test")) {
            images(root.resolve(split + "/cat"), "c", 2);
            images(root.resolve(split + "/dog"), "d", 3);
        }

        DatasetIndex index = DatasetLoader.open(root, new DatasetOptions(42, 0.2, 0.2, "dog"));

        assertThat(index.layout()).isEqualTo("standard");
        assertThat(index.classNames()).containsExactly("cat", "dog");
        assertThat(index.counts().get("val"))
                .containsExactly(Map.entry("cat", 2), Map.entry("dog", 3));
    }

    @Test
    void two_free_named_class_folders_without_the_option_name_the_fix() {
        images(root.resolve("cat"), "c", 2);
        images(root.resolve("dog"), "d", 2);

        assertThatThrownBy(() -> DatasetLoader.open(root))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("two class folders [cat, dog] under " + root)
                .hasMessageContaining("--positive-class cat or --positive-class dog");
        assertThatThrownBy(() -> DatasetLoader.open(root, new DatasetOptions(42, 0.2, 0.2, "bird")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--positive-class bird names neither class folder")
                .hasMessageContaining("[cat, dog]");
    }

    @Test
    void empty_folder_is_a_clear_error() {
        assertThatThrownBy(() -> DatasetLoader.open(root))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("holds no folders and no images");
    }

    @Test
    void conflicting_class_names_are_an_error() {
        images(root.resolve("train/0_round"), "a", 1);
        images(root.resolve("train/1_angular"), "b", 1);
        images(root.resolve("test/real"), "a", 1);
        images(root.resolve("test/fake"), "b", 1);

        assertThatThrownBy(() -> DatasetLoader.open(root))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Class folders disagree");
    }

    @Test
    void a_file_that_is_not_a_csv_is_rejected() throws IOException {
        Path file = Files.writeString(root.resolve("data.txt"), "x");
        assertThatThrownBy(() -> DatasetLoader.open(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not a .csv manifest");
    }

    @Test
    void folders_beside_the_splits_are_ignored_with_a_warning() {
        images(root.resolve("train/real"), "r", 1);
        images(root.resolve("train/fake"), "f", 1);
        images(root.resolve("val/real"), "r", 1);
        images(root.resolve("val/fake"), "f", 1);
        images(root.resolve("test/real"), "r", 1);
        images(root.resolve("test/fake"), "f", 1);
        images(root.resolve("extras"), "x", 1);

        DatasetIndex index = DatasetLoader.open(root);

        assertThat(index.samples()).hasSize(6);
        assertThat(index.warnings())
                .anyMatch(w -> w.contains("Ignored folder") && w.contains("extras"));
    }
}
