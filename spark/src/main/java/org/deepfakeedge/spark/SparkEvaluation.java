package org.deepfakeedge.spark;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.data.LayoutLabel;
import org.deepfakeedge.data.Split;
import org.deepfakeedge.eval.ConfusionMatrix;
import org.deepfakeedge.eval.Evaluation;
import org.deepfakeedge.eval.GeneratorMetrics;
import org.deepfakeedge.eval.RocAccumulator;
import org.deepfakeedge.provenance.Json;

/**
 * Evaluates the rows of a scan output against labels, on the cluster: the metrics of {@code
 * evaluate --json} with the same keys, computed exactly and in memory that does not grow with the
 * number of files on the driver.
 *
 * <p>Labels come from the folder layout below the scan's input folder ({@link LayoutLabel}: the
 * rule of the {@code standard}, {@code forensynths} and {@code class-folders} layouts) or from a
 * CSV manifest with the columns of {@code evaluate}'s manifests ({@code path,label[,split]
 * [,generator][,video]}, paths relative to the manifest's folder). Rows with an error or without a
 * score are left out and counted.
 *
 * <p>Exactness: threshold metrics are sums over the rows. The ROC curve is the one of {@link
 * org.deepfakeedge.eval.RocCurve}: the rows are grouped by distinct score (as floats, the scorer's
 * own precision), the groups sorted globally, and streamed to the driver one partition at a time
 * into a {@link RocAccumulator}, which computes AUC, AP, EER and the plotted points with the same
 * arithmetic as the single-machine evaluation. Per generator, the subset is the one of {@link
 * org.deepfakeedge.eval.BinaryMetrics}: a generator's rows, plus the untagged reals when it has no
 * reals of its own. When the manifest names videos, a video's score is the mean of its frames'
 * scores (as {@link org.deepfakeedge.eval.VideoLevel}); the per-video rows are written to {@code
 * OUTPUT/_videos} and evaluated as {@code video_level}.
 */
public final class SparkEvaluation {
    /** The evaluation file written next to the rows. */
    public static final String FILE = "_evaluation.json";

    /** The per-video rows' folder (a name Spark's readers skip, so the scan rows stay apart). */
    public static final String VIDEOS = "_videos";

    /** As {@code evaluate}'s {@code roc_curve}: points kept of the curve. */
    public static final int ROC_POINTS = 201;

    private static final String LAYOUT = "layout";

    /** Score groups per partition streamed to the driver: about 4 MB of rows at a time. */
    private static final long GROUPS_PER_PARTITION = 100_000;

    private static final StructType LABELS =
            new StructType()
                    .add("lpath", DataTypes.StringType, false)
                    .add("y", DataTypes.IntegerType, false)
                    .add("split", DataTypes.StringType, true)
                    .add("generator", DataTypes.StringType, false)
                    .add("video", DataTypes.StringType, false);

    private SparkEvaluation() {}

    /**
     * What one evaluation found.
     *
     * @param evaluation the metrics of the labelled, scored rows
     * @param rocPoints at most {@value #ROC_POINTS} {fpr, tpr} points, empty with one class only
     * @param videoLevel the per-video metrics, {@code null} when no row names a video
     * @param unlabelled scored rows that no label matched (or whose split differs)
     * @param unscored labelled rows without a score (an error, or no face)
     */
    public record Result(
            Evaluation evaluation,
            List<double[]> rocPoints,
            Evaluation videoLevel,
            long unlabelled,
            long unscored) {}

