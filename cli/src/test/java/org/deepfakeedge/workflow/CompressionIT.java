package org.deepfakeedge.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deepfakeedge.artifact.ModelArtifact;
import org.deepfakeedge.compress.prune.MagnitudePruner;
import org.deepfakeedge.data.synth.ProgressListener;
import org.deepfakeedge.data.synth.SynthSpec;
import org.deepfakeedge.data.synth.SyntheticDatasets;
import org.deepfakeedge.model.Tensor;
import org.deepfakeedge.provenance.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compression commands end to end on a small trained model. */
class CompressionIT {
    @TempDir static Path tmp;
    static Path data;
    static Path model;

    static PipelineIT.Run cli(String... args) {
        PipelineIT.Run r = PipelineIT.cli(args);
        assertThat(r.code()).as("%s failed: %s", String.join(" ", args), r.err()).isEqualTo(0);
        return r;
    }

    @BeforeAll
    static void trainSmallModel() throws Exception {
        data = tmp.resolve("data");
        model = tmp.resolve("model");
        SyntheticDatasets.write(
                new SynthSpec(32, 150, 5, "checkerboard", 0.2, 0.2), data, ProgressListener.NONE);
        cli(
                "train",
                "--data",
                data.toString(),
                "--arch",
                "student-30",
                "--image-size",
                "32",
                "--epochs",
                "2",
                "--out",
                model.toString());
    }

    static List<JsonNode> predictions(Path m) throws Exception {
        return predictionsOf(m, data);
    }

