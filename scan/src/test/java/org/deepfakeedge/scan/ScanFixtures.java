package org.deepfakeedge.scan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.deepfakeedge.artifact.ModelArtifact;
import org.deepfakeedge.export.ExportFixtures;
import org.deepfakeedge.export.OnnxExporter;
import org.deepfakeedge.model.ModelSpec;
import org.deepfakeedge.model.ModelZoo;
import org.deepfakeedge.model.Weights;

/** A small exported model and the runtime module's face photos. */
final class ScanFixtures {
    private ScanFixtures() {}

    /** student-10 at 32 px, seeded weights, exported to {@code dir/model.onnx}. */
    static Path onnxModel(Path dir, long seed) {
        try {
            ModelSpec spec = ModelZoo.build("student-10", 32);
            Weights w = ExportFixtures.weights(spec, seed);
            ModelArtifact a =
                    ModelArtifact.save(
                            dir.resolve("artifact-" + seed), ExportFixtures.manifest(spec), w);
            Path onnx = dir.resolve("model-" + seed + ".onnx");
            Files.write(onnx, OnnxExporter.toOnnx(a.manifest(), a.weights()).bytes());
            return onnx;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies {@code photos/NAME} of the runtime's test resources to {@code target}. */
    static Path photo(String name, Path target) {
        try (InputStream in =
                ScanFixtures.class.getResourceAsStream("/org/deepfakeedge/faces/photos/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test photo " + name);
            }
            Files.createDirectories(target.getParent());
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
