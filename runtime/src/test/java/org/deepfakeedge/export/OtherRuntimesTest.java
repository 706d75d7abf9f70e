package org.deepfakeedge.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.deepfakeedge.artifact.ModelArtifact;
import org.deepfakeedge.artifact.Preprocessors;
import org.deepfakeedge.data.synth.ProgressListener;
import org.deepfakeedge.data.synth.SynthSpec;
import org.deepfakeedge.data.synth.SyntheticDatasets;
import org.deepfakeedge.model.ModelSpec;
import org.deepfakeedge.model.ModelZoo;
import org.deepfakeedge.provenance.Json;
import org.deepfakeedge.runtime.OrtDetector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exported files in ONNX consumers other than ONNX Runtime, as Debian ships them: python3-onnx
 * (the full {@code onnx.checker}) and python3-opencv (OpenCV's DNN importer, 4.6 on Debian 12),
 * driven by {@code onnx_consumers.py} from the test resources.
 *
 * <p>They run under Debian's {@code /usr/bin/python3}, not the {@code python3} on the PATH (a pyenv
 * or venv interpreter does not see the distribution's packages). Where that interpreter lacks a
 * module the tests are skipped with the {@code apt-get install} that enables them; {@code .ci/run}
 * installs both. Models: the teacher (plain conv stack) and student-10 (depthwise convs without a
 * Relu after them, grouped convs kept fp32), with test weights, calibrated on built-in images.
 *
 * <p>The ort form is expected to be refused by OpenCV 4.6, at its first weight DequantizeLinear:
 * that refusal is why the portable form exists, so the test pins it; under another OpenCV version
 * it accepts a refusal at a DequantizeLinear or a result that matches ONNX Runtime's.
 */
class OtherRuntimesTest {
    private static final Logger LOG = LoggerFactory.getLogger(OtherRuntimesTest.class);
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final int SIZE = 64;
    private static final int CALIBRATION = 32;
    private static final int BATCH = 4;

    /**
     * fp32 in OpenCV vs ONNX Runtime: the same float graph, summed in another order; measured ≤
     * 3e-6 on these models.
     */
    private static final double FP32_TOLERANCE = 1e-4;

    @TempDir static Path shared;
    static Path script;

    /** Per model: fp32, ort and portable files and the input batch. */
    static final Map<String, Exports> MODELS = new LinkedHashMap<>();

    record Exports(ModelSpec spec, Path fp32, Path ort, Path portable, Path input, float[] batch) {}

    @BeforeAll
    static void export() throws Exception {
        script = shared.resolve("onnx_consumers.py");
        try (InputStream in = OtherRuntimesTest.class.getResourceAsStream("onnx_consumers.py")) {
            Files.copy(in, script);
        }
        Path data = shared.resolve("synth");
        SyntheticDatasets.write(
                new SynthSpec(SIZE, 40, 1, "mixed", 0.2, 0.2), data, ProgressListener.NONE);
        for (String arch : List.of("teacher", "student-10")) {
            ModelSpec spec = ModelZoo.build(arch, SIZE);
            Path dir = Files.createDirectories(shared.resolve(arch));
            ModelArtifact a =
                    ExportFixtures.artifact(
                            spec, ExportFixtures.weights(spec, arch.hashCode()), dir);
            Path fp32 = dir.resolve("fp32.onnx");
            Files.write(fp32, OnnxExporter.toOnnx(a.manifest(), a.weights()).bytes());
            Int8Exporter.Result ort =
                    Int8Exporter.export(
                            a, options(data, Int8Options.Form.ORT), dir.resolve("o.onnx"));
            Int8Exporter.Result portable =
                    Int8Exporter.export(
                            a, options(data, Int8Options.Form.PORTABLE), dir.resolve("p.onnx"));
            Calibration.Images images =
                    Calibration.loadImages(
                            data, Preprocessors.of(a.manifest().preprocessing()), BATCH);
            Path input = dir.resolve("input.f32");
            ByteBuffer b =
                    ByteBuffer.allocate(images.data().length * 4).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(images.data());
            Files.write(input, b.array());
            MODELS.put(
                    arch,
                    new Exports(spec, fp32, ort.file(), portable.file(), input, images.data()));
        }
    }

    private static Int8Options options(Path data, Int8Options.Form form) {
        return new Int8Options(
                data, CALIBRATION, Int8Options.Method.MINMAX, Set.of(), false, 1, form);
    }

    @Test
    void every_export_passes_the_full_onnx_checker() throws Exception {
        assumeModule("onnx", "python3-onnx");
        for (Exports e : MODELS.values()) {
            for (Path f : List.of(e.fp32(), e.ort(), e.portable())) {
                JsonNode r = run("check", f.toString());
                assertThat(r.path("ok").asBoolean())
                        .as("onnx %s checker on %s: %s", r.path("onnx"), f, r.path("error"))
                        .isTrue();
            }
        }
    }

    @Test
    void opencv_reproduces_onnx_runtime_on_the_fp32_export() throws Exception {
        assumeModule("cv2", "python3-opencv");
        for (var m : MODELS.entrySet()) {
            Exports e = m.getValue();
            float[] ort = ortLogits(e.fp32(), e.batch());
            JsonNode r = opencv(e.fp32(), e);
            assertThat(r.path("ok").asBoolean())
                    .as("OpenCV %s on %s: %s", r.path("opencv"), e.fp32(), r.path("error"))
                    .isTrue();
            double diff = maxAbsDiff(ort, logits(r));
            LOG.info(
                    "{} fp32: OpenCV {} vs ONNX Runtime max |logit diff| {}",
                    m.getKey(),
                    r.path("opencv").asText(),
                    diff);
            assertThat(diff).isLessThanOrEqualTo(FP32_TOLERANCE);
        }
    }

    @Test
    void opencv_4_6_refuses_the_ort_form_at_a_weight_dequantize_linear() throws Exception {
        assumeModule("cv2", "python3-opencv");
        for (var m : MODELS.entrySet()) {
            Exports e = m.getValue();
            JsonNode r = opencv(e.ort(), e);
            String version = r.path("opencv").asText();
            LOG.info("{} ort form in OpenCV {}: {}", m.getKey(), version, r);
            if (version.startsWith("4.6.") || !r.path("ok").asBoolean()) {
                assertThat(r.path("ok").asBoolean())
                        .as("OpenCV %s loads the ort form", version)
                        .isFalse();
                assertThat(r.path("error").asText()).contains("DequantizeLinear");
                if (version.startsWith("4.6.")) {
                    assertThat(r.path("error").asText())
                            .contains("Per-channel scales/zeropoints are not supported");
                }
            } else {
                // a later OpenCV that imports QDQ: then it must compute the same model
                assertPortableAgreement(m.getKey() + " ort form", e, e.ort(), r);
            }
        }
    }

    @Test
    void opencv_runs_the_portable_form_as_onnx_runtime_does() throws Exception {
        assumeModule("cv2", "python3-opencv");
        for (var m : MODELS.entrySet()) {
            Exports e = m.getValue();
            JsonNode r = opencv(e.portable(), e);
            assertThat(r.path("ok").asBoolean())
                    .as("OpenCV %s on %s: %s", r.path("opencv"), e.portable(), r.path("error"))
                    .isTrue();
            assertPortableAgreement(m.getKey() + " portable form", e, e.portable(), r);
        }
    }

    /**
     * OpenCV's INT8 logits on {@code file} against ONNX Runtime's on the same file: the same
     * classes, and a difference far below the INT8 model's own error against fp32 (a quarter of
     * it). Both runtimes compute the same integer convolutions (measured: 2e-6 apart, float noise
     * in the fp32 logits layer); the margin leaves room for a requantization landing one step apart
     * on another CPU's kernels, while a misread scale or zero point would show as an error of the
     * size of the quantization error or larger.
     */
    private static void assertPortableAgreement(String what, Exports e, Path file, JsonNode r)
            throws Exception {
        float[] fp32 = ortLogits(e.fp32(), e.batch());
        float[] ort = ortLogits(file, e.batch());
        float[] cv = logits(r);
        double cvVsOrt = maxAbsDiff(ort, cv);
        double ortVsFp32 = maxAbsDiff(fp32, ort);
        LOG.info(
                "{}: OpenCV {} vs ONNX Runtime max |logit diff| {}; vs fp32: ONNX Runtime {},"
                        + " OpenCV {}",
                what,
                r.path("opencv").asText(),
                cvVsOrt,
                ortVsFp32,
                maxAbsDiff(fp32, cv));
        assertThat(argmax(cv)).as("%s: OpenCV's classes", what).isEqualTo(argmax(ort));
        assertThat(ortVsFp32).as("%s: INT8 differs from fp32 at all", what).isPositive();
        assertThat(cvVsOrt).as("%s: OpenCV vs ONNX Runtime", what).isLessThan(ortVsFp32 / 4);
    }

    private static float[] ortLogits(Path onnx, float[] batch) {
        try (OrtDetector d = OrtDetector.load(onnx, 1)) {
            return d.logits(batch, BATCH);
        }
    }

    private static JsonNode opencv(Path onnx, Exports e) throws Exception {
        return run(
                "opencv",
                onnx.toString(),
                e.input().toString(),
                String.valueOf(BATCH),
                String.valueOf(e.spec().inChannels()),
                String.valueOf(SIZE),
                String.valueOf(SIZE));
    }

    private static float[] logits(JsonNode r) {
        JsonNode a = r.path("logits");
        float[] out = new float[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) a.get(i).asDouble();
        }
        return out;
    }

    private static int[] argmax(float[] logits) {
        int classes = logits.length / BATCH;
        int[] out = new int[BATCH];
        for (int i = 0; i < BATCH; i++) {
            for (int c = 1; c < classes; c++) {
                if (logits[i * classes + c] > logits[i * classes + out[i]]) {
                    out[i] = c;
                }
            }
        }
        return out;
    }

    private static double maxAbsDiff(float[] a, float[] b) {
        assertThat(b).hasSameSizeAs(a);
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs((double) a[i] - b[i]));
        }
        return m;
    }

    /** Skips unless Debian's python has {@code module} (package {@code pkg}). */
    private static void assumeModule(String module, String pkg) throws Exception {
        assumeTrue(
                Files.isExecutable(PYTHON),
                PYTHON + " is missing: these tests use Debian's python3 with " + pkg);
        Process p =
                new ProcessBuilder(PYTHON.toString(), script.toString(), "has", module)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assumeTrue(
                p.exitValue() == 0,
                PYTHON
                        + " cannot import "
                        + module
                        + ": apt-get install "
                        + pkg
                        + " (the test needs Debian's package, not a pip one on another python)");
    }

    /** Runs the consumer script; returns its JSON answer. */
    private static JsonNode run(String... args) throws Exception {
        Path err = Files.createTempFile(shared, "consumer", ".err");
        List<String> cmd = new java.util.ArrayList<>(List.of(PYTHON.toString(), script.toString()));
        cmd.addAll(List.of(args));
        Process p =
                new ProcessBuilder(cmd)
                        .redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.PIPE)
                        .start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("%s finished", cmd).isTrue();
        assertThat(p.exitValue())
                .as("%s exit code; stderr: %s", cmd, Files.readString(err))
                .isZero();
        return Json.MAPPER.readTree(out);
    }
}
