package org.deepfakeedge.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.deepfakeedge.eval.UnsureBand;
import org.deepfakeedge.provenance.Json;
import org.deepfakeedge.runtime.Detector;
import org.deepfakeedge.runtime.RuntimeChoice;
import org.deepfakeedge.scan.FileScanner;
import org.deepfakeedge.scan.ScanInput;
import org.deepfakeedge.scan.ScanInputs;
import org.deepfakeedge.scan.ScanResult;

/**
 * The Spark scan job: every image and video under an input URI (any Hadoop file system, searched
 * recursively by tasks, see {@link FileListing}) scored with the scan module's code, one Parquet
 * row per file appended to the output URI, plus {@code _scan-summary.json}.
 *
 * <p>Each task reads its images' bytes itself (directly for {@code file:} paths, as scan does;
 * through Hadoop's {@code FileSystem} otherwise) and decodes its videos from the local file, or
 * from a copy of a remote one in the task's temporary folder. A rerun on the same output skips
 * every file the output holds with the same path, size, modification time and model id (an
 * anti-join), so a job killed half-way resumes; the rows of a write job are committed when the job
 * ends, so the scoring runs as several append jobs. A bad file becomes a row with an error, never a
 * failed task; so does a zero-byte file.
 */
public final class SparkScan {
    /** The output rows' columns. */
    public static final StructType SCHEMA =
            new StructType()
                    .add("path", DataTypes.StringType, false)
                    .add("size", DataTypes.LongType, false)
                    .add("mtime", DataTypes.TimestampType, false)
                    .add("kind", DataTypes.StringType, false)
                    .add("model_id", DataTypes.StringType, false)
                    .add("p_fake", DataTypes.DoubleType, true)
                    .add("label", DataTypes.StringType, true)
                    .add("threshold", DataTypes.DoubleType, false)
                    .add("frames", DataTypes.IntegerType, false)
                    .add("frames_read", DataTypes.IntegerType, false)
                    .add("faces", DataTypes.IntegerType, false)
                    .add("no_face", DataTypes.BooleanType, false)
                    .add("error", DataTypes.StringType, true);

    /** The summary file written next to the rows. */
    public static final String SUMMARY = "_scan-summary.json";

    private SparkScan() {}

    /** What one run did. */
    public record Summary(
            String modelId,
            double threshold,
            long listed,
            long skipped,
            long scored,
            long rows,
            long errors,
            double seconds,
            Map<String, Double> phases) {}

    /**
     * Scans {@code input} into {@code output}.
     *
     * @param spark the session
     * @param options the scan; its model must be readable on the driver too (for the model id)
     * @param input a folder or glob URI
     * @param output the Parquet folder URI rows are appended to
     */
    public static Summary run(
            SparkSession spark, SparkScanOptions options, String input, String output) {
        return run(spark, options, input, output, line -> {});
    }

    /**
     * Scans {@code input} into {@code output}, telling {@code progress} a line after the listing
     * and after each scoring job (files done, seconds, expected remaining time).
     */
    public static Summary run(
            SparkSession spark,
            SparkScanOptions options,
            String input,
            String output,
            java.util.function.Consumer<String> progress) {
        long start = System.nanoTime();
        options.scanOptions(); // bad options fail on the driver, before any task
        SparkScanOptions o = options.withHadoop(HadoopSettings.of(spark));
        // the shuffles (the resume's anti-join, the scoring's repartition) are sized to the cores
        return SessionSettings.with(
                spark,
                Map.of(
                        SessionSettings.SHUFFLE_PARTITIONS,
                        SessionSettings.shufflePartitions(spark, 0, 1)),
                () -> scan(spark, o, input, output, start, progress));
    }

