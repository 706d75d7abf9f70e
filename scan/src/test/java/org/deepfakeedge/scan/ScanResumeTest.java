package org.deepfakeedge.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.runtime.Detector;
import org.deepfakeedge.runtime.RuntimeChoice;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A scan killed after k results (its output cut mid-line, as a kill leaves it) and resumed ends
 * with the same bytes as an unbroken scan, and scores only the files it had not finished.
 */
class ScanResumeTest {
    private static final int N = 12;
    @TempDir static Path tmp;
    static Path dir;
    static Detector detector;

    @BeforeAll
    static void setUp() throws IOException {
        detector = Detector.load(ScanFixtures.onnxModel(tmp, 5), RuntimeChoice.AUTO, 1);
        dir = tmp.resolve("images");
        Files.createDirectories(dir.resolve("sub"));
        for (int i = 0; i < N - 1; i++) {
            BufferedImage img = new BufferedImage(40 + i, 36, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < img.getHeight(); y++) {
                for (int x = 0; x < img.getWidth(); x++) {
                    img.setRGB(x, y, (x * 7 * (i + 1)) % 256 << 16 | (y * 5) << 8 | (i * 20));
                }
            }
            ImageIO.write(
                    img, "png", dir.resolve((i < 6 ? "" : "sub/") + "img" + i + ".png").toFile());
        }
        Files.writeString(dir.resolve("bad.jpg"), "not an image"); // an error result resumes too
    }

    @AfterAll
    static void tearDown() {
        detector.close();
    }

    /** Scans into {@code out}, counting the files scored. */
    private static ScanJob.Summary run(Path out, boolean resume, AtomicInteger scored) {
        ScanOptions o = ScanOptions.defaults().withFaces(ScanOptions.FaceMode.OFF);
        try (FileScanner s = new FileScanner(detector, o);
                ScanOutput output = ScanOutput.open(out, resume)) {
            return ScanJob.run(
                    List.of(dir),
                    in -> {
                        scored.incrementAndGet();
                        return s.scan(in);
                    },
                    s::keyOf,
                    output,
                    -1,
                    new ScanJob.Listener() {});
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"results.jsonl", "results.csv"})
    void aResumedScanEqualsAnUnbrokenOne(String name) throws IOException {
        Path full = tmp.resolve("full-" + name);
        AtomicInteger all = new AtomicInteger();
        ScanJob.Summary s = run(full, false, all);
        assertThat(all.get()).isEqualTo(N);
        assertThat(s.files()).isEqualTo(N);
        assertThat(s.errors()).isEqualTo(1);
        byte[] expected = Files.readAllBytes(full);
        List<String> lines = Files.readAllLines(full, StandardCharsets.UTF_8);
        int header = name.endsWith(".csv") ? 1 : 0;
        assertThat(lines).hasSize(N + header);

        for (int k : new int[] {0, 1, 5, N - 1}) {
            // the kill: k complete results, then part of the next line
            int keep = header + k;
            int bytes = 0;
            for (int i = 0; i < keep; i++) {
                bytes += lines.get(i).getBytes(StandardCharsets.UTF_8).length + 1;
            }
            int partial = lines.get(keep).length() / 2;
            Path out = tmp.resolve("killed-" + k + "-" + name);
            byte[] cut = new byte[bytes + partial];
            System.arraycopy(expected, 0, cut, 0, cut.length);
            Files.write(out, cut);

            AtomicInteger again = new AtomicInteger();
            ScanJob.Summary r = run(out, true, again);
            assertThat(again.get()).as("files re-scored after %d", k).isEqualTo(N - k);
            assertThat(r.skipped()).isEqualTo(k);
            assertThat(Files.readAllBytes(out)).as("resumed after %d", k).isEqualTo(expected);

            // resuming a finished scan scores nothing and changes nothing
            AtomicInteger none = new AtomicInteger();
            run(out, true, none);
            assertThat(none.get()).isZero();
            assertThat(Files.readAllBytes(out)).isEqualTo(expected);
        }
    }

    @Test
    void aChangedFileOrAnotherModelIsScoredAgain() throws IOException {
        Path out = tmp.resolve("changed.jsonl");
        run(out, false, new AtomicInteger());
        Path touched = dir.resolve("img2.png");
        FileTime before = Files.getLastModifiedTime(touched);
        Files.setLastModifiedTime(touched, FileTime.fromMillis(before.toMillis() + 5000));
        try {
            AtomicInteger again = new AtomicInteger();
            run(out, true, again);
            assertThat(again.get()).isEqualTo(1);
            assertThat(Files.readAllLines(out)).hasSize(N + 1);
        } finally {
            Files.setLastModifiedTime(touched, before);
        }
        // another model: every file again
        try (Detector other = Detector.load(ScanFixtures.onnxModel(tmp, 6), RuntimeChoice.AUTO, 1);
                FileScanner s =
                        new FileScanner(
                                other, ScanOptions.defaults().withFaces(ScanOptions.FaceMode.OFF));
                ScanOutput o = ScanOutput.open(out, true)) {
            assertThat(s.modelId()).isNotEqualTo(FileScanner.modelId(detector));
            List<ScanInput> rescored = new ArrayList<>();
            ScanJob.run(
                    List.of(dir),
                    in -> {
                        rescored.add(in);
                        return s.scan(in);
                    },
                    s::keyOf,
                    o,
                    -1,
                    new ScanJob.Listener() {});
            assertThat(rescored).hasSize(N);
        }
    }

    @Test
    void withoutResumeTheOutputIsReplaced() throws IOException {
        Path out = tmp.resolve("replaced.jsonl");
        Files.writeString(out, "old line\n");
        run(out, false, new AtomicInteger());
        assertThat(Files.readAllLines(out)).hasSize(N).noneMatch(l -> l.startsWith("old"));
    }

    @Test
    void resumingAFileThatIsNotAScanOutputIsRefused() throws IOException {
        Path out = tmp.resolve("other.jsonl");
        Files.writeString(out, "{\"a\":1}\nnot json\n");
        assertThatThrownBy(() -> ScanOutput.open(out, true))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("line 1");
        Path csv = tmp.resolve("other.csv");
        Files.writeString(csv, "x,y\n1,2\n");
        assertThatThrownBy(() -> ScanOutput.open(csv, true))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("header");
    }
}
