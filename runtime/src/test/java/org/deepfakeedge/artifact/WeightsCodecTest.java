package org.deepfakeedge.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deepfakeedge.ArtifactException;
import org.deepfakeedge.model.ModelSpec;
import org.deepfakeedge.model.ModelZoo;
import org.deepfakeedge.model.Tensor;
import org.deepfakeedge.model.WeightInit;
import org.deepfakeedge.model.Weights;
import org.deepfakeedge.provenance.Provenance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightsCodecTest {

    private static byte[] encode(Weights w) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WeightsCodec.write(w, out);
        return out.toByteArray();
    }

    @Test
    void dense_round_trip_is_bit_exact() throws Exception {
        Weights w = WeightInit.pytorchDefault(ModelZoo.build("student-10", 64), 1);
        Weights back = WeightsCodec.read(new ByteArrayInputStream(encode(w)), "mem");
        assertThat(back.keys()).isEqualTo(w.keys());
        for (String k : w.keys()) {
            assertThat(back.get(k).sameAs(w.get(k))).as(k).isTrue();
        }
    }

    @Test
    void sparse_tensors_are_stored_smaller_and_reload_identically() throws Exception {
        Tensor dense = Tensor.zeros(100, 100);
        for (int i = 0; i < dense.size(); i += 10) {
            dense.data()[i] = i * 0.5f - 3f; // 10% non-zero
        }
        Weights w = new Weights().put("fc.weight", dense);
        byte[] bytes = encode(w);
        // bitmap 1250 bytes + 1000 floats: ~13% of the 40,000 dense bytes
        assertThat(bytes.length).isLessThan(6000);
        assertThat(
                        WeightsCodec.read(new ByteArrayInputStream(bytes), "mem")
                                .get("fc.weight")
                                .sameAs(dense))
                .isTrue();
    }

    @Test
    void truncated_and_foreign_files_fail_clearly() throws Exception {
        byte[] bytes = encode(new Weights().put("a.weight", Tensor.filled(1f, 4, 4)));
        byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 5);
        assertThatThrownBy(() -> WeightsCodec.read(new ByteArrayInputStream(cut), "w.bin"))
                .isInstanceOf(ArtifactException.class)
                .hasMessageContaining("w.bin is truncated");
        assertThatThrownBy(
                        () ->
                                WeightsCodec.read(
                                        new ByteArrayInputStream("hello world!".getBytes()),
                                        "x.bin"))
                .hasMessageContaining("not a deepfake-edge weights file");
    }

    @Test
    void artifact_save_load_verifies_checksum(@TempDir Path dir) throws Exception {
        ModelSpec spec = ModelZoo.build("student-10", 32);
        Weights w = WeightInit.pytorchDefault(spec, 7);
        ArtifactManifest m =
                new ArtifactManifest(
                        ArtifactManifest.SCHEMA_VERSION,
                        "trained",
                        spec,
                        Preprocessing.defaults(32),
                        List.of("real", "fake"),
                        0.4,
                        List.of(),
                        null,
                        new Provenance(null, null, null, 7L, null, null, null));
        ModelArtifact saved = ModelArtifact.save(dir, m, w);
        ModelArtifact back = ModelArtifact.load(dir);
        assertThat(back.manifest()).isEqualTo(saved.manifest());
        assertThat(back.manifest().threshold()).isEqualTo(0.4);
        assertThat(back.weights().get("fc1.weight").sameAs(w.get("fc1.weight"))).isTrue();
        assertThat(back.bytesOnDisk()).isGreaterThan(saved.manifest().weights().bytes());
        // atomic writes go through temp files, which start owner-only: the artifact must not stay
        // so
        assertThat(Files.getPosixFilePermissions(dir.resolve("model.json")))
                .contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ);

        byte[] raw = Files.readAllBytes(dir.resolve("weights.bin"));
        raw[raw.length - 1] ^= 1;
        Files.write(dir.resolve("weights.bin"), raw);
        assertThatThrownBy(() -> ModelArtifact.load(dir))
                .isInstanceOf(ArtifactException.class)
                .hasMessageContaining("fails its checksum");
        assertThatThrownBy(() -> ModelArtifact.load(dir.resolve("nope")))
                .hasMessageContaining("does not exist");
    }
}
