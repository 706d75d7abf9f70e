package org.deepfakeedge.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchLoaderTest {

    private static final int SIZE = 8;

    @TempDir Path dir;

    private final List<Sample> good = new ArrayList<>();
    private final List<Sample> bad = new ArrayList<>();
    private final ImagePreprocessor pre = new ImagePreprocessor(SIZE);

    @BeforeEach
    void createImages() throws IOException {
        for (int i = 0; i < 10; i++) {
            String ext = i % 3 == 0 ? "jpg" : "png";
            Path p =
                    TestImages.write(
                            dir.resolve("img" + i + "." + ext), TestImages.gradient(12, 10, i));
            good.add(new Sample(p, i % 2, Split.TRAIN, ""));
        }
        byte[] png = TestImages.encode(TestImages.gradient(32, 32, 1), "png");
        byte[] jpeg = TestImages.encode(TestImages.gradient(32, 32, 1), "jpeg");
        bad.add(sample(TestImages.writeBytes(dir.resolve("empty.png"), new byte[0])));
        bad.add(sample(TestImages.writeBytes(dir.resolve("cut.png"), Arrays.copyOf(png, 70))));
        bad.add(
                sample(
                        TestImages.writeBytes(
                                dir.resolve("cut.jpg"), Arrays.copyOf(jpeg, jpeg.length / 2))));
        bad.add(sample(Files.writeString(dir.resolve("text.png"), "hello")));
    }

    private static Sample sample(Path p) {
        return new Sample(p, 1, Split.TRAIN, "");
    }

    private static List<Batch> drain(Iterator<Batch> it) {
        List<Batch> batches = new ArrayList<>();
        it.forEachRemaining(batches::add);
        return batches;
    }

    private static List<Path> order(List<Batch> batches) {
        return batches.stream().flatMap(b -> b.samples().stream()).map(Sample::path).toList();
    }

    /** Each sample's tensor, by path. */
    private static Map<Path, float[]> tensors(List<Batch> batches) {
        Map<Path, float[]> map = new HashMap<>();
        for (Batch b : batches) {
            int len = b.channels() * b.height() * b.width();
            for (int i = 0; i < b.size(); i++) {
                map.put(
                        b.samples().get(i).path(),
                        Arrays.copyOfRange(b.data(), i * len, (i + 1) * len));
            }
        }
        return map;
    }

    @Test
    void every_good_sample_appears_once_per_epoch_and_bad_files_are_skipped() {
        List<Sample> all = new ArrayList<>(good);
        all.addAll(3, bad); // bad files in the middle of the list
        try (BatchLoader loader =
                new BatchLoader(all, pre, Augmentation.none(), 3, true, 11, 2, 1 << 20)) {
            for (int epoch = 0; epoch < 2; epoch++) {
                List<Batch> batches = drain(loader.epoch(epoch));

                assertThat(batches).extracting(Batch::size).containsExactly(3, 3, 3, 1);
                assertThat(order(batches))
                        .containsExactlyInAnyOrderElementsOf(
                                good.stream().map(Sample::path).toList());
                for (Batch b : batches) {
                    assertThat(b.data()).hasSize(b.size() * 3 * SIZE * SIZE);
                    assertThat(b.channels()).isEqualTo(3);
                    assertThat(b.height()).isEqualTo(SIZE);
                    assertThat(b.width()).isEqualTo(SIZE);
                    for (int i = 0; i < b.size(); i++) {
                        assertThat(b.labels()[i]).isEqualTo(b.samples().get(i).label());
                    }
                }
            }
            assertThat(loader.skipped())
                    .extracting(SkippedFile::path)
                    .containsExactlyElementsOf(bad.stream().map(Sample::path).toList());
            assertThat(loader.skipped())
                    .extracting(SkippedFile::reason)
                    .allSatisfy(r -> assertThat(r).isNotBlank().doesNotContain("\n"));
            assertThat(loader.skipped().get(0).reason()).contains("empty file");
        }
    }

    @Test
    void drop_last_keeps_only_full_batches() {
        try (BatchLoader loader =
                new BatchLoader(good, pre, Augmentation.none(), 4, false, 1, 2, 0, true)) {
            assertThat(drain(loader.epoch(0))).extracting(Batch::size).containsExactly(4, 4);
        }
    }

    @Test
    void shuffle_is_deterministic_per_seed_and_differs_between_epochs() {
        try (BatchLoader a = new BatchLoader(good, pre, Augmentation.none(), 4, true, 5, 2, 0);
                BatchLoader b = new BatchLoader(good, pre, Augmentation.none(), 4, true, 5, 1, 0);
                BatchLoader c = new BatchLoader(good, pre, Augmentation.none(), 4, true, 6, 2, 0);
                BatchLoader plain = new BatchLoader(good, pre, Augmentation.none(), 4, false, 5)) {
            List<Path> a0 = order(drain(a.epoch(0)));
            List<Path> a1 = order(drain(a.epoch(1)));

            assertThat(order(drain(b.epoch(0)))).isEqualTo(a0);
            assertThat(order(drain(b.epoch(1)))).isEqualTo(a1);
            assertThat(a1).isNotEqualTo(a0);
            assertThat(order(drain(c.epoch(0)))).isNotEqualTo(a0);
            assertThat(order(drain(plain.epoch(3))))
                    .isEqualTo(good.stream().map(Sample::path).toList());
        }
    }

    @Test
    void constant_colour_batch_matches_hand_computed_normalisation() {
        Path red = TestImages.write(dir.resolve("const.png"), TestImages.solid(20, 12, 0xff8000));
        List<Sample> one = List.of(new Sample(red, 1, Split.TEST, "gan"));
        try (BatchLoader loader = new BatchLoader(one, pre, Augmentation.none(), 2, false, 0)) {
            Batch batch = loader.epoch(0).next();

            assertThat(batch.size()).isEqualTo(1);
            assertThat(batch.labels()).containsExactly(1);
            float[] d = batch.data();
            int plane = SIZE * SIZE;
            for (int i = 0; i < plane; i++) {
                assertThat(d[i]).isCloseTo((1f - 0.485f) / 0.229f, within(1e-5f));
                assertThat(d[plane + i]).isCloseTo((128 / 255f - 0.456f) / 0.224f, within(1e-5f));
                assertThat(d[2 * plane + i]).isCloseTo(-0.406f / 0.225f, within(1e-5f));
            }
        }
    }

    @Test
    void cached_images_survive_deletion_and_an_empty_cache_does_not() throws IOException {
        try (BatchLoader cached =
                        new BatchLoader(good, pre, Augmentation.none(), 4, true, 2, 2, 1 << 20);
                BatchLoader uncached =
                        new BatchLoader(good, pre, Augmentation.none(), 4, true, 2, 2, 0)) {
            Map<Path, float[]> first = tensors(drain(cached.epoch(0)));
            drain(uncached.epoch(0));
            assertThat(cached.cachedBytes()).isEqualTo(10L * SIZE * SIZE * 3);
            for (Sample s : good) {
                Files.delete(s.path());
            }

            List<Batch> again = drain(cached.epoch(1));
            assertThat(order(again)).hasSize(10);
            Map<Path, float[]> second = tensors(again);
            for (Sample s : good) {
                assertThat(second.get(s.path())).containsExactly(first.get(s.path()));
            }
            assertThat(cached.skipped()).isEmpty();

            assertThat(drain(uncached.epoch(1))).isEmpty();
            assertThat(uncached.skipped())
                    .hasSize(10)
                    .allMatch(f -> f.reason().contains("not found"));
        }
    }

    @Test
    void cache_respects_its_budget() {
        long oneImage = SIZE * SIZE * 3;
        try (BatchLoader loader =
                new BatchLoader(good, pre, Augmentation.none(), 4, false, 2, 2, 3 * oneImage + 1)) {
            drain(loader.epoch(0));
            assertThat(loader.cachedBytes()).isEqualTo(3 * oneImage);
        }
    }

    @Test
    void without_augmentation_epochs_differ_only_in_order() {
        try (BatchLoader loader =
                new BatchLoader(good, pre, Augmentation.none(), 3, true, 9, 2, 0)) {
            Map<Path, float[]> e0 = tensors(drain(loader.epoch(0)));
            Map<Path, float[]> e1 = tensors(drain(loader.epoch(1)));
            assertThat(e1.keySet()).isEqualTo(e0.keySet());
            for (Path p : e0.keySet()) {
                assertThat(e1.get(p)).containsExactly(e0.get(p));
            }
        }
    }

    @Test
    void augmentation_is_reproducible_whatever_the_thread_count_and_varies_by_epoch() {
        Augmentation heavy = new Augmentation(0.5, 0.5, 0.5, 0.5, 40, 90, 0.5, 1.5);
        try (BatchLoader a = new BatchLoader(good, pre, heavy, 3, true, 21, 1, 1 << 20);
                BatchLoader b = new BatchLoader(good, pre, heavy, 3, true, 21, 2, 0)) {
            List<Batch> a0 = drain(a.epoch(0));
            List<Batch> b0 = drain(b.epoch(0));
            for (int i = 0; i < a0.size(); i++) {
                assertThat(b0.get(i).data()).containsExactly(a0.get(i).data());
            }
            Map<Path, float[]> e0 = tensors(a0);
            Map<Path, float[]> e1 = tensors(drain(a.epoch(1)));
            assertThat(e0.keySet()).anySatisfy(p -> assertThat(e1.get(p)).isNotEqualTo(e0.get(p)));
        }
    }

    @Test
    void all_bad_files_give_an_empty_epoch_and_closing_stops_the_loader() {
        BatchLoader loader = new BatchLoader(bad, pre, Augmentation.none(), 2, false, 0, 2, 0);
        assertThat(drain(loader.epoch(0))).isEmpty();
        assertThat(loader.skipped()).hasSize(4);
        loader.close();
        assertThatThrownBy(() -> loader.epoch(1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void arguments_are_validated() {
        assertThatThrownBy(() -> new BatchLoader(good, pre, Augmentation.none(), 0, false, 0))
                .hasMessageContaining("batchSize");
        assertThatThrownBy(
                        () -> new BatchLoader(good, pre, Augmentation.none(), 2, false, 0, 1, -1))
                .hasMessageContaining("cacheBytes");
    }

    @Test
    void a_decoded_image_transform_runs_between_decoding_and_resizing() {
        // Each image becomes a solid colour of its own, taken from its file name, at a size other
        // than SIZE: the tensor must be that colour resized and normalised, as for a decoded file.
        Map<Path, Integer> seen = new java.util.concurrent.ConcurrentHashMap<>();
        DecodedImageTransform paint =
                (rgb, sample) -> {
                    seen.merge(sample.path(), 1, Integer::sum);
                    assertThat(rgb.getWidth()).isEqualTo(12); // the decoded file, not yet resized
                    int k =
                            Integer.parseInt(
                                    sample.path().getFileName().toString().replaceAll("\\D", ""));
                    return TestImages.solid(20, 30, 0x0a0b0c * (k + 1));
                };
        try (BatchLoader loader =
                new BatchLoader(good, pre, Augmentation.none(), 4, false, 0, 2, 0, false, paint)) {
            int index = 0;
            for (Batch b : drain(loader.epoch(0))) {
                for (int i = 0; i < b.size(); i++, index++) {
                    float[] expected =
                            pre.toTensor(TestImages.solid(20, 30, 0x0a0b0c * (index + 1)));
                    float[] actual =
                            Arrays.copyOfRange(
                                    b.data(), i * pre.tensorLength(), (i + 1) * pre.tensorLength());
                    assertThat(actual).as("sample " + index).isEqualTo(expected);
                }
            }
            assertThat(index).isEqualTo(good.size());
        }
        assertThat(seen)
                .hasSize(good.size())
                .allSatisfy((path, calls) -> assertThat(calls).isOne());
    }
}
