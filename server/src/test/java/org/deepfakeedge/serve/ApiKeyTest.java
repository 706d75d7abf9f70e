package org.deepfakeedge.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.deepfakeedge.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeyTest {
    @Test
    void accepts_the_key_as_bearer_token_or_x_api_key_only(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("key");
        Files.writeString(f, "s3cret-key\n");
        ApiKey k = ApiKey.fromFile(f);
        assertThat(k.accepts("Bearer s3cret-key", null)).isTrue();
        assertThat(k.accepts("bearer s3cret-key", null)).isTrue();
        assertThat(k.accepts(null, "s3cret-key")).isTrue();
        assertThat(k.accepts(null, null)).isFalse();
        assertThat(k.accepts("Bearer s3cret", null)).isFalse();
        assertThat(k.accepts("Basic s3cret-key", null)).isFalse();
        assertThat(k.accepts("Bearer s3cret-key", "wrong"))
                .as("X-API-Key, when sent, decides")
                .isFalse();
    }

    @Test
    void a_missing_or_blank_key_file_is_a_clear_error(@TempDir Path tmp) throws Exception {
        assertThatThrownBy(() -> ApiKey.fromFile(tmp.resolve("none")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cannot read the API key file");
        Path blank = tmp.resolve("blank");
        Files.writeString(blank, "  \n");
        assertThatThrownBy(() -> ApiKey.fromFile(blank))
                .hasMessageContaining("one key without spaces");
    }
}
