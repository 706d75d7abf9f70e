package org.deepfakeedge.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deepfakeedge.InvalidInputException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetFingerprintTest {

    @TempDir Path root;

    @BeforeEach
    void createDataSet() {
        for (String split : new String[] {"train", "test"}) {
            for (int i = 0; i < 3; i++) {
                TestImages.write(
                        root.resolve(split + "/real/r" + i + ".png"), TestImages.gradient(6, 6, i));
                TestImages.write(
                        root.resolve(split + "/fake/f" + i + ".png"),
                        TestImages.gradient(6, 6, 10 + i));
            }
        }
    }

    private DatasetIndex open(Path dir) {
        return DatasetLoader.open(dir, new DatasetOptions(42, 0.0, 0.2));
    }

    @Test
    void fingerprint_is_stable_and_independent_of_location_and_thread_count(@TempDir Path other)
            throws IOException {
        String first = open(root).fingerprint();

        assertThat(first).hasSize(64).matches("[0-9a-f]{64}");
        assertThat(open(root).fingerprint()).isEqualTo(first);
        assertThat(DatasetFingerprint.of(open(root), 1)).isEqualTo(first);

        Path copy = other.resolve("elsewhere");
        try (var files = Files.walk(root)) {
            for (Path p : files.toList()) {
                Path target = copy.resolve(root.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        assertThat(open(copy).fingerprint()).isEqualTo(first);
    }

    @Test
    void fingerprint_changes_when_a_file_changes() throws IOException {
        String before = open(root).fingerprint();
        Path file = root.resolve("train/fake/f1.png");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 20] ^= 1;
        Files.write(file, bytes);

        assertThat(open(root).fingerprint()).isNotEqualTo(before);
    }

    @Test
    void fingerprint_changes_when_a_label_changes() throws IOException {
        String before = open(root).fingerprint();
        Files.move(root.resolve("test/fake/f2.png"), root.resolve("test/real/f2.png"));

        assertThat(open(root).fingerprint()).isNotEqualTo(before);
    }

    @Test
    void vanished_file_is_a_clear_error() throws IOException {
        DatasetIndex index = open(root);
        Files.delete(root.resolve("test/real/r0.png"));

        assertThatThrownBy(index::fingerprint)
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("r0.png")
                .hasMessageContaining("vanished");
    }
}
