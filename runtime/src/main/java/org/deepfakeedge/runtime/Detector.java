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
     * Returns the runtime {@code auto} resolves to: {@code onnx} for {@code .onnx}/{@code .ort}
     * files and for model folders whose layers ONNX Runtime runs exactly (the faster runtime),
     * {@code djl} for folders with dynamic-linear INT8 layers.
     */
    static String resolveRuntime(Path model, String runtime) {
        if (!"auto".equals(runtime)) {
            return runtime;
        }
        String name = model.getFileName() == null ? "" : model.getFileName().toString();
        if (name.endsWith(".onnx") || name.endsWith(".ort")) {
            return "onnx";
        }
        Path manifest = model.resolve("model.json");
        if (!java.nio.file.Files.isRegularFile(manifest)) {
            return java.nio.file.Files.isRegularFile(model.resolve(OrtDetector.DEFAULT_FILE))
                    ? "onnx"
                    : "djl";
        }
        try {
            var m =
                    org.deepfakeedge.provenance.Json.MAPPER.readValue(
                            manifest.toFile(), org.deepfakeedge.artifact.ArtifactManifest.class);
            return preferredRuntime(m.spec());
        } catch (java.io.IOException | RuntimeException e) {
            return "djl"; // the djl runtime reports what is wrong with the folder
        }
    }

    /**
     * The faster runtime for a spec: ONNX Runtime (measured 2–15× faster than DJL at batch 1 on 2
     * cores), except for the paper's dynamic-linear INT8 layers, whose per-row dynamic activation
     * quantization only the DJL runtime reproduces.
     */
    static String preferredRuntime(org.deepfakeedge.model.ModelSpec spec) {
        boolean dynamicQuant =
                spec.layers().stream()
                        .anyMatch(
                                l -> l instanceof org.deepfakeedge.model.Layer.DynamicQuantLinear);
        return dynamicQuant ? "djl" : "onnx";
    }

    /** Runs an artifact already in memory on its preferred runtime. */
    static Detector forArtifact(org.deepfakeedge.artifact.ModelArtifact artifact, int threads) {
        String runtime = preferredRuntime(artifact.manifest().spec());
        return runtime.equals("onnx")
                ? OrtDetector.of(artifact, threads)
                : provider(runtime, artifact.dir()).of(artifact, threads);
    }

    /**
     * Returns the registered {@link DetectorProvider} of {@code runtime}.
     *
     * @throws org.deepfakeedge.InvalidInputException if none is on the classpath
     */
    private static DetectorProvider provider(String runtime, Path model) {
        for (DetectorProvider p : java.util.ServiceLoader.load(DetectorProvider.class)) {
            if (p.runtime().equals(runtime)) {
                return p;
            }
        }
        throw new org.deepfakeedge.InvalidInputException(
                model
                        + " needs the "
                        + runtime
                        + " runtime (its"
                        + " dynamic-linear INT8 layers or a model folder without model.onnx), which is not on the"
                        + " classpath: add the deepfake-edge-train module, or export the model to ONNX"
                        + " (deepfake-edge export) and load the .onnx file");
    }

    /**
     * Loads a model with the named runtime.
     *
     * @param model a model artifact directory for {@code djl}; an exported {@code .onnx} file (or a
     *     directory holding {@code model.onnx}) for {@code onnx}
     * @param runtime {@code auto}, {@code djl} or {@code onnx}
     * @throws org.deepfakeedge.InvalidInputException for an unknown runtime
     */
    static Detector load(Path model, String runtime) {
        return load(model, runtime, 0);
    }

    /**
     * Loads a model with the named runtime on {@code threads} CPU threads: ONNX Runtime's intra-op
     * threads, or the threads libtorch starts with (process-wide: the first DJL model of a process
     * decides them).
     *
     * @param threads CPU threads, 0 for all cores
     * @see #load(Path, String)
     */
    static Detector load(Path model, String runtime, int threads) {
        if (threads < 0) {
            throw new org.deepfakeedge.InvalidInputException(
                    "--threads must be >= 0, found " + threads);
        }
        return switch (resolveRuntime(model, runtime)) {
            case "djl" -> provider("djl", model).load(model, threads);
            case "onnx" ->
                    java.nio.file.Files.isRegularFile(model.resolve("model.json"))
                            ? OrtDetector.of(
                                    org.deepfakeedge.artifact.ModelArtifact.load(model), threads)
                            : OrtDetector.load(model, threads);
            default ->
                    throw new org.deepfakeedge.InvalidInputException(
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

    /** Returns the CPU threads the model runs on (intra-op threads of its runtime). */
    int threads();

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
