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

    /** Loads a model on the runtime {@code auto} chooses, on all cores. */
    static Detector load(Path model) {
        return load(model, RuntimeChoice.AUTO, 0);
    }

    /**
     * Loads a model on {@code runtime} and {@code threads} CPU threads: ONNX Runtime's intra-op
     * threads, or the threads libtorch starts with (process-wide: the first DJL model of a process
     * decides them).
     *
     * @param model an exported {@code .onnx}/{@code .ort} file, a directory holding {@code
     *     model.onnx}, or a model artifact folder (run on ONNX Runtime by exporting it in memory,
     *     or on DJL)
     * @param runtime the runtime; {@link RuntimeChoice#AUTO} as {@link #resolveRuntime} says
     * @param threads CPU threads, 0 for all cores
     * @throws org.deepfakeedge.InvalidInputException for negative threads, or a model that needs
     *     the DJL runtime where it is not on the classpath
     */
    static Detector load(Path model, RuntimeChoice runtime, int threads) {
        if (threads < 0) {
            throw new org.deepfakeedge.InvalidInputException(
                    "--threads must be >= 0, found " + threads);
        }
        return switch (resolveRuntime(model, runtime)) {
            case DJL -> provider(RuntimeChoice.DJL, model).load(model, threads);
            case ONNX ->
                    java.nio.file.Files.isRegularFile(model.resolve("model.json"))
                            ? OrtDetector.of(
                                    org.deepfakeedge.artifact.ModelArtifact.load(model), threads)
                            : OrtDetector.load(model, threads);
            case AUTO -> throw new IllegalStateException("resolveRuntime never answers auto");
        };
    }

    /**
     * Returns the runtime {@code runtime} resolves to for {@code model}: itself unless {@code
     * auto}; for {@code auto} ONNX Runtime for {@code .onnx}/{@code .ort} files and for model
     * folders whose layers ONNX Runtime runs exactly (the faster runtime), DJL for folders with
     * dynamic-linear INT8 layers.
     */
    static RuntimeChoice resolveRuntime(Path model, RuntimeChoice runtime) {
        if (runtime != RuntimeChoice.AUTO) {
            return runtime;
        }
        String name = model.getFileName() == null ? "" : model.getFileName().toString();
        if (name.endsWith(".onnx") || name.endsWith(".ort")) {
            return RuntimeChoice.ONNX;
        }
        Path manifest = model.resolve("model.json");
        if (!java.nio.file.Files.isRegularFile(manifest)) {
            return java.nio.file.Files.isRegularFile(model.resolve(OrtDetector.DEFAULT_FILE))
                    ? RuntimeChoice.ONNX
                    : RuntimeChoice.DJL;
        }
        try {
            var m =
                    org.deepfakeedge.provenance.Json.MAPPER.readValue(
                            manifest.toFile(), org.deepfakeedge.artifact.ArtifactManifest.class);
            return preferredRuntime(m.spec());
        } catch (java.io.IOException | RuntimeException e) {
            return RuntimeChoice.DJL; // the djl runtime reports what is wrong with the folder
        }
    }

    /**
     * The faster runtime for a spec: ONNX Runtime (measured 2–15× faster than DJL at batch 1 on 2
     * cores), except for the paper's dynamic-linear INT8 layers, whose per-row dynamic activation
     * quantization only the DJL runtime reproduces.
     */
    static RuntimeChoice preferredRuntime(org.deepfakeedge.model.ModelSpec spec) {
        boolean dynamicQuant =
                spec.layers().stream()
                        .anyMatch(
                                l -> l instanceof org.deepfakeedge.model.Layer.DynamicQuantLinear);
        return dynamicQuant ? RuntimeChoice.DJL : RuntimeChoice.ONNX;
    }

    /** Runs an artifact already in memory on its preferred runtime. */
    static Detector forArtifact(org.deepfakeedge.artifact.ModelArtifact artifact, int threads) {
        RuntimeChoice runtime = preferredRuntime(artifact.manifest().spec());
        return runtime == RuntimeChoice.ONNX
                ? OrtDetector.of(artifact, threads)
                : provider(runtime, artifact.dir()).of(artifact, threads);
    }

    /**
     * Returns the registered {@link DetectorProvider} of {@code runtime}.
     *
     * @throws org.deepfakeedge.InvalidInputException if none is on the classpath
     */
    private static DetectorProvider provider(RuntimeChoice runtime, Path model) {
        for (DetectorProvider p : java.util.ServiceLoader.load(DetectorProvider.class)) {
            if (p.runtime() == runtime) {
                return p;
            }
        }
        throw new org.deepfakeedge.InvalidInputException(
                model
                        + " needs the "
                        + runtime
                        + " runtime (its dynamic-linear INT8 layers or a model folder without"
                        + " model.onnx), which is not on the classpath: add the"
                        + " deepfake-edge-train module, or export the model to ONNX"
                        + " (deepfake-edge export) and load the .onnx file");
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

    /** Returns the scorer over preprocessed batches (for evaluation): p_fake per image. */
    Scorer scorer();

    /**
     * Returns a scorer whose value per image is the logit difference z = l_fake − l_real after the
     * model's temperature, so that p_fake = sigmoid(z): what {@code calibrate} fits a temperature
     * on (a logit, unlike a float p_fake, does not round to 0 or 1 for confident images).
     *
     * @throws UnsupportedOperationException if this detector does not expose its logits
     */
    default Scorer logitScorer() {
        throw new UnsupportedOperationException(
                getClass().getSimpleName() + " does not expose its logits");
    }

    /**
     * Returns where this model found evidence for "fake" in {@code image}: a map over the model's
     * input square (after its resize or centre crop). This default hides one region at a time
     * ({@link org.deepfakeedge.explain.OcclusionExplainer}, 50 batched forward passes) and works on
     * every runtime; the DJL runtime answers with Grad-CAM instead. Thread-safe.
     */
    default org.deepfakeedge.explain.Heatmap explain(BufferedImage image) {
        Scorer evidence;
        try {
            evidence = logitScorer();
        } catch (UnsupportedOperationException e) {
            evidence = scorer(); // p_fake saturates, but still shows the regions that matter
        }
        return new org.deepfakeedge.explain.OcclusionExplainer(
                        org.deepfakeedge.artifact.Preprocessors.of(manifest().preprocessing()),
                        evidence::scores)
                .explain(image);
    }

    /** Returns the name of the runtime ({@link RuntimeChoice#id()}: djl, onnx). */
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
