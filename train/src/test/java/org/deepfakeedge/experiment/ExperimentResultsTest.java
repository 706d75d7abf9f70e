package org.deepfakeedge.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deepfakeedge.ArtifactException;
import org.deepfakeedge.experiment.ExperimentResults.CellResult;
import org.deepfakeedge.provenance.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code results.json} is read strictly into its records: a schema-1 file (a paper-mini run of
 * 2026-12-02, trimmed) is upgraded, a schema-2 file written from the records reads back the same,
 * and a missing or renamed field fails with the file and the field named.
 */
class ExperimentResultsTest {
    static final String SCHEMA_1 = "/compat/results-schema1.json";

    static String text(String resource) throws Exception {
        try (InputStream in = ExperimentResultsTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static Path write(Path dir, String json) throws Exception {
        Files.createDirectories(dir);
        Path f = dir.resolve(ExperimentResults.FILE);
        Files.writeString(f, json);
        return f;
    }

    static String renamed(String json, String from, String to) {
        assertThat(json).contains(from);
        return json.replaceFirst(java.util.regex.Pattern.quote(from), to);
    }

    @Test
    void a_schema_1_file_is_upgraded_into_the_provenance_shape(@TempDir Path dir) throws Exception {
        ExperimentResults r = ExperimentResults.read(write(dir, text(SCHEMA_1)));
        assertThat(r.schema()).isEqualTo(ExperimentResults.SCHEMA);
        assertThat(r.spec().name()).isEqualTo("paper-mini");
        assertThat(r.spec().levels()).containsExactly(0.4, 0.3);
        var p = r.provenance();
        assertThat(p.run().tool().commit()).startsWith("7a4081c");
        assertThat(p.run().environment().machine().cores()).isEqualTo(2);
        assertThat(p.run().environment().engines()).containsEntry("djl", "0.36.0");
        assertThat(p.run().environment().threads()).isNull(); // schema 1 did not record it
        assertThat(p.run().seed()).isEqualTo(42L);
        assertThat(p.run().createdAt()).isEqualTo(p.finishedAt());
        assertThat(p.datasets().get("a").data().fingerprint()).hasSize(64);
        assertThat(p.datasets().get("a").data().counts().get("test")).containsEntry("fake", 45);
        assertThat(p.datasets().get("mixed").generators()).isTrue();
        assertThat(r.teachers().get("a").metrics().evaluation().accuracy()).isEqualTo(0.9);
        CellResult prune40 = cell(r, "compression/prune/40");
        assertThat(prune40.cell().level()).isEqualTo(0.4);
        assertThat(prune40.cell().bench().int8P50Ms()).isPositive();
        assertThat(prune40.result().evaluation().accuracy()).isEqualTo(0.5666666666666667);
        assertThat(prune40.extraResults().get("mixed").evaluation().perGenerator())
                .containsKeys("checkerboard", "smooth", "spectral");
        CellResult failed = cell(r, "compression/distill/30");
        assertThat(failed.cell().ok()).isFalse();
        assertThat(failed.result()).isNull();
        assertThat(cell(r, "compression/baseline/full").trainSeconds())
                .isEqualTo(r.teachers().get("a").metrics().trainSeconds());
    }

    @Test
    void written_from_the_records_a_file_reads_back_the_same(@TempDir Path dir) throws Exception {
        ExperimentResults r = ExperimentResults.read(write(dir.resolve("1"), text(SCHEMA_1)));
        Path f2 = dir.resolve("2").resolve(ExperimentResults.FILE);
        r.write(f2);
        JsonNode tree = Json.MAPPER.readTree(f2.toFile());
        assertThat(tree.path("schema").asInt()).isEqualTo(2);
        assertThat(
                        tree.path("provenance")
                                .path("environment")
                                .path("machine")
                                .path("cores")
                                .asInt())
                .isEqualTo(2);
        assertThat(tree.path("provenance").has("machine")).isFalse();
        // cells keep their record's fields at the top level, as in schema 1
        assertThat(tree.path("cells").get(1).path("id").asText()).isEqualTo("compression/prune/40");
        assertThat(tree.path("cells").get(1).path("result").path("accuracy").asDouble())
                .isEqualTo(0.5666666666666667);
        ExperimentResults again = ExperimentResults.read(f2);
        Path f3 = dir.resolve("3").resolve(ExperimentResults.FILE);
        again.write(f3);
        assertThat(Files.readString(f3)).isEqualTo(Files.readString(f2));
        JsonNode original = Json.MAPPER.readTree(text(SCHEMA_1));
        for (int i = 0; i < original.path("cells").size(); i++) {
            JsonNode a = original.path("cells").get(i);
            JsonNode b = tree.path("cells").get(i);
            for (String k : new String[] {"id", "status", "level", "seconds", "train_seconds"}) {
                assertThat(b.path(k)).as(a.path("id") + " " + k).isEqualTo(a.path(k));
            }
            assertThat(b.path("result").path("roc_curve"))
                    .isEqualTo(a.path("result").path("roc_curve"));
            assertThat(b.path("bench")).isEqualTo(a.path("bench"));
        }
    }

    @Test
    void a_renamed_field_fails_with_the_file_and_the_field_named(@TempDir Path dir)
            throws Exception {
        String json = text(SCHEMA_1);
        Path a = write(dir.resolve("a"), renamed(json, "\"f1\":", "\"f_1\":"));
        assertThatThrownBy(() -> ExperimentResults.read(a))
                .isInstanceOf(ArtifactException.class)
                .hasMessageContaining(a.toString())
                .hasMessageContaining("teachers.a.metrics.f1 is missing");
        Path b = write(dir.resolve("b"), renamed(json, "\"status\":", "\"state\":"));
        assertThatThrownBy(() -> ExperimentResults.read(b))
                .hasMessageContaining("cells[0].status is missing");
        Path c = write(dir.resolve("c"), renamed(json, "\"fingerprint\":", "\"fp\":"));
        assertThatThrownBy(() -> ExperimentResults.read(c))
                .hasMessageContaining("provenance.datasets.a.fingerprint is missing");
        Path d = write(dir.resolve("d"), renamed(json, "\"git_commit\":", "\"commit\":"));
        assertThatThrownBy(() -> ExperimentResults.read(d))
                .hasMessageContaining("provenance.tool.git_commit is missing");
    }

    @Test
    void a_finished_cell_without_numbers_and_a_newer_schema_are_refused(@TempDir Path dir)
            throws Exception {
        JsonNode tree = Json.MAPPER.readTree(text(SCHEMA_1));
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.path("cells").get(1))
                .remove("result");
        Path a = write(dir.resolve("a"), Json.pretty(tree));
        assertThatThrownBy(() -> ExperimentResults.read(a))
                .isInstanceOf(ArtifactException.class)
                .hasMessageContaining("cells[1]")
                .hasMessageContaining("compression/prune/40 finished but has no test evaluation");
        Path b = write(dir.resolve("b"), renamed(text(SCHEMA_1), "\"schema\": 1", "\"schema\": 9"));
        assertThatThrownBy(() -> ExperimentResults.read(b))
                .isInstanceOf(ArtifactException.class)
                .hasMessageContaining("schema 9")
                .hasMessageContaining("upgrade deepfake-edge");
        assertThatThrownBy(() -> ExperimentResults.read(dir.resolve("none/results.json")))
                .isInstanceOf(ArtifactException.class)
                .hasMessageContaining("is missing");
    }

    static CellResult cell(ExperimentResults r, String id) {
        return r.cells().stream().filter(c -> c.cell().id().equals(id)).findFirst().orElseThrow();
    }
}
