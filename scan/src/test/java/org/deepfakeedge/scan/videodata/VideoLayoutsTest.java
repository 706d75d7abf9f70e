package org.deepfakeedge.scan.videodata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.data.Split;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Layout recognition and by-video splits on trees of empty files (nothing is decoded). */
class VideoLayoutsTest {
    @TempDir Path root;

    private void files(String... paths) throws IOException {
        for (String p : paths) {
            Files.createDirectories(root.resolve(p).getParent());
            Files.write(root.resolve(p), new byte[0]);
        }
    }

    private static Map<String, VideoItem> byId(List<VideoItem> videos) {
        Map<String, VideoItem> m = new HashMap<>();
        videos.forEach(v -> m.put(v.id(), v));
        return m;
    }

    /**
     * FF++ youtube originals 000..009 and, per method, the fakes of pairs (0,1), (1,0), (2,3)...
     */
    private void faceForensics() throws IOException {
        for (int i = 0; i < 10; i++) {
            files(String.format("original_sequences/youtube/c23/videos/%03d.mp4", i));
        }
        for (String method : List.of("Deepfakes", "Face2Face")) {
            for (int i = 0; i < 10; i++) {
                int partner = i ^ 1;
                files(
                        String.format(
                                "manipulated_sequences/%s/c23/videos/%03d_%03d.mp4",
                                method, i, partner));
            }
            files("manipulated_sequences/" + method + "/masks/videos/000_001.mp4");
        }
    }

    @Test
    void faceforensics_labels_generators_compression_and_identities() throws IOException {
        faceForensics();

        VideoDataset ds = VideoLayouts.open(root);

        assertThat(ds.layout()).isEqualTo("faceforensics++");
        assertThat(ds.videos()).hasSize(30); // masks are not videos of the data set
        VideoItem fake =
                byId(ds.videos()).get("manipulated_sequences/Deepfakes/c23/videos/000_001.mp4");
        assertThat(fake.label()).isEqualTo(1);
        assertThat(fake.generator()).isEqualTo("Deepfakes");
        assertThat(fake.compression()).isEqualTo("c23");
        assertThat(fake.identities()).containsExactly("ffpp:000", "ffpp:001");
        VideoItem real = byId(ds.videos()).get("original_sequences/youtube/c23/videos/004.mp4");
        assertThat(real.label()).isZero();
        assertThat(real.generator()).isEmpty();
        assertThat(real.identities()).containsExactly("ffpp:004");
    }

    @Test
    void faceforensics_without_original_sequences_is_a_clear_error() throws IOException {
        files("manipulated_sequences/Deepfakes/c23/videos/000_001.mp4");

        assertThatThrownBy(() -> VideoLayouts.open(root))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("but no original_sequences")
                .hasMessageContaining("Fix:");
    }

    @Test
    void faceforensics_split_keeps_fakes_with_their_originals() throws IOException {
        faceForensics();
        VideoDataset ds = VideoLayouts.open(root);

        List<VideoItem> split = VideoSplitter.assign(ds, 7, 0.2, 0.2);

        assertThat(split).allSatisfy(v -> assertThat(v.split()).isNotNull());
        // every identity lies in exactly one split: no original/fake pair crosses splits
        Map<String, Set<Split>> splitsOf = new HashMap<>();
        for (VideoItem v : split) {
            for (String id : v.identities()) {
                splitsOf.computeIfAbsent(id, k -> new java.util.HashSet<>()).add(v.split());
            }
        }
        assertThat(splitsOf).hasSize(10);
        assertThat(splitsOf.values()).allSatisfy(s -> assertThat(s).hasSize(1));
        // five groups {2k, 2k+1}: one test, one val, three train
        Map<Split, Long> videosPer =
                split.stream()
                        .collect(Collectors.groupingBy(VideoItem::split, Collectors.counting()));
        assertThat(videosPer).containsEntry(Split.TEST, 6L).containsEntry(Split.VAL, 6L);
        // seeded: the same seed gives the same split, another seed (here) another one
        assertThat(VideoSplitter.assign(ds, 7, 0.2, 0.2)).isEqualTo(split);
        assertThat(
                        java.util.stream.LongStream.range(0, 20)
                                .mapToObj(s -> VideoSplitter.assign(ds, s, 0.2, 0.2))
                                .distinct()
                                .count())
                .isGreaterThan(1);
    }

