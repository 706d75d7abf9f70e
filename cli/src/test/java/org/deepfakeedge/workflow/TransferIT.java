package org.deepfakeedge.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Set;
import org.deepfakeedge.artifact.ModelArtifact;
import org.deepfakeedge.data.synth.ProgressListener;
import org.deepfakeedge.data.synth.SynthSpec;
import org.deepfakeedge.data.synth.SyntheticDatasets;
import org.deepfakeedge.model.Layer;
import org.deepfakeedge.model.ModelSpec;
import org.deepfakeedge.model.Tensor;
import org.deepfakeedge.provenance.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cross-task transfer end to end: the built-in unrelated task as A, a real/fake set as B. */
class TransferIT {
    @TempDir static Path tmp;
    static Path taskA;
    static Path taskB;
    static Path model;

    @BeforeAll
    static void trainOnTaskA() throws Exception {
        taskA = tmp.resolve("shapes");
        taskB = tmp.resolve("fakes");
        model = tmp.resolve("a-model");
        SyntheticDatasets.write(
                new SynthSpec(32, 150, 1, "shapes", 0.2, 0.2), taskA, ProgressListener.NONE);
        SyntheticDatasets.write(
                new SynthSpec(32, 150, 2, "checkerboard", 0.2, 0.2), taskB, ProgressListener.NONE);
        CompressionIT.cli(
                "train",
                "--data",
                taskA.toString(),
                "--arch",
                "student-30",
                "--image-size",
                "32",
                "--epochs",
                "2",
                "--out",
                model.toString());
        assertThat(ModelArtifact.load(model).manifest().classNames())
                .containsExactly("round", "angular");
    }

    static JsonNode transfer(String out, String... extra) throws Exception {
        String[] base = {
            "transfer",
            "--model",
            model.toString(),
            "--data",
            taskB.toString(),
            "--epochs",
            "1",
            "--out",
            tmp.resolve(out).toString(),
            "--json"
        };
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return Json.MAPPER.readTree(CompressionIT.cli(all).out());
    }

    @Test
    void finetune_trains_only_the_chosen_layers_and_frozen_batchnorm_keeps_its_statistics()
            throws Exception {
        JsonNode j = transfer("ft", "--method", "finetune");
        assertThat(j.path("after").path("accuracy").isNumber()).isTrue();
        ModelArtifact a = ModelArtifact.load(model);
        ModelArtifact b = ModelArtifact.load(tmp.resolve("ft"));
        Set<String> trained = Set.of("conv6", "bn6", "fc1");
        for (String k : a.weights().keys()) {
            String layer = k.substring(0, k.indexOf('.'));
            boolean same = a.weights().get(k).sameAs(b.weights().get(k));
            if (trained.contains(layer) && !k.contains("running")) {
                assertThat(same).as("%s should have trained", k).isFalse();
            } else if (!trained.contains(layer)) {
                assertThat(same).as("%s is frozen and must be bit-identical", k).isTrue();
            }
        }
        assertThat(b.manifest().classNames()).containsExactly("real", "fake");
        assertThat(b.manifest().history())
                .extracting(h -> h.method())
                .containsExactly("train", "transfer");
        assertThat(b.manifest().history().get(1).options()).containsEntry("method", "finetune");
        // a transferred artifact evaluates and predicts like any other
        JsonNode e =
                Json.MAPPER.readTree(
                        CompressionIT.cli(
                                        "evaluate",
                                        "--model",
                                        tmp.resolve("ft").toString(),
                                        "--data",
                                        taskB.toString(),
                                        "--json")
                                .out());
        assertThat(e.path("n").asLong()).isEqualTo(60);
        assertThat(CompressionIT.predictionsOf(tmp.resolve("ft"), taskB)).hasSize(60);
    }

    @Test
    void prune_adapter_trains_only_the_inserted_adapter() throws Exception {
        transfer("pa", "--method", "prune-adapter", "--keep", "0.3");
        ModelArtifact a = ModelArtifact.load(model);
        ModelArtifact b = ModelArtifact.load(tmp.resolve("pa"));
        ModelSpec spec = b.manifest().spec();
        Layer.Adapter adapter = (Layer.Adapter) spec.layer("adapter");
        assertThat(spec.parameterCount() - a.manifest().spec().parameterCount())
                .isEqualTo(ModelSpec.parameterCount(adapter));
        assertThat(spec.layers().get(spec.layers().indexOf(adapter) + 1))
                .isInstanceOf(Layer.Flatten.class);
        for (String k : a.weights().keys()) {
            Tensor before = a.weights().get(k);
            Tensor after = b.weights().get(k);
            if (k.endsWith(".weight")) {
                // pruned, then frozen: exactly the pruned tensor
                assertThat(after.size() - after.nonZero())
                        .as(k)
                        .isEqualTo(Math.round(0.7 * after.size()));
            } else {
                assertThat(after.sameAs(before)).as("%s frozen", k).isTrue();
            }
        }
        assertThat(b.manifest().kind()).isEqualTo("adapted");
    }

    @Test
    void distill_quantize_and_factorize_variants_produce_working_models() throws Exception {
        JsonNode d = transfer("kd", "--method", "distill", "--student", "student-10");
        assertThat(d.path("after").path("accuracy").isNumber()).isTrue();
        assertThat(ModelArtifact.load(tmp.resolve("kd")).manifest().spec().arch())
                .isEqualTo("student-10");
        transfer("qf", "--method", "quantize-finetune");
        assertThat(ModelArtifact.load(tmp.resolve("qf")).manifest().spec().layer("fc1"))
                .isInstanceOf(Layer.DynamicQuantLinear.class);
        transfer("ff", "--method", "factorize-finetune", "--rank", "4");
        assertThat(
                        ((Layer.Linear)
                                        ModelArtifact.load(tmp.resolve("ff"))
                                                .manifest()
                                                .spec()
                                                .layer("fc1_v"))
                                .out())
                .isEqualTo(4);
        transfer("da", "--method", "distill-adapter");
        assertThat(ModelArtifact.load(tmp.resolve("da")).manifest().spec().layer("adapter"))
                .isNotNull();
    }
}
