package org.deepfakeedge.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deepfakeedge.cli.Main;
import org.deepfakeedge.data.synth.ProgressListener;
import org.deepfakeedge.data.synth.SynthSpec;
import org.deepfakeedge.data.synth.SyntheticDatasets;
import org.deepfakeedge.provenance.Json;
import org.deepfakeedge.runtime.Detection;
import org.deepfakeedge.runtime.Detector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * End to end through the command line: synthesise data, train, evaluate, predict, and check that
 * the model learned and that evaluate and predict agree on the same images.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class PipelineIT {
    static final String ARCH = "student-40";
    static final int SIZE = 64;
    @TempDir static Path tmp;
    static Path data;
    static Path model;

    /** What a command printed and returned. */
    public record Run(int code, String out, String err) {}

    /** Runs the command line in this JVM, capturing stdout and stderr. */
    public static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new Run(cl.execute(args), out.toString(), err.toString());
    }

    @BeforeAll
    static void dataset() throws Exception {
        data = tmp.resolve("data");
        model = tmp.resolve("model");
        SyntheticDatasets.write(
                new SynthSpec(SIZE, 400, 7, "checkerboard", 0.15, 0.15),
                data,
                ProgressListener.NONE);
    }

    @Test
    @Order(1)
    void train_learns_clearly_above_chance() throws Exception {
        Run r =
                cli(
                        "train",
                        "--data",
                        data.toString(),
                        "--arch",
                        ARCH,
                        "--image-size",
                        String.valueOf(SIZE),
                        "--epochs",
                        "10",
                        "--seed",
                        "3",
                        "--out",
                        model.toString(),
                        "--json");
        assertThat(r.code()).as("stderr: %s", r.err()).isEqualTo(0);
        JsonNode res = Json.MAPPER.readTree(r.out());
        double acc = res.path("test").path("accuracy").asDouble();
        double auc = res.path("test").path("roc_auc").asDouble();
        System.err.printf(
                "PipelineIT: %s test accuracy %.4f ROC-AUC %.4f, %.1f s training%n",
                ARCH, acc, auc, res.path("train_seconds").asDouble());
        assertThat(auc).as("test ROC-AUC, result %s", res).isGreaterThan(0.75);
        assertThat(acc).as("test accuracy, result %s", res).isGreaterThan(0.65);
        for (String f : List.of("model.json", "weights.bin", "metrics.json", "roc.svg")) {
            assertThat(model.resolve(f)).exists();
        }
        assertThat(model.resolve("checkpoint")).doesNotExist();
        JsonNode manifest = Json.MAPPER.readTree(model.resolve("model.json").toFile());
        assertThat(manifest.path("history").get(0).path("method").asText()).isEqualTo("train");
        assertThat(manifest.path("provenance").path("data").path("fingerprint").asText())
                .hasSize(64);
    }

    @Test
    @Order(2)
    void evaluate_json_has_every_documented_key() throws Exception {
        Run r = cli("evaluate", "--model", model.toString(), "--data", data.toString(), "--json");
        assertThat(r.code()).as("stderr: %s", r.err()).isEqualTo(0);
        JsonNode e = Json.MAPPER.readTree(r.out());
        for (String k :
                List.of(
                        "accuracy",
                        "precision",
                        "recall",
                        "f1",
                        "roc_auc",
                        "average_precision",
                        "eer",
                        "threshold",
                        "n",
                        "confusion",
                        "per_generator",
                        "params",
                        "nonzero_params",
                        "model_bytes")) {
            assertThat(e.has(k)).as("key %s in %s", k, e).isTrue();
        }
        assertThat(e.path("per_generator").has("checkerboard")).isTrue();
        assertThat(e.path("n").asLong()).isEqualTo(120);
        assertThat(e.path("model_bytes").asLong())
                .isEqualTo(
                        Files.size(model.resolve("weights.bin"))
                                + Files.size(model.resolve("model.json")));
        assertThat(model.resolve("roc-test.svg")).exists();
    }

    @Test
    @Order(3)
    void predict_agrees_with_evaluate_on_the_test_images() throws Exception {
        Run ev = cli("evaluate", "--model", model.toString(), "--data", data.toString(), "--json");
        JsonNode e = Json.MAPPER.readTree(ev.out());
        Run pr = cli("predict", "--model", model.toString(), data.resolve("test").toString());
        assertThat(pr.code()).as("stderr: %s", pr.err()).isEqualTo(0);
        List<String> lines = pr.out().lines().toList();
        assertThat(lines).hasSize(120);
        long tp = 0, fp = 0, tn = 0, fn = 0;
        for (String line : lines) {
            JsonNode p = Json.MAPPER.readTree(line);
            boolean fake = p.path("path").asText().contains("/fake/");
            boolean saidFake = p.path("label").asText().equals("fake");
            assertThat(saidFake)
                    .isEqualTo(p.path("p_fake").asDouble() >= p.path("threshold").asDouble());
            if (fake && saidFake) tp++;
            if (!fake && saidFake) fp++;
            if (!fake && !saidFake) tn++;
            if (fake && !saidFake) fn++;
        }
        JsonNode c = e.path("confusion");
        assertThat(new long[] {tp, fp, tn, fn})
                .containsExactly(
                        c.path("tp").asLong(),
                        c.path("fp").asLong(),
                        c.path("tn").asLong(),
                        c.path("fn").asLong());
    }

    @Test
    @Order(4)
    void the_java_api_gives_the_same_verdicts_as_predict() throws Exception {
        Path img =
                Files.list(data.resolve("test").resolve("real")).sorted().findFirst().orElseThrow();
        Run pr = cli("predict", "--model", model.toString(), img.toString());
        JsonNode p = Json.MAPPER.readTree(pr.out());
        try (Detector d = Detector.load(model)) {
            Detection det = d.detect(img);
            assertThat(det.pFake())
                    .isCloseTo(
                            p.path("p_fake").asDouble(), org.assertj.core.data.Offset.offset(1e-6));
            assertThat(det.label()).isEqualTo(p.path("label").asText());
        }
    }

    @Test
    @Order(5)
    void bad_files_are_skipped_and_reported_not_fatal() throws Exception {
        Path bad = tmp.resolve("mixed");
        Files.createDirectories(bad);
        Files.write(bad.resolve("empty.png"), new byte[0]);
        Files.writeString(bad.resolve("text.jpg"), "not an image");
        Files.copy(
                Files.list(data.resolve("test").resolve("real")).sorted().findFirst().orElseThrow(),
                bad.resolve("ok.png"));
        Run pr = cli("predict", "--model", model.toString(), bad.toString());
        assertThat(pr.code()).isEqualTo(0);
        assertThat(pr.out().lines().count()).isEqualTo(1);
        assertThat(pr.err()).contains("empty.png").contains("text.jpg");
    }

    @Test
    @Order(6)
    void the_exported_onnx_model_evaluates_and_predicts_like_the_artifact() throws Exception {
        Path onnx = tmp.resolve("model.onnx");
        Run ex =
                cli(
                        "export",
                        "--model",
                        model.toString(),
                        "--out",
                        onnx.toString(),
                        "--ort",
                        "--json");
        assertThat(ex.code()).as("stderr: %s", ex.err()).isEqualTo(0);
        JsonNode check = Json.MAPPER.readTree(ex.out()).path("check");
        assertThat(check.path("max_abs_logit_diff").asDouble()).isLessThan(1e-3);
        JsonNode djl =
                Json.MAPPER.readTree(
                        cli(
                                        "evaluate",
                                        "--model",
                                        model.toString(),
                                        "--data",
                                        data.toString(),
                                        "--json")
                                .out());
        Run ev = cli("evaluate", "--model", onnx.toString(), "--data", data.toString(), "--json");
        assertThat(ev.code()).as("stderr: %s", ev.err()).isEqualTo(0);
        JsonNode ort = Json.MAPPER.readTree(ev.out());
        assertThat(ort.path("runtime").asText()).isEqualTo("onnx");
        assertThat(ort.path("confusion")).isEqualTo(djl.path("confusion"));
        assertThat(ort.path("roc_auc").asDouble())
                .isCloseTo(
                        djl.path("roc_auc").asDouble(), org.assertj.core.data.Offset.offset(1e-3));
        Path img =
                Files.list(data.resolve("test").resolve("fake").resolve("checkerboard"))
                        .sorted()
                        .findFirst()
                        .orElseThrow();
        JsonNode a =
                Json.MAPPER.readTree(
                        cli("predict", "--model", model.toString(), img.toString()).out());
        JsonNode b =
                Json.MAPPER.readTree(
                        cli("predict", "--model", onnx.toString(), img.toString()).out());
        assertThat(b.path("p_fake").asDouble())
                .isCloseTo(a.path("p_fake").asDouble(), org.assertj.core.data.Offset.offset(1e-4));
        // the .ort file (minimal/mobile ONNX Runtime builds) carries the same model and manifest
        JsonNode c =
                Json.MAPPER.readTree(
                        cli(
                                        "predict",
                                        "--model",
                                        tmp.resolve("model.ort").toString(),
                                        img.toString())
                                .out());
        assertThat(c.path("p_fake").asDouble())
                .isCloseTo(b.path("p_fake").asDouble(), org.assertj.core.data.Offset.offset(1e-5));
        assertThat(c.path("threshold").asDouble()).isEqualTo(b.path("threshold").asDouble());

        Path broken = tmp.resolve("broken.onnx");
        Files.write(broken, java.util.Arrays.copyOf(Files.readAllBytes(onnx), 1000));
        Run bad = cli("predict", "--model", broken.toString(), img.toString());
        assertThat(bad.code()).isEqualTo(3);
        assertThat(bad.err()).contains("broken.onnx");
    }

    @Test
    @Order(7)
    void int8_export_of_the_trained_model_agrees_with_fp32_on_at_least_95_percent()
            throws Exception {
        Path int8 = tmp.resolve("model-int8.onnx");
        // layer timing on, as users run it: the measured fallback must not cost agreement either
        Run ex =
                cli(
                        "export",
                        "--model",
                        model.toString(),
                        "--int8",
                        "--calibration",
                        data.toString(),
                        "--calibration-count",
                        "64",
                        "--threads",
                        "2",
                        "--out",
                        int8.toString(),
                        "--json");
        assertThat(ex.code()).as("stderr: %s", ex.err()).isEqualTo(0);
        JsonNode r = Json.MAPPER.readTree(ex.out());
        assertThat(r.path("layer_timing").asBoolean()).isTrue();
        assertThat(r.path("timing").path("fp32_ms").asDouble()).isPositive();

        java.util.Map<String, String> fp32 =
                labels(
                        cli(
                                "predict",
                                "--model",
                                model.toString(),
                                data.resolve("test").toString()));
        java.util.Map<String, String> q =
                labels(cli("predict", "--model", int8.toString(), data.resolve("test").toString()));
        assertThat(q.keySet()).isEqualTo(fp32.keySet()).hasSize(120);
        long same = fp32.keySet().stream().filter(k -> fp32.get(k).equals(q.get(k))).count();
        double agreement = same / (double) fp32.size();
        JsonNode e32 =
                Json.MAPPER.readTree(
                        cli(
                                        "evaluate",
                                        "--model",
                                        model.toString(),
                                        "--data",
                                        data.toString(),
                                        "--json")
                                .out());
        JsonNode e8 =
                Json.MAPPER.readTree(
                        cli(
                                        "evaluate",
                                        "--model",
                                        int8.toString(),
                                        "--data",
                                        data.toString(),
                                        "--json")
                                .out());
        System.err.printf(
                "PipelineIT: INT8 vs fp32 on %d test images: agreement %.4f; accuracy fp32 %.4f INT8 %.4f;"
                        + " layers %s; timing %s%n",
                fp32.size(),
                agreement,
                e32.path("accuracy").asDouble(),
                e8.path("accuracy").asDouble(),
                r.path("layers"),
                r.path("timing"));
        assertThat(agreement)
                .as("INT8 vs fp32 prediction agreement on the test split")
                .isGreaterThanOrEqualTo(0.95);
    }

    /** path → predicted label, from predict's JSON lines. */
    private static java.util.Map<String, String> labels(Run pr) throws Exception {
        assertThat(pr.code()).as("stderr: %s", pr.err()).isEqualTo(0);
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        for (String line : pr.out().lines().toList()) {
            JsonNode p = Json.MAPPER.readTree(line);
            out.put(p.path("path").asText(), p.path("label").asText());
        }
        return out;
    }
}
