package org.deepfakeedge.data.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.deepfakeedge.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticDatasetsTest {

    /** Small enough to write in well under a second, large enough for every split and family. */
    private static final SynthSpec SMALL = SynthSpec.defaults().withImageSize(32).withCount(20);

    @TempDir Path tmp;

    @Test
    void same_spec_gives_byte_identical_files() throws IOException {
        SyntheticDatasets.write(SMALL, tmp.resolve("a"), ProgressListener.NONE);
        SyntheticDatasets.write(SMALL, tmp.resolve("b"), ProgressListener.NONE);

        Map<String, String> a = hashes(tmp.resolve("a"));
        assertThat(a).containsKey("dataset.json").hasSize(2 * 20 + 1);
        assertThat(hashes(tmp.resolve("b"))).isEqualTo(a);
    }

    @Test
    void another_seed_gives_other_images() throws IOException {
        SyntheticDatasets.write(SMALL, tmp.resolve("a"), ProgressListener.NONE);
        SyntheticDatasets.write(SMALL.withSeed(43), tmp.resolve("b"), ProgressListener.NONE);

        Map<String, String> a = hashes(tmp.resolve("a"));
        Map<String, String> b = hashes(tmp.resolve("b"));
        assertThat(b.keySet()).isEqualTo(a.keySet());
        for (String png : a.keySet()) {
            assertThat(b.get(png)).as(png).isNotEqualTo(a.get(png));
        }
    }

    @Test
    void mixed_layout_and_counts_are_as_specified() throws IOException {
        Path out = tmp.resolve("mixed");

        SynthResult result = SyntheticDatasets.write(SMALL, out, ProgressListener.NONE);

        // 20 per class: val = round(3.0) = 3, test = 3, train = 14.
        assertThat(result.root()).isEqualTo(out.toAbsolutePath());
        assertThat(result.imagesWritten()).isEqualTo(40);
        assertThat(result.countsBySplitAndClass())
                .containsExactly(
                        Map.entry("train/real", 14),
                        Map.entry("train/fake", 14),
                        Map.entry("val/real", 3),
                        Map.entry("val/fake", 3),
                        Map.entry("test/real", 3),
                        Map.entry("test/fake", 3));
        assertThat(folderCounts(out))
                .containsExactly(
                        Map.entry("test/fake/checkerboard", 1),
                        Map.entry("test/fake/smooth", 1),
                        Map.entry("test/fake/spectral", 1),
                        Map.entry("test/real", 3),
                        Map.entry("train/fake/checkerboard", 5),
                        Map.entry("train/fake/smooth", 5),
                        Map.entry("train/fake/spectral", 4),
                        Map.entry("train/real", 14),
                        Map.entry("val/fake/checkerboard", 1),
                        Map.entry("val/fake/smooth", 1),
                        Map.entry("val/fake/spectral", 1),
                        Map.entry("val/real", 3));
        assertThat(out.resolve("train/real/00013.png")).isRegularFile();
        assertThat(out.resolve("train/fake/checkerboard/00012.png")).isRegularFile();
        assertThat(out.resolve("train/fake/spectral/00011.png")).isRegularFile();
    }

    @Test
    void dataset_json_records_spec_generators_and_counts() throws IOException {
        Path out = tmp.resolve("d");
        SyntheticDatasets.write(SMALL.withSeed(5), out, ProgressListener.NONE);

        JsonNode json = new ObjectMapper().readTree(out.resolve("dataset.json").toFile());

        assertThat(json.get("source").asText()).isEqualTo("deepfake-edge synthetic");
        assertThat(json.at("/spec/image_size").asInt()).isEqualTo(32);
        assertThat(json.at("/spec/count").asInt()).isEqualTo(20);
        assertThat(json.at("/spec/seed").asLong()).isEqualTo(5L);
        assertThat(json.at("/spec/generator").asText()).isEqualTo("mixed");
        assertThat(json.at("/spec/val_fraction").asDouble()).isEqualTo(0.15);
        assertThat(json.at("/spec/test_fraction").asDouble()).isEqualTo(0.15);
        assertThat(json.get("generators").toString())
                .isEqualTo("[\"checkerboard\",\"smooth\",\"spectral\"]");
        assertThat(json.at("/counts/train/real").asInt()).isEqualTo(14);
        assertThat(json.at("/counts/val/fake").asInt()).isEqualTo(3);
        assertThat(json.at("/fake_counts_by_generator/train/spectral").asInt()).isEqualTo(4);
        assertThat(json.get("images_total").asInt()).isEqualTo(40);
    }

    @Test
    void single_family_still_writes_its_generator_folder() throws IOException {
        Path out = tmp.resolve("smooth");

        SyntheticDatasets.write(SMALL.withGenerator("smooth"), out, ProgressListener.NONE);

        assertThat(folderCounts(out).keySet())
                .containsExactly(
                        "test/fake/smooth",
                        "test/real",
                        "train/fake/smooth",
                        "train/real",
                        "val/fake/smooth",
                        "val/real");
        assertThat(folderCounts(out)).containsEntry("train/fake/smooth", 14);
    }

    @Test
    void shapes_task_writes_round_and_angular_class_folders() throws IOException {
        Path out = tmp.resolve("shapes");

        SynthResult result =
                SyntheticDatasets.write(SMALL.withGenerator("shapes"), out, ProgressListener.NONE);

        assertThat(folderCounts(out))
                .containsExactly(
                        Map.entry("test/0_round", 3),
                        Map.entry("test/1_angular", 3),
                        Map.entry("train/0_round", 14),
                        Map.entry("train/1_angular", 14),
                        Map.entry("val/0_round", 3),
                        Map.entry("val/1_angular", 3));
        assertThat(result.countsBySplitAndClass()).containsEntry("train/1_angular", 14);
    }

    @Test
    void images_have_the_requested_size_are_rgb_and_not_constant() throws IOException {
        Path out = tmp.resolve("img");
        SyntheticDatasets.write(SMALL.withCount(6), out, ProgressListener.NONE);

        List<Path> pngs = pngs(out);
        assertThat(pngs).hasSize(12);
        for (Path png : pngs) {
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image.getWidth()).as(png.toString()).isEqualTo(32);
            assertThat(image.getHeight()).as(png.toString()).isEqualTo(32);
            assertThat(image.getColorModel().getNumComponents()).isEqualTo(3);
            assertThat(image.getColorModel().hasAlpha()).isFalse();
            assertThat(greyStdDev(image)).as(png.toString()).isGreaterThan(1.0);
        }
    }

    @Test
    void render_returns_exactly_the_written_image() throws IOException {
        Path out = tmp.resolve("r");
        SyntheticDatasets.write(SMALL, out, ProgressListener.NONE);

        assertSamePixels(
                SyntheticDatasets.render(SMALL, "val", 1, 2),
                ImageIO.read(out.resolve("val/fake/spectral/00002.png").toFile()));
        assertSamePixels(
                SyntheticDatasets.render(SMALL, "train", 0, 7),
                ImageIO.read(out.resolve("train/real/00007.png").toFile()));
    }

    @Test
    void large_images_render_too() {
        BufferedImage image =
                SyntheticDatasets.render(SynthSpec.defaults().withImageSize(224), "test", 1, 0);

        assertThat(image.getWidth()).isEqualTo(224);
        assertThat(image.getHeight()).isEqualTo(224);
        assertThat(greyStdDev(image)).isGreaterThan(1.0);
    }

    @Test
    void odd_sizes_work_for_every_generator() {
        for (String generator : SyntheticDatasets.generatorNames()) {
            SynthSpec spec = SynthSpec.defaults().withImageSize(17).withGenerator(generator);
            for (int index = 0; index < 3; index++) {
                assertThat(SyntheticDatasets.render(spec, "train", 1, index).getWidth())
                        .isEqualTo(17);
            }
        }
    }

    @Test
    void non_empty_output_folder_is_refused_and_left_untouched() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("taken"));
        Files.writeString(out.resolve("keep.txt"), "mine");

        assertThatThrownBy(() -> SyntheticDatasets.write(SMALL, out, ProgressListener.NONE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(
                        "output folder "
                                + out.toAbsolutePath()
                                + " already exists and is not empty; choose another --out or"
                                + " delete it");
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files).containsExactly(out.resolve("keep.txt"));
        }
        assertThat(Files.readString(out.resolve("keep.txt"))).isEqualTo("mine");
        try (Stream<Path> siblings = Files.list(tmp)) {
            assertThat(siblings).containsExactly(out);
        }
    }

    @Test
    void existing_empty_folder_is_filled() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("empty"));

        SyntheticDatasets.write(SMALL.withCount(3), out, ProgressListener.NONE);

        assertThat(out.resolve("dataset.json")).isRegularFile();
    }

    @Test
    void failed_run_leaves_nothing_behind() throws IOException {
        Path out = tmp.resolve("failed");
        ProgressListener failing =
                (done, total) -> {
                    if (done == 5) {
                        throw new IllegalStateException("stop here");
                    }
                };

        assertThatThrownBy(() -> SyntheticDatasets.write(SMALL, out, failing))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("stop here");
        try (Stream<Path> siblings = Files.list(tmp)) {
            assertThat(siblings).isEmpty();
        }
    }

    @Test
    void progress_counts_every_image_in_order() throws IOException {
        List<long[]> calls = new ArrayList<>();

        SyntheticDatasets.write(
                SMALL.withCount(10),
                tmp.resolve("p"),
                (done, total) -> calls.add(new long[] {done, total}));

        assertThat(calls).hasSize(20);
        for (int i = 0; i < calls.size(); i++) {
            assertThat(calls.get(i)).containsExactly(i + 1, 20);
        }
    }

    private static void assertSamePixels(BufferedImage expected, BufferedImage actual) {
        assertThat(actual.getWidth()).isEqualTo(expected.getWidth());
        int n = expected.getWidth();
        int[] a = expected.getRGB(0, 0, n, n, null, 0, n);
        int[] b = actual.getRGB(0, 0, n, n, null, 0, n);
        assertThat(b).isEqualTo(a);
    }

    private static double greyStdDev(BufferedImage image) {
        int n = image.getWidth();
        int[] rgb = image.getRGB(0, 0, n, image.getHeight(), null, 0, n);
        double sum = 0;
        double sumSq = 0;
        for (int p : rgb) {
            double g = (((p >> 16) & 255) + ((p >> 8) & 255) + (p & 255)) / 3.0;
            sum += g;
            sumSq += g * g;
        }
        double mean = sum / rgb.length;
        return Math.sqrt(sumSq / rgb.length - mean * mean);
    }

    private static List<Path> pngs(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".png")).sorted().toList();
        }
    }

    /** Number of PNG files per folder, keyed by the folder relative to root, sorted. */
    private static Map<String, Integer> folderCounts(Path root) throws IOException {
        return pngs(root).stream()
                .collect(
                        Collectors.groupingBy(
                                p -> root.relativize(p.getParent()).toString(),
                                TreeMap::new,
                                Collectors.summingInt(p -> 1)));
    }

    /** SHA-256 of every file, keyed by its path relative to root. */
    private static Map<String, String> hashes(Path root) throws IOException {
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                hashes.put(root.relativize(p).toString(), sha256(Files.readAllBytes(p)));
            }
        }
        return hashes;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
