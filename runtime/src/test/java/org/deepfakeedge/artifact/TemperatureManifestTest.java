package org.deepfakeedge.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deepfakeedge.ArtifactException;
import org.deepfakeedge.eval.TemperatureScaling;
import org.deepfakeedge.model.ModelSpec;
import org.deepfakeedge.model.ModelZoo;
import org.deepfakeedge.model.WeightInit;
import org.deepfakeedge.model.Weights;
import org.deepfakeedge.provenance.Json;
import org.deepfakeedge.provenance.Provenance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The temperature in {@code model.json}: absent means T = 1 and leaves the file, the artifact id
 * and the manifest as they were; present, it round-trips, moves the schema version and the id.
 */
class TemperatureManifestTest {
    private static ArtifactManifest manifest(ModelSpec spec) {
        return new ArtifactManifest(
                ArtifactManifest.SCHEMA_VERSION,
                "trained",
                spec,
                Preprocessing.defaults(spec.imageSize()),
                List.of("real", "fake"),
                0.4,
                List.of(),
                null,
                new Provenance(null, null, null, 7L, null, null, null));
    }

    @Test
    void the_model_json_files_of_earlier_versions_load_as_temperature_one() throws Exception {
        for (String f : List.of("/compat/trained-model.json", "/compat/pruned-model.json")) {
            JsonNode file;
            try (InputStream in = getClass().getResourceAsStream(f)) {
                file = Json.MAPPER.readTree(in);
            }
            ArtifactManifest m = Json.MAPPER.treeToValue(file, ArtifactManifest.class);
            assertThat(m.temperature()).as(f).isNull();
            assertThat(m.appliedTemperature()).isEqualTo(1.0);
            assertThat(m.calibrated()).isFalse();
            assertThat(m.artifactId()).isEqualTo(file.get("weights").get("sha256").asText());
            JsonNode back = Json.MAPPER.readTree(Json.pretty(m));
            assertThat(back.has("temperature")).isFalse();
            assertThat(back).as(f).isEqualTo(file);
        }
    }

    @Test
    void an_uncalibrated_artifact_is_rewritten_byte_for_byte(@TempDir Path dir) throws Exception {
        ModelSpec spec = ModelZoo.build("student-10", 32);
        ModelArtifact saved = ModelArtifact.save(dir.resolve("a"), manifest(spec), weights(spec));
        byte[] json = Files.readAllBytes(saved.dir().resolve(ModelArtifact.MANIFEST));
        assertThat(new String(json, java.nio.charset.StandardCharsets.UTF_8))
                .doesNotContain("temperature")
                .contains("\"schema_version\" : 1");
        ModelArtifact loaded = ModelArtifact.load(saved.dir());
        assertThat(loaded.manifest().artifactId()).isEqualTo(saved.manifest().weights().sha256());
        loaded.withManifest(dir.resolve("b"), loaded.manifest());
        assertThat(Files.readAllBytes(dir.resolve("b").resolve(ModelArtifact.MANIFEST)))
                .isEqualTo(json);
        assertThat(Files.readAllBytes(dir.resolve("b").resolve(ModelArtifact.WEIGHTS)))
                .isEqualTo(Files.readAllBytes(saved.dir().resolve(ModelArtifact.WEIGHTS)));
        // T = 1 is no temperature at all, whichever way it is given
        assertThat(loaded.manifest().withTemperature(1.0)).isEqualTo(loaded.manifest());
        assertThat(
                        new ArtifactManifest(
                                        1,
                                        "trained",
                                        spec,
                                        Preprocessing.defaults(32),
                                        List.of("real", "fake"),
                                        0.4,
                                        1.0,
                                        List.of(),
                                        null,
                                        Provenance.NONE)
                                .temperature())
                .isNull();
    }

    @Test
    void a_calibrated_manifest_round_trips_and_changes_version_id_and_threshold(@TempDir Path dir)
            throws Exception {
        ModelSpec spec = ModelZoo.build("student-10", 32);
        ModelArtifact saved = ModelArtifact.save(dir.resolve("a"), manifest(spec), weights(spec));
        ArtifactManifest c =
                saved.manifest()
                        .withTemperature(2.5)
                        .withStep(
                                new HistoryEntry(
                                        "calibrate",
                                        Map.of("temperature", 2.5, "split", "val"),
                                        "2026-12-02T15:00:00Z",
                                        saved.manifest().artifactId(),
                                        saved.dir().toString()));
        assertThat(c.schemaVersion()).isEqualTo(ArtifactManifest.TEMPERATURE_SCHEMA_VERSION);
        assertThat(c.threshold())
                .isEqualTo(TemperatureScaling.sigmoid(TemperatureScaling.logit(0.4) / 2.5));
        assertThat(c.artifactId())
                .isNotEqualTo(saved.manifest().artifactId())
                .isEqualTo(
                        ModelArtifact.sha256(
                                (saved.manifest().weights().sha256() + " 2.5").getBytes()));
        saved.withManifest(saved.dir(), c);
        ModelArtifact back = ModelArtifact.load(saved.dir());
        assertThat(back.manifest()).isEqualTo(c);
        assertThat(back.manifest().temperature()).isEqualTo(2.5);
        assertThat(Files.readString(saved.dir().resolve(ModelArtifact.MANIFEST)))
                .contains("\"threshold\" : " + c.threshold() + ",\n  \"temperature\" : 2.5,");
        // uncalibrating maps the threshold back and restores the original manifest's fields
        ArtifactManifest raw = back.manifest().withTemperature(1.0);
        assertThat(raw.schemaVersion()).isEqualTo(ArtifactManifest.SCHEMA_VERSION);
        assertThat(raw.threshold()).isCloseTo(0.4, org.assertj.core.api.Assertions.within(1e-12));
        // a derived model starts uncalibrated, at the threshold on the uncalibrated p
        ArtifactManifest child =
                back.manifest().derive("pruned", spec, c.history().get(0), Provenance.NONE);
        assertThat(child.temperature()).isNull();
        assertThat(child.threshold()).isEqualTo(raw.threshold());
    }

    @Test
    void a_newer_schema_is_refused_with_the_fix(@TempDir Path dir) throws Exception {
        ModelSpec spec = ModelZoo.build("student-10", 32);
        ModelArtifact saved = ModelArtifact.save(dir, manifest(spec), weights(spec));
        Path mf = saved.dir().resolve(ModelArtifact.MANIFEST);
        Files.writeString(
                mf,
                Files.readString(mf).replace("\"schema_version\" : 1", "\"schema_version\" : 3"));
        assertThatThrownBy(() -> ModelArtifact.load(dir))
                .isInstanceOf(ArtifactException.class)
                .hasMessageContaining("schema_version 3, this build reads up to 2");
    }

    @Test
    void a_temperature_must_be_positive() {
        ModelSpec spec = ModelZoo.build("student-10", 32);
        assertThatThrownBy(() -> manifest(spec).withTemperature(-1))
                .hasMessageContaining("found -1.0");
        assertThatThrownBy(() -> manifest(spec).withTemperature(0))
                .hasMessageContaining("found 0.0");
    }

    private static Weights weights(ModelSpec spec) {
        return WeightInit.pytorchDefault(spec, 7);
    }
}
