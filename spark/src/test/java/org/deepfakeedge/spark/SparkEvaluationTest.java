package org.deepfakeedge.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.deepfakeedge.artifact.Preprocessors;
import org.deepfakeedge.data.DatasetIndex;
import org.deepfakeedge.data.DatasetLoader;
import org.deepfakeedge.data.DatasetOptions;
import org.deepfakeedge.data.Sample;
import org.deepfakeedge.data.Split;
import org.deepfakeedge.data.synth.ProgressListener;
import org.deepfakeedge.data.synth.SynthSpec;
import org.deepfakeedge.data.synth.SyntheticDatasets;
import org.deepfakeedge.eval.BinaryMetrics;
import org.deepfakeedge.eval.Evaluation;
import org.deepfakeedge.eval.RocCurve;
import org.deepfakeedge.eval.VideoLevel;
import org.deepfakeedge.provenance.Json;
import org.deepfakeedge.runtime.DatasetScorer;
import org.deepfakeedge.runtime.DatasetScores;
import org.deepfakeedge.runtime.Detector;
import org.deepfakeedge.runtime.RuntimeChoice;
import org.deepfakeedge.scan.ScanFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark evaluation in {@code local[2]} against the single-machine evaluation (the scoring and
 * metrics behind {@code evaluate}) of the same data set.
 */
class SparkEvaluationTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start("spark-evaluation-test", 3);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void layout_and_manifest_evaluations_equal_the_single_machine_evaluation(@TempDir Path dir)
            throws Exception {
        Path model = ScanFixtures.onnxModel(dir, 7);
        Path data = dir.resolve("data");
        SyntheticDatasets.write(
                new SynthSpec(32, 120, 5L, "mixed", 0.2, 0.4), data, ProgressListener.NONE);
        DatasetIndex index = DatasetLoader.open(data, DatasetOptions.defaults());
        assertTrue(index.hasGenerators());
        List<Sample> test = index.split(Split.TEST);
        DatasetScores local;
        double threshold;
        try (Detector d = Detector.load(model, RuntimeChoice.AUTO, 1)) {
            threshold = d.manifest().threshold();
            local =
                    DatasetScorer.score(
                            d.scorer(),
                            test,
                            Preprocessors.of(d.manifest().preprocessing()),
                            16,
                            1,
                            64L << 20);
        }
        Evaluation expected =
                BinaryMetrics.evaluate(
                        local.scores(), local.labels(), local.generators(), threshold);
        RocCurve roc = RocCurve.compute(local.scores(), local.labels());

        // the whole data set is scanned; the evaluation takes the test split's folders
        String out = dir.resolve("out").toUri().toString();
        SparkScanOptions options =
                new SparkScanOptions(model.toString(), "off", 8, "mean", 1, 10, null, Map.of());
        SparkScan.Summary s = SparkScan.run(spark, options, data.toUri().toString(), out);
        assertEquals(index.samples().size(), s.rows());
        SparkEvaluation.Result r =
                SparkEvaluation.run(
                        spark,
                        out,
                        data.toUri().toString(),
                        "layout",
                        "test",
                        s.modelId(),
                        threshold);

        JsonNode file =
                Json.MAPPER.readTree(dir.resolve("out").resolve(SparkEvaluation.FILE).toFile());
        assertEvaluationKeysEqual(expected, file);
        assertEquals(Json.MAPPER.valueToTree(curve(roc.downsampled(201))), file.get("roc_curve"));
        assertEquals(index.samples().size() - test.size(), r.unlabelled());
        assertEquals(0, r.unscored());
        assertFalse(file.has("video_level"));
        assertEquals(expected.perGenerator().keySet(), r.evaluation().perGenerator().keySet());

        // a manifest of the test images, three frames to a video: the video-level metrics too
        Path csv = dir.resolve("labels/frames.csv");
        Files.createDirectories(csv.getParent());
        List<String> lines = new ArrayList<>(List.of("path,label,split,generator,video"));
        String[] videos = new String[test.size()];
        for (int i = 0; i < test.size(); i++) {
            Sample x = test.get(i);
            videos[i] = x.label() + "-" + x.generator() + "-" + (i / 3);
            lines.add(
                    csv.getParent().relativize(x.path())
                            + ","
                            + (x.label() == 1 ? "fake" : "real")
                            + ",test,"
                            + x.generator()
                            + ","
                            + videos[i]);
        }
        Files.write(csv, lines, StandardCharsets.UTF_8);
        SparkEvaluation.Result m =
                SparkEvaluation.run(
                        spark,
                        out,
                        data.toUri().toString(),
                        csv.toUri().toString(),
                        null,
                        s.modelId(),
                        threshold);
        JsonNode manifestFile =
                Json.MAPPER.readTree(dir.resolve("out").resolve(SparkEvaluation.FILE).toFile());
        assertEvaluationKeysEqual(expected, manifestFile);
        assertEvaluationKeysEqual(
                VideoLevel.evaluate(
                        local.scores(), local.labels(), videos, local.generators(), threshold),
                manifestFile.get("video_level"));
        assertEquals(index.samples().size() - test.size(), m.unlabelled());
        assertTrue(Files.isDirectory(dir.resolve("out").resolve(SparkEvaluation.VIDEOS)));
    }

    /** Every key of the expected evaluation, compared as the JSON text evaluate --json prints. */
    private static void assertEvaluationKeysEqual(Evaluation expected, JsonNode actual)
            throws java.io.IOException {
        JsonNode e = Json.MAPPER.readTree(Json.line(expected));
        e.fieldNames().forEachRemaining(k -> assertEquals(e.get(k), actual.get(k), "key " + k));
    }

    private static Map<String, double[]> curve(List<double[]> points) {
        double[] fpr = new double[points.size()];
        double[] tpr = new double[points.size()];
        for (int i = 0; i < fpr.length; i++) {
            fpr[i] = points.get(i)[0];
            tpr[i] = points.get(i)[1];
        }
        Map<String, double[]> m = new java.util.LinkedHashMap<>();
        m.put("fpr", fpr);
        m.put("tpr", tpr);
        return m;
    }
}
