package org.deepfakeedge.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.deepfakeedge.artifact.ArtifactManifest;
import org.junit.jupiter.api.Test;

/**
 * The typed provenance reads the {@code model.json} files written before it existed (copies of a
 * trained and a pruned-and-fine-tuned artifact of 2026-12-02, when provenance was an untyped map)
 * and writes them back with the same keys and values.
 */
class ProvenanceTest {
    private static JsonNode tree(String resource) throws Exception {
        try (InputStream in = ProvenanceTest.class.getResourceAsStream(resource)) {
            return Json.MAPPER.readTree(in);
        }
    }

    @Test
    void a_model_json_of_the_untyped_format_loads_into_the_records() throws Exception {
        JsonNode file = tree("/compat/trained-model.json");
        ArtifactManifest m = Json.MAPPER.treeToValue(file, ArtifactManifest.class);
        Provenance p = m.provenance();
        assertThat(p.createdAt()).isEqualTo("2026-12-02T01:11:47Z");
        assertThat(p.tool())
                .isEqualTo(
                        new ToolInfo(
                                "deepfake-edge",
                                "0.1.0-SNAPSHOT",
                                "7a4081c9619b9c1a7bb6d6a166d27aec9ecbe9cf-dirty"));
        assertThat(p.environment().machine().cores()).isEqualTo(2);
        assertThat(p.environment().machine().cpuFlags()).contains("avx2", "avx512_vnni");
        assertThat(p.environment().engines())
                .containsEntry("djl", "0.36.0")
                .containsEntry("pytorch", "2.7.1")
                .containsKey("conv_kernels");
        assertThat(p.environment().threads()).isEqualTo(2);
        assertThat(p.seed()).isEqualTo(42L);
        assertThat(p.data().root()).isEqualTo("/tmp/demo1/data/a");
        assertThat(p.data().layout()).isEqualTo("standard");
        assertThat(p.data().fingerprint()).hasSize(64);
        assertThat(p.data().counts().get("train")).isEqualTo(Map.of("real", 210, "fake", 210));
        assertThat(List.copyOf(p.data().counts().keySet())).containsExactly("train", "val", "test");
        assertThat(p.data().classNames()).containsExactly("real", "fake");
        assertThat(p.timing()).isEqualTo(new Timing(53.471062598, 6, 6, 2520L));
        assertThat(p.note()).isNull();
    }

    @Test
    void a_compression_step_has_the_short_timing() throws Exception {
        ArtifactManifest m =
                Json.MAPPER.treeToValue(tree("/compat/pruned-model.json"), ArtifactManifest.class);
        assertThat(m.provenance().timing()).isEqualTo(new Timing(17.6676392, null, 2, null));
        assertThat(m.history()).hasSize(2);
    }

    @Test
    void written_back_the_manifest_has_the_same_keys_and_values() throws Exception {
        for (String f : List.of("/compat/trained-model.json", "/compat/pruned-model.json")) {
            JsonNode file = tree(f);
            ArtifactManifest m = Json.MAPPER.treeToValue(file, ArtifactManifest.class);
            // parsed from text on both sides, so 42 is an int node on both; objects compare by
            // keys and values, not order (timing was a Map.of)
            JsonNode back = Json.MAPPER.readTree(Json.pretty(m));
            assertThat(back.get("provenance")).as(f).isEqualTo(file.get("provenance"));
            assertThat(back).as(f).isEqualTo(file);
        }
    }

    @Test
    void no_provenance_is_an_empty_object_both_ways() throws Exception {
        assertThat(Json.line(Provenance.NONE)).isEqualTo("{}");
        assertThat(Json.MAPPER.readValue("{}", Provenance.class)).isEqualTo(Provenance.NONE);
        assertThat(Json.line(Provenance.note("random weights")))
                .isEqualTo("{\"note\":\"random weights\"}");
    }

    @Test
    void a_new_provenance_names_this_build_and_machine() {
        Provenance p =
                Provenance.of(RunEnvironment.current(Map.of("engine", "test"), 3), 7)
                        .withTiming(new Timing(1.5, 2, 1, 10L));
        assertThat(p.createdAt()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(p.tool().name()).isEqualTo("deepfake-edge");
        assertThat(p.tool().commit()).isNotBlank();
        assertThat(p.environment().machine().cores()).isPositive();
        assertThat(p.environment().threads()).isEqualTo(3);
        assertThat(Json.MAPPER.<JsonNode>valueToTree(p).path("tool").has("git_commit")).isTrue();
    }
}