    @Test
    void celeb_df_honours_the_test_list_with_its_reversed_labels() throws IOException {
        files(
                "Celeb-real/id0_0000.mp4",
                "Celeb-real/id0_0001.mp4",
                "Celeb-real/id1_0000.mp4",
                "Celeb-real/id2_0000.mp4",
                "YouTube-real/00000.mp4",
                "YouTube-real/00001.mp4",
                "Celeb-synthesis/id0_id1_0000.mp4",
                "Celeb-synthesis/id1_id0_0000.mp4",
                "Celeb-synthesis/id2_id1_0000.mp4",
                "Celeb-synthesis/id0_id2_0001.mp4");
        Files.writeString(
                root.resolve("List_of_testing_videos.txt"),
                "1 YouTube-real/00001.mp4\n0 Celeb-synthesis/id2_id1_0000.mp4\n"
                        + "1 Celeb-real/id2_0000.mp4\n0 Celeb-real/id0_0000.mp4\n"
                        + "1 Celeb-synthesis/missing.mp4\n");

        VideoDataset ds = VideoLayouts.open(root);

        assertThat(ds.layout()).isEqualTo("celeb-df-v2");
        assertThat(ds.hasOwnTestSplit()).isTrue();
        Map<String, VideoItem> v = byId(ds.videos());
        assertThat(v.get("YouTube-real/00000.mp4").label()).isZero();
        assertThat(v.get("Celeb-synthesis/id0_id1_0000.mp4").label()).isEqualTo(1);
        assertThat(v.get("Celeb-synthesis/id0_id1_0000.mp4").identities())
                .containsExactly("celeb:id0", "celeb:id1");
        assertThat(ds.warnings())
                .anyMatch(w -> w.contains("line 4") && w.contains("disagrees"))
                .anyMatch(w -> w.contains("line 5") && w.contains("not in the data set"));

        List<VideoItem> split = VideoSplitter.assign(ds, 42, 0.2, 0.2);
        Set<String> test =
                split.stream()
                        .filter(x -> x.split() == Split.TEST)
                        .map(VideoItem::id)
                        .collect(Collectors.toSet());
        assertThat(test)
                .containsExactlyInAnyOrder(
                        "YouTube-real/00001.mp4",
                        "Celeb-synthesis/id2_id1_0000.mp4",
                        "Celeb-real/id2_0000.mp4",
                        "Celeb-real/id0_0000.mp4");
        assertThat(split).allSatisfy(x -> assertThat(x.split()).isNotNull());
    }

    @Test
    void celeb_df_without_fakes_is_a_clear_error() throws IOException {
        files("Celeb-real/id0_0000.mp4");

        assertThatThrownBy(() -> VideoLayouts.open(root))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no Celeb-synthesis/ folder");
    }

    @Test
    void dfdc_metadata_labels_and_fakes_stay_with_their_originals() throws IOException {
        StringBuilder meta = new StringBuilder("{");
        for (int i = 0; i < 6; i++) {
            files("dfdc_train_part_0/real" + i + ".mp4");
            files("dfdc_train_part_0/fake" + i + "a.mp4", "dfdc_train_part_0/fake" + i + "b.mp4");
            meta.append(i == 0 ? "" : ",")
                    .append("\"real" + i + ".mp4\": {\"label\": \"REAL\", \"split\": \"train\"},")
                    .append(
                            "\"fake"
                                    + i
                                    + "a.mp4\": {\"label\": \"FAKE\", \"original\": \"real"
                                    + i
                                    + ".mp4\", \"split\": \"train\"},")
                    .append(
                            "\"fake"
                                    + i
                                    + "b.mp4\": {\"label\": \"FAKE\", \"original\": \"real"
                                    + i
                                    + ".mp4\", \"split\": \"train\"}");
        }
        meta.append(", \"gone.mp4\": {\"label\": \"FAKE\", \"original\": \"real0.mp4\"}}");
        Files.writeString(root.resolve("dfdc_train_part_0/metadata.json"), meta);

        VideoDataset ds = VideoLayouts.open(root);

        assertThat(ds.layout()).isEqualTo("dfdc");
        assertThat(ds.videos()).hasSize(18);
        assertThat(ds.warnings()).anyMatch(w -> w.contains("gone.mp4"));
        List<VideoItem> split = VideoSplitter.assign(ds, 3, 0.2, 0.2);
        Map<String, Split> s = new HashMap<>();
        split.forEach(x -> s.put(x.id(), x.split()));
        for (int i = 0; i < 6; i++) {
            Split original = s.get("dfdc_train_part_0/real" + i + ".mp4");
            assertThat(s.get("dfdc_train_part_0/fake" + i + "a.mp4")).isEqualTo(original);
            assertThat(s.get("dfdc_train_part_0/fake" + i + "b.mp4")).isEqualTo(original);
        }
        assertThat(s.values()).contains(Split.TRAIN, Split.VAL, Split.TEST);
    }

