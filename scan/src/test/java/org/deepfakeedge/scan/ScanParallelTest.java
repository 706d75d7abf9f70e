package org.deepfakeedge.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.deepfakeedge.runtime.Detector;
import org.deepfakeedge.runtime.RuntimeChoice;
import org.deepfakeedge.video.FrameSampling;
import org.deepfakeedge.video.VideoFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several workers: the output is the bytes one worker writes, in input order behind a slow file,
 * bad files do not stop the others, a cut output resumes, and the window between walk and output
 * stays bounded.
 */
class ScanParallelTest {
    @TempDir static Path tmp;
    static Path dir;
    static Detector detector;
    static final ScanOptions OPTIONS = ScanOptions.defaults().withSampling(FrameSampling.evenly(4));

    @BeforeAll
    static void setUp() throws IOException {
        detector = Detector.load(ScanFixtures.onnxModel(tmp, 7), RuntimeChoice.AUTO, 1);
        dir = ScanFixtures.mediaFolder(tmp.resolve("media"));
        // more files than workers behind the bad ones, in a sub-folder (visited after h_)
        for (int i = 0; i < 4; i++) {
            ScanFixtures.photo("coffee.jpg", dir.resolve("z/photo" + i + ".jpg"));
            VideoFixtures.write(
                    dir.resolve("z/clip" + i + ".mp4"),
                    VideoFixtures.Spec.of("mp4", i % 2 == 0 ? "mpeg4" : "libopenh264")
                            .withFrames(10 + i));
        }
    }

    @AfterAll
    static void tearDown() {
        detector.close();
    }

    private static ScanJob.Summary scan(Path out, int workers, boolean resume) {
        try (ScanOutput o = ScanOutput.open(out, resume)) {
            return ScanJob.run(
                    List.of(dir),
                    detector,
                    OPTIONS,
                    ScanWorkers.plan(workers, workers),
                    o,
                    -1,
                    new ScanJob.Listener() {});
        }
    }

    @Test
    void threeWorkersWriteTheBytesOfOne() throws IOException {
        for (String name : new String[] {"out.jsonl", "out.csv"}) {
            Path one = tmp.resolve("one-" + name);
            Path three = tmp.resolve("three-" + name);
            ScanJob.Summary s1 = scan(one, 1, false);
            ScanJob.Summary s3 = scan(three, 3, false);
            assertThat(s1.files()).isEqualTo(16);
            assertThat(s3.files()).isEqualTo(16);
            assertThat(s3.errors()).isEqualTo(s1.errors()).isEqualTo(5);
            assertThat(s3.videos()).isEqualTo(5);
            assertThat(Files.readAllBytes(three)).as(name).isEqualTo(Files.readAllBytes(one));
        }
        // and every file behind the bad ones was scored
        List<String> lines = Files.readAllLines(tmp.resolve("three-out.jsonl"));
        assertThat(lines.subList(8, 16))
                .allSatisfy(
                        l ->
                                assertThat(l)
                                        .contains("\"error\":null")
                                        .doesNotContain("\"p_fake\":null"));
        assertThat(lines.get(3)).contains("d_corrupt.mp4").contains("not a video file");
    }