    /**
     * Evaluates the rows of {@code output} scored by {@code modelId}, writes {@code
     * OUTPUT/_evaluation.json} (and {@code OUTPUT/_videos} for video data) and returns the result.
     *
     * @param spark the session
     * @param output the scan's output folder URI
     * @param input the scan's input folder URI (the root the layout is read from)
     * @param labels {@code layout}, or the URI of a CSV manifest
     * @param split only rows of this split ({@code train}, {@code val}, {@code test}), or {@code
     *     null} for every labelled row
     * @param modelId the model whose rows are evaluated
     * @param threshold the model's decision threshold
     * @return the evaluation
     * @throws InvalidInputException if no row is labelled and scored, or the frames of one video
     *     disagree on the label
     */
    public static Result run(
            SparkSession spark,
            String output,
            String input,
            String labels,
            String split,
            String modelId,
            double threshold) {
        String wanted = split == null ? null : Split.parse(split).name().toLowerCase(Locale.ROOT);
        // the shuffles sized to the cores: the persisted plans below keep Spark's 200 partitions
        return SessionSettings.with(
                spark,
                Map.of(
                        SessionSettings.SHUFFLE_PARTITIONS,
                        SessionSettings.shufflePartitions(spark, 0, 1)),
                () -> evaluate(spark, output, input, labels, wanted, modelId, threshold));
    }