    private static Summary scan(
            SparkSession spark,
            SparkScanOptions o,
            String input,
            String output,
            long start,
            java.util.function.Consumer<String> progress) {
        Map<String, Double> phases = new LinkedHashMap<>();
        long mark = System.nanoTime();
        String modelId;
        double threshold;
        try (Detector d = Detector.load(Path.of(o.model()), RuntimeChoice.AUTO, 1)) {
            modelId = FileScanner.modelId(d);
            threshold = d.manifest().threshold();
        }
        UnsureBand band = o.scanOptions().unsure();
        if (band != null) {
            band.checkContains(threshold); // on the driver, before any task
        }
        mark = phase(phases, "model", mark);
        // listed by tasks, not by a Spark file source, which keeps every file's status on the
        // driver (see FileListing); as a folder walk of single-machine scan, other files are
        // passed over, and zero-byte files are kept (scored as errors, as by scan)
        // kept on the executors' disks, not in their memory: the listing is read once per write
        // job, and memory is the scoring's (in local mode the executor is the driver's JVM)
        Dataset<Row> listed =
                FileListing.of(spark, input, name -> kindOf(name) != ScanInput.Kind.UNKNOWN)
                        .persist(StorageLevel.DISK_ONLY());
        long listedCount = listed.count();
        Dataset<Row> todo = listed;
        long todoCount = listedCount;
        if (hasRows(spark, output)) {
            Dataset<Row> done =
                    spark.read()
                            .schema(SCHEMA)
                            .parquet(output)
                            .where(functions.col("model_id").equalTo(modelId))
                            .select("path", "size", "mtime");
            todo =
                    listed.join(
                                    done,
                                    listed.col("path")
                                            .equalTo(done.col("path"))
                                            .and(listed.col("length").equalTo(done.col("size")))
                                            .and(
                                                    listed.col("modificationTime")
                                                            .equalTo(done.col("mtime"))),
                                    "left_anti")
                            .persist(StorageLevel.DISK_ONLY());
            todoCount = todo.count();
        }
        mark = phase(phases, "listing", mark);
        progress.accept(
                "listed "
                        + listedCount
                        + " files, "
                        + (listedCount - todoCount)
                        + " already scored, "
                        + todoCount
                        + " to score ("
                        + Math.round(phases.get("listing") * 10) / 10.0
                        + " s)");
        String id = modelId;
        // Spark commits a write job's files only when the whole job ends, so the scoring runs as
        // several append jobs of 2 × parallelism tasks each: a killed scan keeps the rows of every
        // finished job, and a rerun scores the rest (files go to jobs by a hash of their path)
        int parallelism = Math.max(1, spark.sparkContext().defaultParallelism());
        long perJob = 2L * parallelism * o.filesPerTask();
        int jobs = (int) Math.max(1, (todoCount + perJob - 1) / perJob);
        Dataset<Row> bucketed =
                todo.withColumn(
                        "job",
                        functions.pmod(functions.hash(functions.col("path")), functions.lit(jobs)));
        for (int job = 0; job < jobs && todoCount > 0; job++) {
            Dataset<Row> part = bucketed.where(functions.col("job").equalTo(job)).drop("job");
            int tasks =
                    (int)
                            Math.max(
                                    2L * parallelism,
                                    (todoCount / jobs + o.filesPerTask() - 1) / o.filesPerTask());
            part.repartition(tasks)
                    .mapPartitions(
                            (MapPartitionsFunction<Row, Row>) it -> score(it, o, id),
                            Encoders.row(SCHEMA))
                    .write()
                    .mode(SaveMode.Append)
                    .parquet(output);
            double took = (System.nanoTime() - mark) / 1e9; // mark: the listing's end
            progress.accept(
                    "scoring job "
                            + (job + 1)
                            + "/"
                            + jobs
                            + " committed: about "
                            + Math.round((double) todoCount * (job + 1) / jobs)
                            + " of "
                            + todoCount
                            + " files in "
                            + Math.round(took)
                            + " s, about "
                            + Math.round(took / (job + 1) * (jobs - job - 1))
                            + " s left");
        }
        mark = phase(phases, "scoring", mark);
        // rows and errors in one pass over the output (count(column) counts its non-null values)
        Row counts =
                spark.read()
                        .schema(SCHEMA)
                        .parquet(output)
                        .agg(functions.count(functions.lit(1)), functions.count("error"))
                        .first();
        long total = counts.getLong(0);
        long errors = counts.getLong(1);
        phase(phases, "totals", mark);
        Summary s =
                new Summary(
                        modelId,
                        threshold,
                        listedCount,
                        listedCount - todoCount,
                        todoCount,
                        total,
                        errors,
                        (System.nanoTime() - start) / 1e9,
                        java.util.Collections.unmodifiableMap(new LinkedHashMap<>(phases)));
        todo.unpersist();
        listed.unpersist();
        writeSummary(spark, output, s);
        return s;
    }

    /** Scores a partition's files, one row each, lazily. */
    private static Iterator<Row> score(Iterator<Row> files, SparkScanOptions o, String modelId) {
        FileScanner scanner = ExecutorScanners.scanner(o);
        // one Hadoop configuration per partition, not per file: it copies all the driver's settings
        Configuration conf = HadoopSettings.configuration(o.hadoop());
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return files.hasNext();
            }

