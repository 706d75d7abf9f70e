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
import org.deepfakeedge.video.VideoFixtures;

/** A small exported model and the runtime module's face photos. */
public final class ScanFixtures {
    private ScanFixtures() {}

    /** student-10 at 32 px, seeded weights, exported to {@code dir/model.onnx}. */
    public static Path onnxModel(Path dir, long seed) {
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

    /**
     * A folder of two photos (one with faces, one without), a 20-frame H.264 video and bad files
     * (corrupt, audio only, empty, zero frames, broken JPEG), named {@code a_} to {@code h_} in
     * scan order, plus a text file the walk passes over.
     */
    public static Path mediaFolder(Path dir) throws IOException {
        photo("astronaut.jpg", dir.resolve("a_astronaut.jpg"));
        photo("coffee.jpg", dir.resolve("b_coffee.jpg"));
        VideoFixtures.write(
                dir.resolve("c_clip.mp4"),
                VideoFixtures.Spec.of("mp4", "libopenh264").withFrames(20));
        VideoFixtures.writeGarbage(dir.resolve("d_corrupt.mp4"), 5000, 1);
        VideoFixtures.writeAudioOnly(dir.resolve("e_audio.m4a"), "mp4", "aac", 0.5);
        Files.write(dir.resolve("f_empty.mp4"), new byte[0]);
        VideoFixtures.write(
                dir.resolve("g_zero.mp4"),
                VideoFixtures.Spec.of("mp4", "libopenh264").withFrames(0));
        Files.writeString(dir.resolve("h_broken.jpg"), "not a jpeg");
        Files.writeString(dir.resolve("notes.txt"), "passed over");
        return dir;
    }

    /** Copies {@code photos/NAME} of the runtime's test resources to {@code target}. */
    public static Path photo(String name, Path target) {
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
