package org.deepfakeedge.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.artifact.ModelArtifact;
import org.deepfakeedge.data.synth.ProgressListener;
import org.deepfakeedge.data.synth.SynthSpec;
import org.deepfakeedge.data.synth.SyntheticDatasets;
import org.deepfakeedge.model.ModelSpec;
import org.deepfakeedge.model.ModelZoo;
import org.deepfakeedge.runtime.OrtDetector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class Int8ExportTest {
    private static final Logger LOG = LoggerFactory.getLogger(Int8ExportTest.class);
    private static final int SIZE = 64;
    private static final int IMAGES = 32;

    @TempDir static Path shared;
    static Path data;

    @BeforeAll
    static void data() throws Exception {
        data = shared.resolve("synth");
        SyntheticDatasets.write(
                new SynthSpec(SIZE, 40, 1, "mixed", 0.2, 0.2), data, ProgressListener.NONE);
    }

    private static Int8Exporter.Result export(String arch, Set<String> keep, Path dir, String file)
            throws Exception {
        ModelSpec spec = ModelZoo.build(arch, SIZE);
        ModelArtifact a =
                ExportFixtures.artifact(spec, ExportFixtures.weights(spec, arch.hashCode()), dir);
        // rules only: these tests check the rule decisions, independent of the machine's speed
        Int8Options o = new Int8Options(data, IMAGES, Int8Options.Method.MINMAX, keep, false, 1);
        return Int8Exporter.export(a, o, dir.resolve(file));
    }

    private static Int8Exporter.Result portable(ModelArtifact a, boolean timing, Path file)
            throws Exception {
        Int8Options o =
                new Int8Options(
                        data,
                        IMAGES,
                        Int8Options.Method.MINMAX,
                        Set.of(),
                        timing,
                        1,
                        Int8Options.Form.PORTABLE);
        return Int8Exporter.export(a, o, file);
    }

    private static ModelArtifact zoo(String arch, Path dir) {
        ModelSpec spec = ModelZoo.build(arch, SIZE);
        return ExportFixtures.artifact(spec, ExportFixtures.weights(spec, arch.hashCode()), dir);
    }

    private static List<String> ops(OnnxMl.GraphProto g) {
        return g.getNodeList().stream().map(OnnxMl.NodeProto::getOpType).toList();
    }

    /**
     * What OpenCV 4.6 needs of an INT8 graph (see {@code OtherRuntimesTest} for OpenCV itself): no
     * DequantizeLinear on an initializer (it refuses every one), no float value named {@code
     * *quantized} (it takes such a value for int8).
     */
    private static void assertImportableWithoutQdqFusion(OnnxMl.GraphProto g) {
        Set<String> inits =
                g.getInitializerList().stream()
                        .map(OnnxMl.TensorProto::getName)
                        .collect(java.util.stream.Collectors.toSet());
        assertThat(g.getNodeList())
                .filteredOn(n -> n.getOpType().equals("DequantizeLinear"))
                .allSatisfy(
                        n -> {
                            assertThat(inits).doesNotContain(n.getInput(0));
                            assertThat(n.getAttributeList()).isEmpty();
                            assertThat(n.getOutput(0)).doesNotEndWith("quantized");
                        });
        assertThat(g.getNodeList())
                .filteredOn(n -> n.getOutput(0).endsWith("quantized"))
                .allSatisfy(
                        n ->
                                assertThat(n.getOpType())
                                        .isIn("QuantizeLinear", "QLinearConv", "MaxPool"));
    }

    private static OnnxMl.ModelProto proto(Path p) throws Exception {
        return OnnxMl.ModelProto.parseFrom(Files.readAllBytes(p));
    }

    /** Op types of the graph ORT runs after its full optimisation (QDQ fusion). */
    private static Set<String> optimizedOps(Path onnx, Path dir) throws Exception {
        Path opt = dir.resolve("optimized.onnx");
        ai.onnxruntime.OrtEnvironment env = ai.onnxruntime.OrtEnvironment.getEnvironment();
        try (ai.onnxruntime.OrtSession.SessionOptions o =
                new ai.onnxruntime.OrtSession.SessionOptions()) {
            o.setOptimizationLevel(ai.onnxruntime.OrtSession.SessionOptions.OptLevel.ALL_OPT);
            o.setIntraOpNumThreads(1);
            o.setOptimizedModelFilePath(opt.toString());
            env.createSession(onnx.toString(), o).close();
        }
        return proto(opt).getGraph().getNodeList().stream()
                .map(OnnxMl.NodeProto::getOpType)
                .collect(java.util.stream.Collectors.toSet());
    }

    /** Nodes consuming {@code value}. */
    private static List<String> consumers(OnnxMl.GraphProto g, String value) {
        return g.getNodeList().stream()
                .filter(n -> n.getInputList().contains(value))
                .map(OnnxMl.NodeProto::getOpType)
                .toList();
    }

    @Test
    void teacher_int8_is_small_loads_and_agrees_with_fp32(@TempDir Path dir) throws Exception {
        Int8Exporter.Result r = export("teacher", Set.of(), dir, "t8.onnx");
        LOG.info(
                "teacher int8: {} bytes vs fp32 {} ({}%), max |logit diff| {} (max |logit| {}),"
                        + " agreement {}",
                r.bytes(),
                r.fp32Bytes(),
                100.0 * r.bytes() / r.fp32Bytes(),
                r.vsFp32().maxAbsLogitDiff(),
                r.vsFp32().maxAbsLogit(),
                r.vsFp32().agreement());

        assertThat(r.calibrationImages()).isEqualTo(IMAGES);
        assertThat(r.form()).isEqualTo("ort");
        assertThat(r.bytes()).isLessThanOrEqualTo(r.fp32Bytes() * 30 / 100);
        assertThat(r.vsFp32().agreement()).isGreaterThanOrEqualTo(0.95);
        assertThat(r.fp32Layers()).isEmpty();
        assertThat(r.int8Layers()).contains("conv1", "conv7", "fc1", "fc3");

        OnnxMl.ModelProto p = proto(r.file());
        var ops = p.getGraph().getNodeList().stream().map(OnnxMl.NodeProto::getOpType).toList();
        assertThat(ops).contains("QuantizeLinear", "DequantizeLinear", "Conv", "Gemm");
        assertThat(p.getGraph().getInitializerList())
                .filteredOn(t -> t.getName().equals("conv1.weight_quantized"))
                .singleElement()
                .satisfies(
                        t ->
                                assertThat(t.getDataType())
                                        .isEqualTo(OnnxMl.TensorProto.DataType.INT8.getNumber()));
        assertThat(p.getGraph().getInitializerList())
                .noneMatch(
                        t ->
                                t.getName().endsWith(".weight")
                                        && t.getDataType()
                                                == OnnxMl.TensorProto.DataType.FLOAT.getNumber());
        // every weight on the grid ±64, which CPUs without VNNI multiply without saturating; the
        // largest |q| of each channel is the grid's end, so the range is used, not only bounded
        for (OnnxMl.TensorProto t : p.getGraph().getInitializerList()) {
            if (t.getName().endsWith(".weight_quantized")) {
                byte[] q = t.getRawData().toByteArray();
                int max = 0;
                for (byte b : q) {
                    max = Math.max(max, Math.abs(b));
                }
                assertThat(max).as(t.getName()).isEqualTo(Int8Exporter.WEIGHT_MAX);
            }
        }
        assertThat(consumers(p.getGraph(), "input")).containsExactly("QuantizeLinear");
        assertThat(p.getMetadataPropsList())
                .anyMatch(
                        e ->
                                e.getKey().equals(Int8Exporter.PRECISION_KEY)
                                        && e.getValue().equals("int8"))
                .anyMatch(e -> e.getKey().equals(OnnxExporter.MANIFEST_KEY))
                .as("ort-form files are written as before forms existed")
                .noneMatch(e -> e.getKey().equals(Int8Exporter.FORM_KEY));

        assertThat(optimizedOps(r.file(), dir))
                .as("ORT fuses the QDQ graph into integer kernels")
                .contains("QLinearConv", "QGemm")
                .doesNotContain("Conv", "Gemm", "FusedConv", "FusedGemm");

        try (OrtDetector d = OrtDetector.load(r.file(), 1)) {
            assertThat(d.manifest().spec()).isEqualTo(ModelZoo.build("teacher", SIZE));
            assertThat(d.scorer().scores(OnnxExporter.randomBatch(d.manifest().spec(), 2, 3), 2))
                    .hasSize(2);
        }
    }

    @Test
    void student30_int8_agrees_and_keep_fp32_leaves_conv1_without_qdq(@TempDir Path dir)
            throws Exception {
        Int8Exporter.Result all = export("student-30", Set.of(), dir, "s.onnx");
        Int8Exporter.Result keep = export("student-30", Set.of("conv1"), dir, "s-keep.onnx");
        LOG.info(
                "student-30 int8: {} / {} bytes, max |logit diff| {} (max |logit| {}), agreement"
                        + " {}; keep conv1: max |logit diff| {}, agreement {}",
                all.bytes(),
                all.fp32Bytes(),
                all.vsFp32().maxAbsLogitDiff(),
                all.vsFp32().maxAbsLogit(),
                all.vsFp32().agreement(),
                keep.vsFp32().maxAbsLogitDiff(),
                keep.vsFp32().agreement());

        assertThat(all.vsFp32().agreement()).isGreaterThanOrEqualTo(0.95);
        assertThat(keep.vsFp32().agreement()).isGreaterThanOrEqualTo(0.95);
        assertThat(keep.fp32Layers()).containsExactly("conv1");
        assertThat(keep.layers())
                .filteredOn(l -> l.layer().equals("conv1"))
                .singleElement()
                .satisfies(l -> assertThat(l.reason()).contains("--keep-fp32"));

        OnnxMl.GraphProto g = proto(keep.file()).getGraph();
        assertThat(consumers(g, "input")).containsExactly("Conv");
        assertThat(g.getInitializerList())
                .anyMatch(
                        t ->
                                t.getName().equals("conv1.weight")
                                        && t.getDataType()
                                                == OnnxMl.TensorProto.DataType.FLOAT.getNumber())
                .noneMatch(t -> t.getName().startsWith("conv1.weight_quantized"));
        try (OrtDetector d = OrtDetector.load(keep.file(), 1)) {
            assertThat(d.manifest().spec().arch()).isEqualTo("student-30");
        }
    }

    @Test
    void student10_grouped_convs_stay_fp32_with_the_reason(@TempDir Path dir) throws Exception {
        Int8Exporter.Result r = export("student-10", Set.of(), dir, "s10.onnx");
        LOG.info("student-10 int8: layers {}, check {}", r.layers(), r.vsFp32());

        // 32→64 and 64→128 with groups 32/64: two outputs per input channel → fp32;
        // the depthwise 64→64/g64 and 128→128/g128 convs are quantized
        assertThat(r.fp32Layers()).containsExactlyInAnyOrder("conv2_dw", "conv4_dw");
        assertThat(r.layers())
                .filteredOn(l -> l.precision().equals("fp32"))
                .allSatisfy(l -> assertThat(l.reason()).contains("grouped conv"));
        assertThat(r.int8Layers()).contains("conv1_dw", "conv3_dw", "conv5_dw", "conv2_pw");
        assertThat(r.vsFp32().agreement()).isGreaterThanOrEqualTo(0.95);
        // and they really run in fp32: fed by a DQ, ORT's WeightBiasQuantization would quantize
        // their float weights and fuse them into QLinearConv after all
        assertThat(optimizedOps(r.file(), dir))
                .contains("QLinearConv")
                .containsAnyOf("Conv", "FusedConv");
        assertThat(proto(dir.resolve("optimized.onnx")).getGraph().getNodeList())
                .noneMatch(n -> n.getInputList().stream().anyMatch(i -> i.contains("_weight_q")));
        try (OrtDetector d = OrtDetector.load(r.file(), 1)) {
            assertThat(d.manifest().spec().arch()).isEqualTo("student-10");
        }
    }

    @Test
    void a_layer_timed_slower_in_int8_is_exported_fp32_and_reported(@TempDir Path dir)
            throws Exception {
        ModelSpec spec = ModelZoo.build("student-30", SIZE);
        ModelArtifact a = ExportFixtures.artifact(spec, ExportFixtures.weights(spec, 30), dir);
        Int8Options o = new Int8Options(data, IMAGES, Int8Options.Method.MINMAX, Set.of(), true, 1);
        Calibration.Images images =
                Calibration.loadImages(
                        data,
                        org.deepfakeedge.artifact.Preprocessors.of(a.manifest().preprocessing()),
                        IMAGES);
        // fake timer: conv3 is slower in INT8, everything else faster; whole INT8 model faster
        SpeedProbe probe =
                new SpeedProbe() {
                    @Override
                    public LayerTiming layer(ModelSpec s, String layer) {
                        return layer.equals("conv3")
                                ? new LayerTiming(0.41, 0.12, 3.4, 31)
                                : new LayerTiming(0.1, 0.2, 0.5, 31);
                    }

                    @Override
                    public double[] models(ModelSpec s, List<byte[]> models) {
                        double[] ms = new double[models.size()];
                        java.util.Arrays.fill(ms, 1.0);
                        ms[0] = 2.0; // fp32
                        return ms;
                    }

                    @Override
                    public int threads() {
                        return 1;
                    }
                };
        Int8Exporter.Result r =
                Int8Exporter.export(
                        a.manifest(), a.weights(), o, images, dir.resolve("t.onnx"), probe);
        LOG.info("student-30 with fake timings: layers {}, timing {}", r.layers(), r.timing());

        assertThat(r.layerTiming()).isTrue();
        assertThat(r.fp32Layers()).containsExactly("conv3");
        assertThat(r.layers())
                .filteredOn(l -> l.layer().equals("conv3"))
                .singleElement()
                .satisfies(
                        l -> {
                            assertThat(l.reason())
                                    .isEqualTo("measured: int8 0.410 ms vs fp32 0.120 ms");
                            assertThat(l.timing().int8Ms()).isEqualTo(0.41);
                        });
        assertThat(r.layers()).allSatisfy(l -> assertThat(l.timing()).isNotNull());
        assertThat(r.timing().chosen()).isEqualTo(MeasuredFallback.MEASURED);
        assertThat(r.timing().fp32Ms()).isEqualTo(2.0);
        assertThat(r.vsFp32().agreement()).isGreaterThanOrEqualTo(0.95);

        OnnxMl.ModelProto p = proto(r.file());
        assertThat(p.getGraph().getInitializerList())
                .anyMatch(
                        t ->
                                t.getName().equals("conv3.weight")
                                        && t.getDataType()
                                                == OnnxMl.TensorProto.DataType.FLOAT.getNumber())
                .anyMatch(t -> t.getName().equals("conv2.weight_quantized"))
                .noneMatch(t -> t.getName().equals("conv3.weight_quantized"));
        assertThat(p.getMetadataPropsList())
                .anyMatch(
                        e ->
                                e.getKey().equals(Int8Exporter.FP32_LAYERS_KEY)
                                        && e.getValue().contains("conv3")
                                        && e.getValue().contains("measured"))
                .anyMatch(
                        e ->
                                e.getKey().equals(Int8Exporter.LAYER_TIMING_KEY)
                                        && e.getValue().equals("on, 1 threads"));
    }

    @Test
    void rule_only_files_are_reproducible_and_say_timing_off(@TempDir Path dir) throws Exception {
        Int8Exporter.Result a = export("student-10", Set.of(), dir, "a.onnx");
        Int8Exporter.Result b = export("student-10", Set.of(), dir, "b.onnx");
        assertThat(Files.readAllBytes(a.file())).isEqualTo(Files.readAllBytes(b.file()));
        assertThat(a.layerTiming()).isFalse();
        assertThat(a.timing()).isNull();
        assertThat(proto(a.file()).getMetadataPropsList())
                .anyMatch(
                        e ->
                                e.getKey().equals(Int8Exporter.LAYER_TIMING_KEY)
                                        && e.getValue().equals("off"))
                .anyMatch(
                        e ->
                                e.getKey().equals(Int8Exporter.FP32_LAYERS_KEY)
                                        && e.getValue().contains("conv2_dw")
                                        && e.getValue().contains("grouped conv"));
    }

    @Test
    void teacher_portable_form_has_qlinearconv_the_ort_weights_and_a_fp32_logits_layer(
            @TempDir Path dir) throws Exception {
        ModelArtifact a = zoo("teacher", dir);
        Int8Exporter.Result ort =
                Int8Exporter.export(
                        a,
                        new Int8Options(
                                data, IMAGES, Int8Options.Method.MINMAX, Set.of(), false, 1),
                        dir.resolve("o.onnx"));
        Int8Exporter.Result r = portable(a, false, dir.resolve("p.onnx"));
        LOG.info(
                "teacher int8 vs fp32 ({} bytes): ort form {} bytes, max |logit diff| {},"
                        + " agreement {}; portable form {} bytes, max |logit diff| {}, agreement {}"
                        + " (max |logit| {})",
                r.fp32Bytes(),
                ort.bytes(),
                ort.vsFp32().maxAbsLogitDiff(),
                ort.vsFp32().agreement(),
                r.bytes(),
                r.vsFp32().maxAbsLogitDiff(),
                r.vsFp32().agreement(),
                r.vsFp32().maxAbsLogit());

        assertThat(r.form()).isEqualTo("portable");
        assertThat(r.vsFp32().agreement()).isGreaterThanOrEqualTo(0.95);
        assertThat(r.bytes()).isLessThanOrEqualTo(r.fp32Bytes() * 30 / 100);
        assertThat(r.fp32Layers()).containsExactly("fc3");
        assertThat(r.layers())
                .filteredOn(l -> l.layer().equals("fc3"))
                .singleElement()
                .satisfies(
                        l -> assertThat(l.reason()).isEqualTo(Int8Exporter.PORTABLE_FP32_REASON));
        assertThat(r.int8Layers()).containsExactlyElementsOf(ort.int8Layers().subList(0, 10));

        OnnxMl.ModelProto p = proto(r.file());
        OnnxMl.GraphProto g = p.getGraph();
        assertImportableWithoutQdqFusion(g);
        assertThat(ops(g))
                .contains("QLinearConv", "QuantizeLinear", "MaxPool", "Conv", "Flatten")
                .doesNotContain("Gemm");
        assertThat(ops(g).stream().filter(o -> o.equals("QLinearConv"))).hasSize(10);
        assertThat(ops(g).get(ops(g).size() - 1)).isEqualTo("Flatten");
        // the same integers as the ort form, only carried by other operators
        Map<String, OnnxMl.TensorProto> ortInits =
                proto(ort.file()).getGraph().getInitializerList().stream()
                        .collect(
                                java.util.stream.Collectors.toMap(
                                        OnnxMl.TensorProto::getName, t -> t));
        assertThat(g.getInitializerList())
                .filteredOn(t -> t.getName().endsWith("_quantized"))
                .hasSize(20)
                .allSatisfy(
                        t ->
                                assertThat(t.getRawData())
                                        .isEqualTo(ortInits.get(t.getName()).getRawData()));
        assertThat(g.getInitializerList())
                .filteredOn(t -> t.getName().equals("fc1.weight_quantized"))
                .singleElement()
                .satisfies(t -> assertThat(t.getDimsList()).hasSize(4));
        assertThat(p.getMetadataPropsList())
                .anyMatch(
                        e ->
                                e.getKey().equals(Int8Exporter.FORM_KEY)
                                        && e.getValue().equals("portable"))
                .anyMatch(
                        e ->
                                e.getKey().equals(Int8Exporter.FP32_LAYERS_KEY)
                                        && e.getValue().contains("fc3")
                                        && e.getValue().contains("portable form"))
                .anyMatch(
                        e ->
                                e.getKey().equals(Int8Exporter.PRECISION_KEY)
                                        && e.getValue().equals("int8"));

        try (OrtDetector d = OrtDetector.load(r.file(), 1)) {
            assertThat(d.manifest().spec()).isEqualTo(ModelZoo.build("teacher", SIZE));
            float[] x = OnnxExporter.randomBatch(d.manifest().spec(), 2, 3);
            float[] scores = d.scorer().scores(x, 2);
            assertThat(scores).hasSize(2);
            for (float v : scores) {
                assertThat(v).isBetween(0f, 1f);
            }
        }
    }

    @Test
    void portable_form_of_student10_and_an_adapter_model_is_never_timed(@TempDir Path dir)
            throws Exception {
        Int8Exporter.Result s10 = portable(zoo("student-10", dir), true, dir.resolve("s10.onnx"));
        ModelSpec spec = ExportFixtures.withAdapter(ModelZoo.build("student-30", SIZE));
        Int8Exporter.Result ad =
                portable(
                        ExportFixtures.artifact(spec, ExportFixtures.weights(spec, 31), dir),
                        true,
                        dir.resolve("ad.onnx"));
        LOG.info("student-10 portable: layers {}, check {}", s10.layers(), s10.vsFp32());
        LOG.info("student-30 + adapter portable: layers {}, check {}", ad.layers(), ad.vsFp32());

        // grouped convs by rule, the logits layer by the form; the depthwise convs without a
        // Relu after them are re-quantized by the next conv, so they stay INT8
        assertThat(s10.fp32Layers()).containsExactly("conv2_dw", "conv4_dw", "fc2");
        assertThat(s10.int8Layers()).contains("conv1_dw", "conv3_dw", "conv5_dw", "fc1");
        assertThat(ad.fp32Layers()).containsExactly("fc2");
        assertThat(ad.int8Layers()).contains("adapter.dw", "adapter.pw");
        for (Int8Exporter.Result r : List.of(s10, ad)) {
            assertThat(r.vsFp32().agreement()).isGreaterThanOrEqualTo(0.95);
            assertThat(r.layerTiming()).isFalse();
            assertThat(r.timing()).isNull();
            OnnxMl.ModelProto p = proto(r.file());
            assertImportableWithoutQdqFusion(p.getGraph());
            assertThat(p.getMetadataPropsList())
                    .anyMatch(
                            e ->
                                    e.getKey().equals(Int8Exporter.LAYER_TIMING_KEY)
                                            && e.getValue().equals("off"));
            try (OrtDetector d = OrtDetector.load(r.file(), 1)) {
                assertThat(
                                d.scorer()
                                        .scores(
                                                OnnxExporter.randomBatch(d.manifest().spec(), 2, 5),
                                                2))
                        .hasSize(2);
            }
        }
    }

    @Test
    void portable_form_folds_dynamic_linear_weights_into_float(@TempDir Path dir) throws Exception {
        ModelSpec spec = ModelZoo.build("student-30", SIZE);
        var q =
                org.deepfakeedge.compress.quantize.DynamicLinearQuantizer.quantize(
                        spec, ExportFixtures.weights(spec, 32));
        ModelArtifact a = ExportFixtures.artifact(q.spec(), q.weights(), dir);
        Int8Exporter.Result r = portable(a, false, dir.resolve("dq.onnx"));
        LOG.info("dynamic-linear student-30 portable: layers {}, check {}", r.layers(), r.vsFp32());

        assertThat(r.int8Layers()).contains("conv1").doesNotContain("fc1");
        assertThat(r.vsFp32().agreement()).isGreaterThanOrEqualTo(0.95);
        OnnxMl.GraphProto g = proto(r.file()).getGraph();
        assertImportableWithoutQdqFusion(g);
        assertThat(g.getInitializerList())
                .filteredOn(t -> t.getName().equals("fc1.weight_float"))
                .singleElement()
                .satisfies(
                        t ->
                                assertThat(t.getDataType())
                                        .isEqualTo(OnnxMl.TensorProto.DataType.FLOAT.getNumber()));
    }

    @Test
    void unknown_keep_fp32_name_is_refused(@TempDir Path dir) {
        assertThatThrownBy(() -> export("student-30", Set.of("nope"), dir, "x.onnx"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("nope")
                .hasMessageContaining("conv1");
    }

    /**
     * A calibrated model's INT8 files end in the division by its temperature too (the ort form as
     * the fp32 graph does, the portable form before its deferred Flatten), and compute the
     * uncalibrated INT8 logits divided by T: the activation ranges are measured before the Div.
     */
    @Test
    void a_calibrated_model_keeps_its_temperature_in_both_int8_forms(@TempDir Path dir)
            throws Exception {
        double t = 2.5;
        ModelArtifact plain = zoo("student-10", dir);
        ModelArtifact cal =
                new ModelArtifact(dir, plain.manifest().withTemperature(t), plain.weights());
        Calibration.Images images =
                Calibration.loadImages(
                        data,
                        org.deepfakeedge.artifact.Preprocessors.of(
                                plain.manifest().preprocessing()),
                        IMAGES);
        long[] chw = {3, SIZE, SIZE};
        for (boolean isPortable : new boolean[] {false, true}) {
            Int8Options.Form form = isPortable ? Int8Options.Form.PORTABLE : Int8Options.Form.ORT;
            Int8Options o =
                    new Int8Options(
                            data, IMAGES, Int8Options.Method.MINMAX, Set.of(), false, 1, form);
            Path a = dir.resolve(form.label() + "-plain.onnx");
            Path b = dir.resolve(form.label() + "-cal.onnx");
            Int8Exporter.export(plain, o, a);
            Int8Exporter.export(cal, o, b);
            OnnxMl.GraphProto g = proto(b).getGraph();
            assertThat(ops(g)).as(form.label()).contains("Div");
            assertThat(ops(proto(a).getGraph())).as(form.label()).doesNotContain("Div");
            float[] raw = Calibration.logits(Files.readAllBytes(a), images, chw);
            float[] got = Calibration.logits(Files.readAllBytes(b), images, chw);
            assertThat(got).as(form.label()).hasSize(2 * images.count());
            double scale = 0;
            for (float v : raw) {
                scale = Math.max(scale, Math.abs(v));
            }
            for (int i = 0; i < raw.length; i++) {
                assertThat((double) got[i])
                        .as("%s logit %d", form.label(), i)
                        .isCloseTo(
                                raw[i] / t, org.assertj.core.api.Assertions.within(1e-5 * scale));
            }
        }
    }
}
