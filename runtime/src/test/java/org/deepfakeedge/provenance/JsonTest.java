package org.deepfakeedge.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deepfakeedge.ArtifactException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonTest {
    record Inner(String toolName, int cores, @JsonOptional String note) {}

    record Outer(long seedValue, Inner inner, @JsonOptional Double level, List<Inner> list) {}

    private static final String GOOD =
            "{\"seed_value\": 3, \"inner\": {\"tool_name\": \"x\", \"cores\": 2},"
                    + " \"list\": [{\"tool_name\": \"y\", \"cores\": 1, \"note\": \"n\"}],"
                    + " \"unknown\": true}";

    private static Path file(Path dir, String json) throws Exception {
        Path f = dir.resolve("results.json");
        Files.writeString(f, json);
        return f;
    }

    @Test
    void optional_components_may_be_absent_and_unknown_fields_are_ignored(@TempDir Path dir)
            throws Exception {
        Outer o = Json.readStrict(file(dir, GOOD), Outer.class);
        assertThat(o.seedValue()).isEqualTo(3);
        assertThat(o.inner()).isEqualTo(new Inner("x", 2, null));
        assertThat(o.level()).isNull();
        assertThat(o.list()).containsExactly(new Inner("y", 1, "n"));
    }

    @Test
    void a_renamed_field_fails_naming_the_file_and_the_path(@TempDir Path dir) throws Exception {
        Path f = file(dir, GOOD.replace("\"cores\": 1", "\"kores\": 1"));
        assertThatThrownBy(() -> Json.readStrict(f, Outer.class))
                .isInstanceOf(ArtifactException.class)
                .hasMessageContaining(f.toString())
                .hasMessageContaining("list[0].cores is missing");
        Path g = file(dir, GOOD.replace("seed_value", "seed"));
        assertThatThrownBy(() -> Json.readStrict(g, Outer.class))
                .hasMessageContaining("seed_value is missing");
        // the lenient mapper reads the same text with a zero: what strict reading prevents
        assertThat(Json.MAPPER.readValue(Files.readString(g), Outer.class).seedValue()).isZero();
    }

    @Test
    void an_explicit_null_is_present_and_a_missing_or_broken_file_is_named(@TempDir Path dir)
            throws Exception {
        Path f = file(dir, GOOD.replace("\"tool_name\": \"x\"", "\"tool_name\": null"));
        assertThat(Json.readStrict(f, Outer.class).inner().toolName()).isNull();
        assertThatThrownBy(() -> Json.readStrict(dir.resolve("none.json"), Outer.class))
                .isInstanceOf(ArtifactException.class)
                .hasMessageContaining("none.json is missing");
        Path broken = file(dir, "{\"seed_value\": ");
        assertThatThrownBy(() -> Json.readStrict(broken, Outer.class))
                .isInstanceOf(ArtifactException.class)
                .hasMessageContaining("is not valid JSON");
    }
}