    @Test
    void decodingOnlyReadsTheFramesTheScanReads() throws IOException {
        Path scanned = tmp.resolve("scanned.jsonl");
        Path decoded = tmp.resolve("decoded.jsonl");
        ScanJob.Summary s = scan(scanned, 2, false);
        ScanJob.Summary d;
        try (ScanOutput o = ScanOutput.open(decoded, false)) {
            d =
                    ScanJob.decode(
                            List.of(dir),
                            detector,
                            OPTIONS,
                            ScanWorkers.plan(2, 2),
                            o,
                            -1,
                            new ScanJob.Listener() {});
        }
        // 6 photos, 5 videos of 4 sampled frames, the bad files none
        assertThat(d.framesRead()).isEqualTo(s.framesRead()).isEqualTo(6 + 5 * 4);
        assertThat(d.errors()).isEqualTo(s.errors());
        List<JsonNode> a = json(scanned);
        List<JsonNode> b = json(decoded);
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i).get("path")).isEqualTo(a.get(i).get("path"));
            assertThat(b.get(i).get("frames_read")).isEqualTo(a.get(i).get("frames_read"));
            assertThat(b.get(i).get("error")).isEqualTo(a.get(i).get("error"));
            assertThat(b.get(i).get("p_fake").isNull()).isTrue();
            assertThat(b.get(i).get("faces").asInt()).isZero();
        }
    }

    private static List<JsonNode> json(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String l : Files.readAllLines(file)) {
            out.add(ScanOutput.MAPPER.readTree(l));
        }
        return out;
    }

    @Test
    void aCutOutputResumesWithThreeWorkers() throws IOException {
        Path full = tmp.resolve("full.jsonl");
        scan(full, 1, false);
        byte[] expected = Files.readAllBytes(full);
        List<String> lines = Files.readAllLines(full, StandardCharsets.UTF_8);
        int k = 6; // the kill: six results, then half of the seventh line
        int bytes = 0;
        for (int i = 0; i < k; i++) {
            bytes += lines.get(i).getBytes(StandardCharsets.UTF_8).length + 1;
        }
        Path out = tmp.resolve("cut.jsonl");
        Files.write(out, java.util.Arrays.copyOf(expected, bytes + lines.get(k).length() / 2));
        ScanJob.Summary r = scan(out, 3, true);
        assertThat(r.skipped()).isEqualTo(k);
        assertThat(r.files()).isEqualTo(lines.size() - k);
        assertThat(Files.readAllBytes(out)).isEqualTo(expected);
    }

    @Test
    void resultsAreWrittenInInputOrderBehindASlowFile() throws Exception {
        List<Path> files = numberedFiles("order", 12);
        CountDownLatch othersScored = new CountDownLatch(6);
        List<String> scoredOrder = Collections.synchronizedList(new ArrayList<>());
        Function<ScanInput, ScanResult> score =
                in -> {
                    String name = in.path().getFileName().toString();
                    if (name.equals("f00.png")) {
                        // the slow first file: done only after six later files were scored
                        await(othersScored);
                        scoredOrder.add(name);
                    } else {
                        scoredOrder.add(name);
                        othersScored.countDown();
                    }
                    return result(in);
                };
        Path out = tmp.resolve("order.jsonl");
        try (ScanOutput o = ScanOutput.open(out, false)) {
            ScanJob.run(
                    List.of(files.get(0).getParent()),
                    List.of(score, score, score),
                    in -> result(in).key(),
                    o,
                    -1,
                    new ScanJob.Listener() {});
        }
        assertThat(scoredOrder.indexOf("f00.png")).isGreaterThanOrEqualTo(6);
        assertThat(Files.readAllLines(out))
                .extracting(l -> l.substring(l.lastIndexOf('/') + 1, l.indexOf(".png")))
                .containsExactly(
                        "f00", "f01", "f02", "f03", "f04", "f05", "f06", "f07", "f08", "f09", "f10",
                        "f11");
    }

    @Test
    void theFilesBetweenWalkAndOutputAreBounded() throws Exception {
        int workers = 2;
        int window = ScanJob.WINDOW_PER_WORKER * workers;
        List<Path> files = numberedFiles("window", window * 3);
        AtomicInteger others = new AtomicInteger();
        AtomicInteger seenWhileBlocked = new AtomicInteger(-1);
        Function<ScanInput, ScanResult> score =
                in -> {
                    if (in.path().endsWith("f00.png")) {
                        // wait for the window to fill, then a little longer: nothing more comes
                        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                        while (others.get() < window - 1 && System.nanoTime() < until) {
                            sleep(5);
                        }
                        sleep(200);
                        seenWhileBlocked.set(others.get());
                    } else {
                        others.incrementAndGet();
                    }
                    return result(in);
                };
        try (ScanOutput o = ScanOutput.open(tmp.resolve("window.jsonl"), false)) {
            ScanJob.Summary s =
                    ScanJob.run(
                            List.of(files.get(0).getParent()),
                            List.of(score, score),
                            in -> result(in).key(),
                            o,
                            -1,
                            new ScanJob.Listener() {});
            assertThat(s.files()).isEqualTo(files.size());
        }
        assertThat(seenWhileBlocked.get()).isEqualTo(window - 1);
    }

    @Test
    void aFileNamedTwiceIsScannedOnceWhateverTheWorkers() throws IOException {
        Path sub = dir.resolve("z");
        for (int w : new int[] {1, 3}) {
            Path out = tmp.resolve("twice-" + w + ".jsonl");
            ScanJob.Summary s;
            try (ScanOutput o = ScanOutput.open(out, false)) {
                s =
                        ScanJob.run(
                                List.of(sub, sub.resolve("photo1.jpg"), sub),
                                detector,
                                OPTIONS,
                                ScanWorkers.plan(w, w),
                                o,
                                -1,
                                new ScanJob.Listener() {});
            }
            assertThat(s.files()).isEqualTo(8);
            assertThat(s.skipped()).isEqualTo(9);
            assertThat(Files.readAllLines(out)).hasSize(8);
        }
        assertThat(Files.readAllBytes(tmp.resolve("twice-3.jsonl")))
                .isEqualTo(Files.readAllBytes(tmp.resolve("twice-1.jsonl")));
    }

    /** {@code n} empty {@code .png} files (the scoring functions here never read them). */
    private static List<Path> numberedFiles(String folder, int n) throws IOException {
        List<Path> files = new ArrayList<>();
        Path d = Files.createDirectories(tmp.resolve(folder));
        for (int i = 0; i < n; i++) {
            files.add(Files.writeString(d.resolve(String.format("f%02d.png", i)), ""));
        }
        return files;
    }

    private static ScanResult result(ScanInput in) {
        return new ScanResult(
                in.path().toString(),
                "image",
                0,
                null,
                "m",
                0.5,
                "fake",
                0.5,
                1,
                1,
                0,
                false,
                null,
                null,
                null);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS))
                    .as("other files scored meanwhile")
                    .isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
