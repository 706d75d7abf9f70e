package org.deepfakeedge.scan.videodata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.data.DatasetIndex;
import org.deepfakeedge.data.DatasetLoader;
import org.deepfakeedge.data.Sample;
import org.deepfakeedge.data.Split;
import org.deepfakeedge.provenance.Json;
import org.deepfakeedge.video.VideoFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** extract-faces on real videos of a face photo moving across the frame. */
class FaceExtractionTest {
    @TempDir Path tmp;

    private Path data;
    private final List<String> errors = new ArrayList<>();
    private final List<Integer> progress = new ArrayList<>();

    private static final FaceExtraction.Options OPTIONS =
            new FaceExtraction.Options(3, 1, 1.3, 32, 42, 0.34, 0.34, false, 1);

    @BeforeEach
    void videos() throws IOException {
        BufferedImage photo;
        try (InputStream in =
                getClass().getResourceAsStream("/org/deepfakeedge/faces/photos/astronaut.jpg")) {
            photo = ImageIO.read(in);
        }
        data = tmp.resolve("videos");
        VideoFixtures.Spec spec =
                VideoFixtures.Spec.of("mp4", "libopenh264").withSize(192, 144).withFrames(12);
        for (String name :
                List.of("real/r0", "real/r1", "real/r2", "fake/x/f0", "fake/x/f1", "fake/x/f2")) {
            Path file = data.resolve(name + ".mp4");
            Files.createDirectories(file.getParent());
            int shift = name.hashCode() & 7;
            VideoFixtures.write(
                    file,
                    spec,
                    k -> {
                        BufferedImage f = new BufferedImage(192, 144, BufferedImage.TYPE_INT_RGB);
                        Graphics2D g = f.createGraphics();
                        g.drawImage(photo, 2 * k + shift, 0, 144, 144, null);
                        g.dispose();
                        return f;
                    });
        }
        VideoFixtures.writeGarbage(data.resolve("fake/x/corrupt.mp4"), 5000, 1);
    }

    private FaceExtraction.Result run(Path out, FaceExtraction.Options o) throws IOException {
        return FaceExtraction.run(
                VideoLayouts.open(data),
                out,
                o,
                errors::add,
                (done, total, rate, eta) -> progress.add(done));
    }

    @Test
    void crops_faces_into_a_manifest_the_loader_reads_split_by_video() throws IOException {
        Path out = tmp.resolve("faces");

        FaceExtraction.Result r = run(out, OPTIONS);

        assertThat(r.videos()).isEqualTo(7);
        assertThat(r.extracted()).isEqualTo(6);
        assertThat(r.errors())
                .singleElement()
                .asString()
                .startsWith(data.resolve("fake/x/corrupt.mp4").toAbsolutePath().toString() + ": ");
        assertThat(errors).isEqualTo(r.errors());
        assertThat(progress).containsExactly(1, 2, 3, 4, 5, 6, 7);
        assertThat(r.withoutFaces()).as("the astronaut's face is found").isZero();
        assertThat(r.crops()).isEqualTo(18);

        DatasetIndex index = DatasetLoader.open(r.manifest());
        assertThat(index.samples()).hasSize(18);
        Map<String, Set<Split>> splitsOf = new HashMap<>();
        for (Sample s : index.samples()) {
            splitsOf.computeIfAbsent(s.video(), k -> new HashSet<>()).add(s.split());
            assertThat(s.label()).isEqualTo(s.video().startsWith("fake/") ? 1 : 0);
            assertThat(s.generator()).isEqualTo(s.label() == 1 ? "x" : "");
            BufferedImage crop = ImageIO.read(s.path().toFile());
            assertThat(crop.getWidth()).isEqualTo(32);
            assertThat(crop.getHeight()).isEqualTo(32);
        }
        assertThat(splitsOf).hasSize(6);
        assertThat(splitsOf.values()).allSatisfy(s -> assertThat(s).hasSize(1));
        assertThat(index.counts().get("test")).containsValues(3, 3);
        // the folder alone is the standard layout with the same labels
        assertThat(DatasetLoader.open(out).layout()).isEqualTo("standard");

        JsonNode record = Json.MAPPER.readTree(out.resolve("extract.json").toFile());
        assertThat(record.get("layout").asText()).isEqualTo("video-folders");
        assertThat(record.get("frames").asInt()).isEqualTo(3);
        assertThat(record.get("face_margin").asDouble()).isEqualTo(1.3);
        assertThat(record.get("split_seed").asLong()).isEqualTo(42);
    }

    @Test
    void resume_does_not_redo_finished_videos() throws IOException {
        Path out = tmp.resolve("faces");
        run(out, OPTIONS);
        String manifest = Files.readString(out.resolve("faces.csv"));
        Path aCrop = out.resolve(manifest.lines().skip(1).findFirst().orElseThrow().split(",")[0]);
        FileTime before = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(aCrop, before);
        errors.clear();

        assertThatThrownBy(() -> run(out, OPTIONS))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--resume");
        FaceExtraction.Result again =
                run(out, new FaceExtraction.Options(3, 1, 1.3, 32, 42, 0.34, 0.34, true, 1));

        assertThat(again.resumed()).isEqualTo(6);
        assertThat(again.extracted()).isZero();
        assertThat(errors).as("the unreadable video is tried again").hasSize(1);
        assertThat(Files.getLastModifiedTime(aCrop)).isEqualTo(before);
        assertThat(Files.readString(out.resolve("faces.csv"))).isEqualTo(manifest);
    }
}