    @Test
    void dfdc_with_a_bad_label_is_a_clear_error() throws IOException {
        files("a.mp4");
        Files.writeString(root.resolve("metadata.json"), "{\"a.mp4\": {\"label\": \"MAYBE\"}}");

        assertThatThrownBy(() -> VideoLayouts.open(root))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("label 'MAYBE'");
    }

    @Test
    void real_and_fake_folders_of_videos() throws IOException {
        files("real/a.mp4", "real/b.avi", "fake/faceswap/c.mp4", "fake/d.mkv", "fake/notes.txt");

        VideoDataset ds = VideoLayouts.open(root);

        assertThat(ds.layout()).isEqualTo("video-folders");
        assertThat(ds.videos())
                .extracting(x -> x.id() + ":" + x.label() + ":" + x.generator())
                .containsExactly(
                        "fake/d.mkv:1:",
                        "fake/faceswap/c.mp4:1:faceswap",
                        "real/a.mp4:0:",
                        "real/b.avi:0:");
    }

    @Test
    void a_csv_list_of_videos_with_originals_and_a_test_split() throws IOException {
        files("clips/a.mp4", "clips/b.mp4", "clips/c.mp4", "clips/d.mp4");
        Path csv =
                Files.writeString(
                        root.resolve("videos.csv"),
                        "path,label,split,generator,original\n"
                                + "clips/a.mp4,real,,,\n"
                                + "clips/b.mp4,fake,,swap,clips/a.mp4\n"
                                + "clips/c.mp4,0,test,,\n"
                                + "clips/d.mp4,1,test,swap,clips/c.mp4\n"
                                + "clips/e.mp4,1,,,\n"
                                + "clips/a.mp4,maybe,,,\n");

        VideoDataset ds = VideoLayouts.open(csv);

        assertThat(ds.layout()).isEqualTo("video-list");
        assertThat(ds.hasOwnTestSplit()).isTrue();
        assertThat(ds.videos())
                .extracting(v -> v.id() + ":" + v.label() + ":" + v.generator() + ":" + v.split())
                .containsExactly(
                        "clips/a.mp4:0::null",
                        "clips/b.mp4:1:swap:null",
                        "clips/c.mp4:0::TEST",
                        "clips/d.mp4:1:swap:TEST");
        assertThat(ds.warnings())
                .anyMatch(w -> w.contains("line 6") && w.contains("video not found"))
                .anyMatch(w -> w.contains("line 7") && w.contains("label 'maybe'"));
        List<VideoItem> split = VideoSplitter.assign(ds, 1, 0.5, 0.2);
        Map<String, VideoItem> v = byId(split);
        assertThat(v.get("clips/b.mp4").split()).isEqualTo(v.get("clips/a.mp4").split());
        assertThat(v.get("clips/a.mp4").split()).isNotEqualTo(Split.TEST);
    }

    @Test
    void unknown_layout_names_the_expected_ones() throws IOException {
        files("clips/a.mp4");

        assertThatThrownBy(() -> VideoLayouts.open(root))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("[clips]")
                .hasMessageContaining("FaceForensics++")
                .hasMessageContaining("metadata.json");
    }
}
