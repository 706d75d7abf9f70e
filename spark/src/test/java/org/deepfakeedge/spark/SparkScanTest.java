package org.deepfakeedge.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.runtime.Detector;
import org.deepfakeedge.runtime.RuntimeChoice;
import org.deepfakeedge.scan.FileScanner;
import org.deepfakeedge.scan.ScanFixtures;
import org.deepfakeedge.scan.ScanInputs;
import org.deepfakeedge.scan.ScanResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark scan in {@code local[2]} against single-machine scanning of the same files. */
class SparkScanTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start("spark-scan-test", 2);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void scores_equal_single_machine_scan_bad_files_are_rows_and_a_rerun_scores_only_new_files(
            @TempDir Path dir) throws Exception {
        Path model = ScanFixtures.onnxModel(dir, 7);
        Path media = ScanFixtures.mediaFolder(Files.createDirectories(dir.resolve("media")));
        String out = dir.resolve("out").toUri().toString();
        SparkScanOptions options =
                new SparkScanOptions(model.toString(), "auto", 8, "mean", 1, 1, null, Map.of());

        List<String> progress = new java.util.ArrayList<>();
        SparkScan.Summary first =
                SparkScan.run(spark, options, media.toUri().toString(), out, progress::add);
        // one line after the listing, one per scoring job (8 files, 1 per task: 2 jobs of 4)
        assertEquals(
                "listed 8 files, 0 already scored, 8 to score", progress.get(0).split(" \\(")[0]);
        assertEquals(3, progress.size(), progress.toString());
        assertTrue(progress.get(2).startsWith("scoring job 2/2 committed: about 8 of 8 files"));
        assertEquals(
                List.of("model", "listing", "scoring", "totals"),
                List.copyOf(first.phases().keySet()));
        double phases = first.phases().values().stream().mapToDouble(Double::doubleValue).sum();
        assertTrue(phases > 0 && phases <= first.seconds(), first.phases() + " " + first.seconds());

        // the media files: notes.txt is passed over, as by a folder walk; the zero-byte
        // f_empty.mp4, which Spark's listing drops, is a row with an error as in single-machine
        // scan
        Map<String, Row> rows = rowsByFile(out);
        assertEquals(8, first.listed(), rows.keySet().toString());
        assertTrue(((String) rows.get("f_empty.mp4").getAs("error")).contains("empty file"));
        assertEquals(0, first.skipped());
        assertEquals(8, first.rows());
        assertEquals(8, rows.size());
        try (Detector d = Detector.load(model, RuntimeChoice.AUTO, 1);
                FileScanner local = new FileScanner(d, options.scanOptions())) {
            for (String name : rows.keySet()) {
                Path file = media.resolve(name);
                ScanResult expected =
                        local.scan(ScanInputs.stream(List.of(file)).findFirst().orElseThrow());
                Row r = rows.get(name);
                assertEquals(expected.kind(), r.getAs("kind"), name);
                assertEquals(expected.frames(), (int) r.getAs("frames"), name);
                assertEquals(expected.faces(), (int) r.getAs("faces"), name);
                assertEquals(expected.error() == null, r.isNullAt(r.fieldIndex("error")), name);
                if (expected.pFake() == null) {
                    assertTrue(r.isNullAt(r.fieldIndex("p_fake")), name);
                } else {
                    double p = r.getAs("p_fake");
                    assertEquals(expected.pFake(), p, 1e-6, name);
                }
                assertEquals(local.modelId(), r.getAs("model_id"));
            }
        }
        assertNull(rows.get("a_astronaut.jpg").getAs("error"));
        assertNotNull(rows.get("d_corrupt.mp4").getAs("error"));
        assertNotNull(rows.get("h_broken.jpg").getAs("error"));
        assertTrue(Files.isRegularFile(dir.resolve("out").resolve(SparkScan.SUMMARY)));

        // a rerun scores nothing; a new file is the only one scored next
        SparkScan.Summary again = SparkScan.run(spark, options, media.toUri().toString(), out);
        assertEquals(8, again.skipped());
        assertEquals(0, again.scored());
        assertEquals(8, again.rows());
        // a name with a space: Spark lists it unescaped, and the task reads it as scan does
        ScanFixtures.photo("grace_hopper.jpg", media.resolve("i hopper.jpg"));
        SparkScan.Summary third = SparkScan.run(spark, options, media.toUri().toString(), out);
        assertEquals(8, third.skipped());
        assertEquals(1, third.scored());
        assertEquals(9, third.rows());
        Map<String, Row> all = rowsByFile(out);
        assertEquals(9, all.size());
        assertNull(all.get("i hopper.jpg").getAs("error"));
        assertNotNull(all.get("i hopper.jpg").getAs("p_fake"));
    }

    @Test
    void the_unsure_band_labels_rows_and_a_band_without_the_threshold_fails_before_any_task(
            @TempDir Path dir) throws Exception {
        Path model = ScanFixtures.onnxModel(dir, 7);
        Path media = Files.createDirectories(dir.resolve("media"));
        ScanFixtures.photo("astronaut.jpg", media.resolve("a.jpg"));
        ScanFixtures.photo("grace_hopper.jpg", media.resolve("b.jpg"));
        String out = dir.resolve("out").toUri().toString();
        // [0, 1) holds every p_fake below 1 and any threshold
        SparkScanOptions everything =
                new SparkScanOptions(model.toString(), "off", 8, "mean", 1, 1, "0,1", Map.of());
        SparkScan.run(spark, everything, media.toUri().toString(), out);
        for (Row r : rowsByFile(out).values()) {
            double p = r.getAs("p_fake");
            assertEquals(p < 1 ? "unsure" : "fake", r.getAs("label"), r.toString());
        }

        SparkScanOptions above =
                new SparkScanOptions(
                        model.toString(), "off", 8, "mean", 1, 1, "0.9999,1", Map.of());
        String other = dir.resolve("other").toUri().toString();
        InvalidInputException e =
                assertThrows(
                        InvalidInputException.class,
                        () -> SparkScan.run(spark, above, media.toUri().toString(), other));
        assertTrue(e.getMessage().contains("0.9999"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("other")), "no task ran, nothing was written");
    }

    private static Map<String, Row> rowsByFile(String out) {
        Map<String, Row> m = new HashMap<>();
        for (Row r : spark.read().schema(SparkScan.SCHEMA).parquet(out).collectAsList()) {
            String path = r.getAs("path");
            Row previous = m.put(path.substring(path.lastIndexOf('/') + 1), r);
            if (previous != null) {
                throw new AssertionError("two rows for " + path);
            }
        }
        return m;
    }
}
