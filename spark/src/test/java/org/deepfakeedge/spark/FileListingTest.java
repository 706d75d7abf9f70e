package org.deepfakeedge.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.deepfakeedge.InvalidInputException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The task-side listing: the files, lengths and times a folder walk finds, nothing on the driver.
 */
class FileListingTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start("file-listing-test", 0);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void lists_every_wanted_file_at_every_depth_keeps_empty_ones_and_hides_what_spark_hides(
            @TempDir Path dir) throws Exception {
        write(dir.resolve("top.png"), 3);
        write(dir.resolve("notes.txt"), 5); // not wanted
        write(dir.resolve("a/b/c/deep.png"), 7);
        write(dir.resolve("a/empty.png"), 0); // Spark's planner would drop it
        write(dir.resolve("a/with space.png"), 2);
        write(dir.resolve("_hidden/x.png"), 1);
        write(dir.resolve("a/.tmp.png"), 1);
        write(dir.resolve("z/_SUCCESS.png"), 1);
        Files.createDirectories(dir.resolve("emptydir"));

        Map<String, Long> got = listed(dir.toUri().toString());

        assertEquals(
                Map.of(
                        "top.png", 3L,
                        "a/b/c/deep.png", 7L,
                        "a/empty.png", 0L,
                        "a/with space.png", 2L),
                relative(got, dir));
        // the driver holds one unit per first-level folder (and one for the root's own files),
        // never a file of a subfolder
        List<String> units =
                FileListing.units(spark.sparkContext().hadoopConfiguration(), dir.toString());
        assertEquals(4, units.size(), units.toString()); // root files, a, emptydir, z
        assertTrue(units.stream().noneMatch(u -> u.endsWith(".png")), units.toString());
    }

    @Test
    void a_glob_and_a_single_file_are_inputs_too(@TempDir Path dir) throws Exception {
        write(dir.resolve("2026-01/x.png"), 4);
        write(dir.resolve("2026-02/y.png"), 6);
        write(dir.resolve("2025-12/z.png"), 8);

        assertEquals(
                Map.of("2026-01/x.png", 4L, "2026-02/y.png", 6L),
                relative(listed(dir.toUri() + "2026-*"), dir));
        assertEquals(
                Map.of("2025-12/z.png", 8L),
                relative(listed(dir.resolve("2025-12/z.png").toString()), dir));
    }

    @Test
    void a_missing_input_is_one_clear_error(@TempDir Path dir) {
        InvalidInputException e =
                assertThrows(
                        InvalidInputException.class,
                        () -> listed(dir.resolve("nowhere").toString()));
        assertTrue(e.getMessage().contains("nowhere: no such file or folder"), e.getMessage());
    }

    private static Map<String, Long> listed(String input) {
        Map<String, Long> m = new TreeMap<>();
        for (Row r : FileListing.of(spark, input, n -> n.endsWith(".png")).collectAsList()) {
            if (m.put(r.getString(0), r.getLong(1)) != null) {
                throw new AssertionError("listed twice: " + r.getString(0));
            }
            assertTrue(r.getTimestamp(2).getTime() > 0, r.toString());
        }
        return m;
    }

    private static Map<String, Long> relative(Map<String, Long> byPath, Path dir) {
        Map<String, Long> m = new TreeMap<>();
        String root =
                new org.apache.hadoop.fs.Path(dir.toString())
                                .makeQualified(java.net.URI.create("file:///"), null)
                        + "/";
        byPath.forEach(
                (p, len) -> {
                    assertTrue(p.startsWith(root), p + " is not under " + root);
                    m.put(p.substring(root.length()), len);
                });
        return m;
    }

    private static void write(Path file, int bytes) throws Exception {
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[bytes]);
    }
}
