package org.deepfakeedge.runtime;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.deepfakeedge.artifact.ArtifactManifest;

/**
 * A loaded DeepFake detector: images in, verdicts out.
 *
 * <pre>{@code
 * try (Detector d = Detector.load(Path.of("runs/teacher"))) {
 *     Detection r = d.detect(Path.of("photo.jpg"));
 *     System.out.println(r.label() + " " + r.pFake());
 * }
 * }</pre>
 *
 * <p>Implementations are thread-safe (calls are serialised where the engine requires it) and hold
 * native memory: close them.
 */
public interface Detector extends AutoCloseable {

    /** Loads the model artifact in {@code modelDir} with the default runtime. */
    static Detector load(Path model) {
        return load(model, "auto");
    }

    /**
     * Returns the runtime {@code auto} resolves to: {@code onnx} for an {@code .onnx} file or a
     * folder with {@code model.onnx} but no {@code model.json}, {@code djl} otherwise.
     */
    static String resolveRuntime(Path model, String runtime) {
        if (!"auto".equals(runtime)) {
            return runtime;
        }
        boolean onnxFile = model.getFileName() != null && (model.getFileName().toString().endsWith(".onnx")
                || model.getFileName().toString().endsWith(".ort"));
        boolean onnxDir = java.nio.file.Files.isDirectory(model)
                && java.nio.file.Files.isRegularFile(model.resolve(OrtDetector.DEFAULT_FILE))
                && !java.nio.file.Files.isRegularFile(model.resolve("model.json"));
        return onnxFile || onnxDir ? "onnx" : "djl";
    }

    /**
     * Loads a model with the named runtime.
     *
     * @param model a model artifact directory for {@code djl}; an exported {@code .onnx} file (or
     *     a directory holding {@code model.onnx}) for {@code onnx}
     * @param runtime {@code auto}, {@code djl} or {@code onnx}
     * @throws org.deepfakeedge.InvalidInputException for an unknown runtime
     */
    static Detector load(Path model, String runtime) {
        return switch (resolveRuntime(model, runtime)) {
            case "djl" -> DjlDetector.load(model);
            case "onnx" -> OrtDetector.load(model);
            default -> throw new org.deepfakeedge.InvalidInputException(
                    "--runtime must be auto, djl or onnx, found '" + runtime + "'");
        };
    }

    /** Returns the manifest of the loaded model (spec, threshold, class names, lineage). */
    ArtifactManifest manifest();

    /** Judges one decoded image (any size; it is resized as the model was trained). */
    Detection detect(BufferedImage image);

    /**
     * Reads and judges an image file.
     *
     * @throws org.deepfakeedge.InvalidInputException if the file cannot be decoded
     */
    Detection detect(Path imageFile);

    /** Judges several images in batches. */
    List<Detection> detectAll(List<BufferedImage> images);

    /** Returns the scorer over preprocessed batches (for evaluation). */
    Scorer scorer();

    /** Returns the name of the runtime (djl, onnx). */
    String runtime();

    /** Returns the trainable parameters of the loaded model. */
    default long parameters() {
        return manifest().spec().parameterCount();
    }

    /** Returns the non-zero trainable parameters of the loaded model. */
    long nonZeroParameters();

    /** Returns the bytes on disk of what was loaded. */
    long bytesOnDisk();

    /** Returns where the model was loaded from. */
    Path source();

    @Override
    void close();
}