    private static Result evaluate(
            SparkSession spark,
            String output,
            String input,
            String labels,
            String wanted,
            String modelId,
            double threshold) {
        Dataset<Row> rows =
                spark.read()
                        .schema(SparkScan.SCHEMA)
                        .parquet(output)
                        .where(col("model_id").equalTo(modelId))
                        .select("path", "p_fake");
        Dataset<Row> labelled =
                LAYOUT.equals(labels) ? layoutLabels(spark, rows, input) : manifest(spark, labels);
        Dataset<Row> joined =
                rows.join(labelled, rows.col("path").equalTo(labelled.col("lpath")), "left_outer");
        Column inSplit =
                wanted == null ? lit(true) : coalesce(col("split"), lit("")).equalTo(wanted);
        Column isLabelled = col("lpath").isNotNull().and(inSplit);
        Row c =
                joined.agg(
                                sum(when(not(isLabelled), 1).otherwise(0)),
                                sum(when(isLabelled.and(col("p_fake").isNull()), 1).otherwise(0)))
                        .first();
        long unlabelled = c.isNullAt(0) ? 0 : c.getLong(0);
        long unscored = c.isNullAt(1) ? 0 : c.getLong(1);
        Dataset<Row> scored =
                joined.where(isLabelled.and(col("p_fake").isNotNull()))
                        .select(
                                col("path"),
                                col("p_fake").cast(DataTypes.FloatType).as("score"),
                                col("y"),
                                col("generator"),
                                col("video"))
                        .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Metrics frames = evaluate(scored, threshold);
            if (frames.evaluation().n() == 0) {
                throw new InvalidInputException(
                        "no scored row of "
                                + output
                                + " has a label"
                                + (wanted == null ? "" : " in split '" + wanted + "'")
                                + " from "
                                + (LAYOUT.equals(labels)
                                        ? "the folders below " + input
                                        : "the manifest " + labels)
                                + " ("
                                + unlabelled
                                + " unlabelled, "
                                + unscored
                                + " without a score). Fix: point --labels at the manifest of"
                                + " these files, or --input at the folder that holds the class"
                                + " folders.");
            }
            Evaluation videoLevel = null;
            if (!scored.where(col("video").notEqual("")).isEmpty()) {
                Dataset<Row> videos = videos(scored);
                videos.write().mode(SaveMode.Overwrite).parquet(child(output, VIDEOS));
                videoLevel =
                        evaluate(spark.read().parquet(child(output, VIDEOS)), threshold)
                                .evaluation();
            }
            Result r =
                    new Result(
                            frames.evaluation(),
                            frames.rocPoints(),
                            videoLevel,
                            unlabelled,
                            unscored);
            write(spark, output, r, modelId, labels, wanted);
            return r;
        } finally {
            scored.unpersist();
        }
    }

    /** The metrics and the plotted ROC points of one set of (score, y, generator) rows. */
    private record Metrics(Evaluation evaluation, List<double[]> rocPoints) {}

    /**
     * Evaluates (score, y, generator) rows in a fixed number of Spark jobs, however many
     * generators: each row is copied into the groups it counts in (0 = all rows, then one per
     * generator, whose subset takes the untagged reals when it has no reals of its own, as {@link
     * org.deepfakeedge.eval.BinaryMetrics}), and every group's counts and curve come from one
     * aggregation and one sorted pass.
     */
    private static Metrics evaluate(Dataset<Row> rows, double threshold) {
        List<String> generators = new ArrayList<>();
        List<Integer> withoutReals = new ArrayList<>();
        for (Row g :
                rows.groupBy("generator")
                        .agg(count(when(col("y").equalTo(0), 1)))
                        .orderBy("generator")
                        .collectAsList()) {
            if (!g.getString(0).isEmpty()) {
                generators.add(g.getString(0));
                if (g.getLong(1) == 0) {
                    withoutReals.add(generators.size());
                }
            }
        }
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < generators.size(); i++) {
            index.put(generators.get(i), i + 1);
        }
        Dataset<Row> grouped =
                rows.select("score", "y", "generator")
                        .flatMap(
                                (FlatMapFunction<Row, Row>)
                                        r -> groupsOf(r, index, withoutReals).iterator(),
                                Encoders.row(GROUPED));
        Column fake = col("score").geq(threshold);
        Column half = col("score").geq(0.5);
        Column y1 = col("y").equalTo(1);
        Map<Integer, ConfusionMatrix[]> confusion = new LinkedHashMap<>();
        for (Row r :
                grouped.groupBy("g")
                        .agg(
                                count(when(fake.and(y1), 1)),
                                count(when(fake.and(not(y1)), 1)),
                                count(when(not(fake).and(not(y1)), 1)),
                                count(when(not(fake).and(y1), 1)),
                                count(when(half.and(y1), 1)),
                                count(when(half.and(not(y1)), 1)),
                                count(when(not(half).and(not(y1)), 1)),
                                count(when(not(half).and(y1), 1)))
                        .collectAsList()) {
            confusion.put(
                    r.getInt(0),
                    new ConfusionMatrix[] {
                        new ConfusionMatrix(r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4)),
                        new ConfusionMatrix(r.getLong(5), r.getLong(6), r.getLong(7), r.getLong(8))
                    });
        }
        RocAccumulator.Ranking[] ranking = rankings(grouped, generators.size() + 1);
        if (!confusion.containsKey(0)) { // no rows at all
            ConfusionMatrix none = new ConfusionMatrix(0, 0, 0, 0);
            confusion.put(0, new ConfusionMatrix[] {none, none});
        }
        Map<String, GeneratorMetrics> perGenerator = new LinkedHashMap<>();
        for (int i = 0; i < generators.size(); i++) {
            perGenerator.put(
                    generators.get(i),
                    GeneratorMetrics.of(confusion.get(i + 1)[0], ranking[i + 1].auc()));
        }
        Evaluation e =
                Evaluation.of(
                        threshold,
                        confusion.get(0)[0],
                        ranking[0],
                        confusion.get(0)[1],
                        perGenerator);
        return new Metrics(e, Double.isNaN(e.rocAuc()) ? List.of() : ranking[0].points());
    }

    private static final StructType GROUPED =
            new StructType()
                    .add("g", DataTypes.IntegerType, false)
                    .add("score", DataTypes.FloatType, false)
                    .add("y", DataTypes.IntegerType, false);

    private static List<Row> groupsOf(
            Row r, Map<String, Integer> generators, List<Integer> withoutReals) {
        float score = r.getFloat(0);
        int y = r.getInt(1);
        List<Row> out = new ArrayList<>(2);
        out.add(RowFactory.create(0, score, y));
        Integer g = generators.get(r.getString(2));
        if (g != null) {
            out.add(RowFactory.create(g, score, y));
        } else if (y == 0) {
            for (int shared : withoutReals) {
                out.add(RowFactory.create(shared, score, y));
            }
        }
        return out;
    }

    /**
     * The exact ROC summaries of every group: rows grouped by (group, distinct score), sorted
     * globally, streamed to the driver one partition at a time (so the driver holds one partition
     * of groups, never a curve). The overall curve (group 0) keeps {@value #ROC_POINTS} points.
     */
    private static RocAccumulator.Ranking[] rankings(Dataset<Row> grouped, int groups) {
        Dataset<Row> counts =
                grouped.groupBy("g", "score")
                        .agg(sum("y").as("fakes"), count(lit(1)).as("n"))
                        .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            RocAccumulator[] acc = new RocAccumulator[groups];
            long[][] totals = new long[groups][3];
            for (Row t :
                    counts.groupBy("g")
                            .agg(sum("fakes"), sum("n"), count(lit(1)))
                            .collectAsList()) {
                totals[t.getInt(0)] = new long[] {t.getLong(1), t.getLong(2), t.getLong(3)};
            }
            for (int g = 0; g < groups; g++) {
                long[] t = totals[g];
                acc[g] = new RocAccumulator(t[0], t[1] - t[0], t[2], g == 0 ? ROC_POINTS : 2);
            }
            // toLocalIterator runs one job per partition: size them to the data (the driver holds
            // one at a time), not to spark.sql.shuffle.partitions (200 jobs for a small set)
            long all = 0;
            for (long[] t : totals) {
                all += t[2];
            }
            int partitions =
                    (int) Math.max(1, (all + GROUPS_PER_PARTITION - 1) / GROUPS_PER_PARTITION);
            Iterator<Row> it =
                    counts.repartitionByRange(partitions, col("g").asc(), col("score").desc())
                            .sortWithinPartitions(col("g").asc(), col("score").desc())
                            .toLocalIterator();
            while (it.hasNext()) {
                Row c = it.next();
                long fakes = c.getLong(2);
                acc[c.getInt(0)].add(fakes, c.getLong(3) - fakes);
            }
            RocAccumulator.Ranking[] out = new RocAccumulator.Ranking[groups];
            for (int g = 0; g < groups; g++) {
                out[g] = acc[g].finish();
            }
            return out;
        } finally {
            counts.unpersist();
        }
    }

    /** One row per video: the mean frame score; a frame without a video is a video of its own. */
    private static Dataset<Row> videos(Dataset<Row> frames) {
        Column id = when(col("video").equalTo(""), col("path")).otherwise(col("video"));
        Dataset<Row> v =
                frames.groupBy(id.as("video_id"))
                        .agg(
                                avg("score").cast(DataTypes.FloatType).as("score"),
                                min("y").as("y"),
                                max("y").as("y_max"),
                                min("generator").as("generator"),
                                max("generator").as("generator_max"),
                                count(lit(1)).as("frames"));
        Row bad =
                v
                        .where(
                                col("y").notEqual(col("y_max"))
                                        .or(col("generator").notEqual(col("generator_max"))))
                        .select("video_id")
                        .limit(1)
                        .collectAsList()
                        .stream()
                        .findFirst()
                        .orElse(null);
        if (bad != null) {
            throw new InvalidInputException(
                    "The frames of video '"
                            + bad.getString(0)
                            + "' have different labels or generators. Fix: give every frame of a"
                            + " video the same label and generator in the manifest.");
        }
        return v.drop("y_max", "generator_max");
    }

    /** The labels of the layout below {@code input}, for the paths of {@code rows}. */
    private static Dataset<Row> layoutLabels(SparkSession spark, Dataset<Row> rows, String input) {
        String root = qualified(spark, input);
        if (root.contains("*") || root.contains("?") || root.contains("[") || root.contains("{")) {
            throw new InvalidInputException(
                    "--labels layout reads the class folders below --input, which must then be a"
                            + " folder, not the glob "
                            + input
                            + ". Fix: give the folder, or a CSV manifest as --labels.");
        }
        String prefix = root.endsWith("/") ? root : root + "/";
        return rows.select("path")
                .flatMap(
                        (FlatMapFunction<Row, Row>)
                                r -> layoutLabel(r.getString(0), prefix).iterator(),
                        Encoders.row(LABELS));
    }

    private static List<Row> layoutLabel(String path, String prefix) {
        if (!path.startsWith(prefix)) {
            return List.of();
        }
        String[] parts = path.substring(prefix.length()).split("/");
        List<String> folders = List.of(parts).subList(0, parts.length - 1);
        return LayoutLabel.of(folders)
                .map(l -> List.of(RowFactory.create(path, l.label(), l.split(), l.generator(), "")))
                .orElse(List.of());
    }

    /** The labels of a CSV manifest, with its paths made absolute URIs as the scan rows have. */
    private static Dataset<Row> manifest(SparkSession spark, String csv) {
        String base = qualified(spark, csv);
        String folder = base.substring(0, base.lastIndexOf('/'));
        Dataset<Row> m;
        try {
            m = spark.read().option("header", "true").csv(csv);
        } catch (RuntimeException e) {
            throw new InvalidInputException(
                    "Cannot read the CSV manifest " + csv + ": " + e.getMessage(), e);
        }
        List<String> columns = new ArrayList<>();
        for (String c : m.columns()) {
            columns.add(c.trim().toLowerCase(Locale.ROOT));
        }
        if (!columns.contains("path") || !columns.contains("label")) {
            throw new InvalidInputException(
                    "The CSV manifest "
                            + csv
                            + " has columns "
                            + columns
                            + ". Fix: give it a header path,label[,split][,generator][,video].");
        }
        int path = columns.indexOf("path");
        int label = columns.indexOf("label");
        int split = columns.indexOf("split");
        int generator = columns.indexOf("generator");
        int video = columns.indexOf("video");
        return m.mapPartitions(
                (MapPartitionsFunction<Row, Row>)
                        it -> {
                            List<Row> out = new ArrayList<>();
                            Path dir = new Path(folder);
                            while (it.hasNext()) {
                                Row r = it.next();
                                Integer y = label(r.getString(label));
                                String p = r.getString(path);
                                if (y == null || p == null || p.isBlank()) {
                                    continue; // as evaluate: a malformed row is left out
                                }
                                out.add(
                                        RowFactory.create(
                                                new Path(dir, p.trim()).toString(),
                                                y,
                                                splitName(field(r, split)),
                                                field(r, generator),
                                                field(r, video)));
                            }
                            return out.iterator();
                        },
                Encoders.row(LABELS));
    }

    /** A split column's value in the lower-case form of {@link Split}, null when empty. */
    private static String splitName(String s) {
        if (s.isEmpty()) {
            return null;
        }
        return Split.fromName(s).map(x -> x.name().toLowerCase(Locale.ROOT)).orElse(s);
    }

    private static String field(Row r, int i) {
        return i < 0 || r.isNullAt(i) ? "" : r.getString(i).trim();
    }

    /** {@code 0}, {@code 1}, {@code real} or {@code fake} in any case; else null. */
    private static Integer label(String s) {
        if (s == null) {
            return null;
        }
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "0", "real" -> 0;
            case "1", "fake" -> 1;
            default -> null;
        };
    }

    private static String qualified(SparkSession spark, String uri) {
        try {
            Path p = new Path(uri);
            FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            return fs.makeQualified(p).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String child(String output, String name) {
        return new Path(new Path(output), name).toString();
    }

    private static void write(
            SparkSession spark,
            String output,
            Result r,
            String modelId,
            String labels,
            String split) {
        ObjectNode o = Json.MAPPER.valueToTree(r.evaluation());
        if (!r.rocPoints().isEmpty()) {
            ObjectNode curve = o.putObject("roc_curve");
            var fpr = curve.putArray("fpr");
            var tpr = curve.putArray("tpr");
            for (double[] p : r.rocPoints()) {
                fpr.add(p[0]);
                tpr.add(p[1]);
            }
        }
        if (r.videoLevel() != null) {
            o.set("video_level", Json.MAPPER.valueToTree(r.videoLevel()));
        }
        o.put("model_id", modelId);
        o.put("labels", labels);
        if (split == null) {
            o.putNull("split");
        } else {
            o.put("split", split);
        }
        o.put("unlabelled", r.unlabelled());
        o.put("unscored", r.unscored());
        SparkScan.writeAtomically(spark, output, FILE, Json.line(o) + "\n");
    }
}