    static List<JsonNode> predictionsOf(Path m, Path dataset) throws Exception {
        String out =
                cli("predict", "--model", m.toString(), dataset.resolve("test").toString()).out();
        return out.lines()
                .map(
                        l -> {
                            try {
                                return Json.MAPPER.readTree(l);
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        })
                .toList();
    }

    @Test
    void pruning_keeps_the_paper_fraction_shrinks_the_file_and_fine_tuning_keeps_zeros()
            throws Exception {
        Path p = tmp.resolve("p10");
        Path pft = tmp.resolve("p10ft");
        JsonNode j =
                Json.MAPPER.readTree(
                        cli(
                                        "prune",
                                        "--model",
                                        model.toString(),
                                        "--keep",
                                        "0.1",
                                        "--data",
                                        data.toString(),
                                        "--out",
                                        p.toString(),
                                        "--json")
                                .out());
        cli(
                "prune",
                "--model",
                model.toString(),
                "--keep",
                "0.1",
                "--data",
                data.toString(),
                "--fine-tune-epochs",
                "1",
                "--out",
                pft.toString());
        assertThat(j.path("before").path("accuracy").isNumber()).isTrue();
        assertThat(j.path("after").path("f1").isNumber()).isTrue();
        ModelArtifact src = ModelArtifact.load(model);
        ModelArtifact pruned = ModelArtifact.load(p);
        ModelArtifact tuned = ModelArtifact.load(pft);
        for (String name : MagnitudePruner.prunableTensors(src.manifest().spec())) {
            Tensor a = pruned.weights().get(name);
            Tensor b = tuned.weights().get(name);
            assertThat(a.size() - a.nonZero()).as(name).isEqualTo(Math.round(0.9 * a.size()));
            for (int i = 0; i < a.size(); i++) {
                if (a.data()[i] == 0f) {
                    assertThat(b.data()[i]).as("%s[%d] after fine-tuning", name, i).isEqualTo(0f);
                }
            }
            assertThat(b.sameAs(a)).as("%s was fine-tuned", name).isFalse();
        }
        assertThat((double) pruned.manifest().weights().bytes() / src.manifest().weights().bytes())
                .isLessThanOrEqualTo(0.25);
        assertThat(pruned.manifest().kind()).isEqualTo("pruned");
        assertThat(pruned.manifest().history())
                .extracting(h -> h.method())
                .containsExactly("train", "prune");
        assertThat(pruned.manifest().history().get(1).parentId())
                .isEqualTo(src.manifest().artifactId());
        assertThat(pruned.manifest().history().get(1).options())
                .containsEntry("keep", 0.1)
                .containsEntry("scope", "local");
        assertThat(
                        Json.MAPPER
                                .readTree(p.resolve("metrics.json").toFile())
                                .path("accuracy")
                                .isNumber())
                .isTrue();
    }

    @Test
    void structured_pruning_makes_a_smaller_dense_model_that_evaluates() throws Exception {
        Path s = tmp.resolve("s50");
        JsonNode j =
                Json.MAPPER.readTree(
                        cli(
                                        "prune",
                                        "--model",
                                        model.toString(),
                                        "--keep",
                                        "0.5",
                                        "--structured",
                                        "--out",
                                        s.toString(),
                                        "--json")
                                .out());
        assertThat(j.path("size").path("params_after").asLong())
                .isLessThan(j.path("size").path("params_before").asLong() / 3);
        JsonNode e =
                Json.MAPPER.readTree(
                        cli(
                                        "evaluate",
                                        "--model",
                                        s.toString(),
                                        "--data",
                                        data.toString(),
                                        "--json")
                                .out());
        assertThat(e.path("params").asLong())
                .isEqualTo(j.path("size").path("params_after").asLong());
        assertThat(e.path("nonzero_params").asLong()).isEqualTo(e.path("params").asLong());
    }

    @Test
    void dynamic_quantization_stores_int8_and_predicts_close_to_float() throws Exception {
        Path q = tmp.resolve("q");
        cli(
                "quantize",
                "--model",
                model.toString(),
                "--mode",
                "dynamic-linear",
                "--out",
                q.toString());
        JsonNode manifest = Json.MAPPER.readTree(q.resolve("model.json").toFile());
        assertThat(manifest.toString()).contains("\"type\":\"dynamic_quant_linear\"");
        assertThat(Files.size(q.resolve("weights.bin")))
                .isLessThan(Files.size(model.resolve("weights.bin")));
        List<JsonNode> a = predictions(model);
        List<JsonNode> b = predictions(q);
        long agree = 0;
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i).path("p_fake").asDouble())
                    .isCloseTo(a.get(i).path("p_fake").asDouble(), offset(0.05));
            agree += a.get(i).path("label").equals(b.get(i).path("label")) ? 1 : 0;
        }
        assertThat((double) agree / a.size()).isGreaterThan(0.9);
    }

    @Test
    void full_rank_factorization_predicts_like_the_original() throws Exception {
        Path f = tmp.resolve("f");
        JsonNode j =
                Json.MAPPER.readTree(
                        cli(
                                        "factorize",
                                        "--model",
                                        model.toString(),
                                        "--rank",
                                        "128",
                                        "--out",
                                        f.toString(),
                                        "--json")
                                .out());
        assertThat(j.path("details").path("retained_energy").asDouble())
                .isCloseTo(1.0, offset(1e-6));
        assertThat(j.path("details").path("layer_params_after").asLong())
                .isEqualTo(128L * 128 + 128L * 128 + 128);
        List<JsonNode> a = predictions(model);
        List<JsonNode> b = predictions(f);
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i).path("p_fake").asDouble())
                    .isCloseTo(a.get(i).path("p_fake").asDouble(), offset(1e-4));
        }
    }

    @Test
    void distillation_trains_a_student_recorded_in_the_lineage() throws Exception {
        Path d = tmp.resolve("d");
        JsonNode j =
                Json.MAPPER.readTree(
                        cli(
                                        "distill",
                                        "--teacher",
                                        model.toString(),
                                        "--student",
                                        "student-10",
                                        "--data",
                                        data.toString(),
                                        "--epochs",
                                        "1",
                                        "--out",
                                        d.toString(),
                                        "--json")
                                .out());
        assertThat(j.path("after").path("accuracy").isNumber()).isTrue();
        ModelArtifact s = ModelArtifact.load(d);
        assertThat(s.manifest().kind()).isEqualTo("distilled");
        assertThat(s.manifest().spec().arch()).isEqualTo("student-10");
        assertThat(s.manifest().history().get(1).options())
                .containsEntry("temperature", 2.0)
                .containsEntry("kd_weight", 0.5)
                .containsEntry("teacher_runtime", "onnx");
    }

    @Test
    void static_int8_quantize_gives_the_same_model_as_export_int8() throws Exception {
        Path a = tmp.resolve("q-static.onnx");
        Path b = tmp.resolve("e-int8.onnx");
        // layer timing off: measured decisions may differ between two runs, the rules never do
        cli(
                "quantize",
                "--model",
                model.toString(),
                "--mode",
                "static-int8",
                "--calibration",
                data.toString(),
                "--calibration-count",
                "16",
                "--int8-layer-timing",
                "off",
                "--out",
                a.toString());
        cli(
                "export",
                "--model",
                model.toString(),
                "--int8",
                "--calibration",
                data.toString(),
                "--calibration-count",
                "16",
                "--int8-layer-timing",
                "off",
                "--out",
                b.toString());
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
        JsonNode e =
                Json.MAPPER.readTree(
                        cli(
                                        "evaluate",
                                        "--model",
                                        a.toString(),
                                        "--data",
                                        data.toString(),
                                        "--json")
                                .out());
        assertThat(e.path("runtime").asText()).isEqualTo("onnx");
        assertThat(e.path("model_bytes").asLong())
                .isLessThan(Files.size(model.resolve("weights.bin")) / 2);
    }
}