            @Override
            public Row next() {
                Row f = files.next();
                String path = f.getString(0);
                long size = f.getLong(1);
                Timestamp mtime = f.getTimestamp(2);
                return toRow(scanOne(scanner, conf, path, size, mtime), mtime);
            }
        };
    }

    private static ScanResult scanOne(
            FileScanner scanner, Configuration conf, String path, long size, Timestamp mtime) {
        String when = mtime.toInstant().toString();
        ScanInput.Kind kind = kindOf(path);
        try {
            return switch (kind) {
                case IMAGE -> scanner.scanImage(path, size, when, read(path, conf));
                case VIDEO -> scanVideo(scanner, conf, path, size, when);
                case UNKNOWN ->
                        scanner.unreadable(path, kind, size, when, "not an image or video file");
            };
        } catch (UncheckedIOException e) {
            return scanner.unreadable(
                    path, kind, size, when, "cannot read: " + e.getCause().getMessage());
        }
    }

    private static ScanResult scanVideo(
            FileScanner scanner, Configuration conf, String path, long size, String when) {
        Path local = localFile(path);
        if (local != null) {
            return scanner.scanVideo(path, size, when, local);
        }
        Path copy = null;
        try {
            copy = Files.createTempFile("deepfake-edge-video-", "-" + fileName(path));
            try (InputStream in = open(path, conf)) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            return scanner.scanVideo(path, size, when, copy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (copy != null) {
                try {
                    Files.deleteIfExists(copy);
                } catch (IOException ignored) {
                    // a leftover copy in the task's temp folder is removed with it
                }
            }
        }
    }

    private static byte[] read(String path, Configuration conf) {
        Path local = localFile(path);
        try {
            if (local != null) {
                // as single-machine scan reads: Hadoop's local file system (a checksummed stream
                // read through a buffer) cost about 8% of a task's Java time on 224-px PNGs
                return Files.readAllBytes(local);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (InputStream in = open(path, conf)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The local file a {@code file:} path names, or null for another file system. Spark's listing
     * gives paths as Hadoop prints them (not percent-encoded), so Hadoop's Path parses them.
     */
    private static Path localFile(String path) {
        URI uri = new org.apache.hadoop.fs.Path(path).toUri();
        return "file".equals(uri.getScheme()) ? Path.of(uri) : null;
    }

    private static InputStream open(String path, Configuration conf) throws IOException {
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
        return p.getFileSystem(conf).open(p);
    }

    private static Row toRow(ScanResult r, Timestamp mtime) {
        return RowFactory.create(
                r.path(),
                r.size(),
                mtime,
                r.kind(),
                r.modelId(),
                r.pFake(),
                r.label(),
                r.threshold(),
                r.frames(),
                r.framesRead(),
                r.faces(),
                r.noFace(),
                r.error());
    }

    private static ScanInput.Kind kindOf(String path) {
        return ScanInputs.kindByName(Path.of(fileName(path)));
    }

    private static String fileName(String path) {
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return p.substring(p.lastIndexOf('/') + 1);
    }

    private static boolean hasRows(SparkSession spark, String output) {
        try {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(output);
            FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            return fs.exists(new org.apache.hadoop.fs.Path(p, "_SUCCESS"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The summary's JSON fields, in order. */
    public static Map<String, Object> summaryFields(Summary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model_id", s.modelId());
        m.put("threshold", s.threshold());
        m.put("listed", s.listed());
        m.put("skipped", s.skipped());
        m.put("scored", s.scored());
        m.put("rows", s.rows());
        m.put("errors", s.errors());
        m.put("seconds", Math.round(s.seconds() * 1000) / 1000.0);
        Map<String, Object> phases = new LinkedHashMap<>();
        s.phases().forEach((k, v) -> phases.put(k, Math.round(v * 1000) / 1000.0));
        m.put("phase_seconds", phases);
        return m;
    }

    /**
     * Records the seconds since {@code mark} as phase {@code name}; returns the new mark. The
     * phases: the driver's model load (for the model id), the listing (with the resume's
     * anti-join), the scoring jobs, the totals (row and error counts).
     */
    private static long phase(Map<String, Double> phases, String name, long mark) {
        long now = System.nanoTime();
        phases.put(name, (now - mark) / 1e9);
        return now;
    }

    private static void writeSummary(SparkSession spark, String output, Summary s) {
        writeAtomically(spark, output, SUMMARY, Json.line(summaryFields(s)) + "\n");
    }

    /** Writes {@code OUTPUT/name} through a temporary name and a rename. */
    static void writeAtomically(SparkSession spark, String output, String name, String text) {
        try {
            org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(output);
            FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
            org.apache.hadoop.fs.Path tmp = new org.apache.hadoop.fs.Path(dir, "." + name + ".tmp");
            try (OutputStream out = fs.create(tmp, true)) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
            org.apache.hadoop.fs.Path dst = new org.apache.hadoop.fs.Path(dir, name);
            fs.delete(dst, false);
            if (!fs.rename(tmp, dst)) {
                throw new IOException("cannot rename " + tmp + " to " + dst);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
