package org.deepfakeedge.runtime;

import java.nio.file.Path;
import org.deepfakeedge.artifact.ModelArtifact;

/**
 * A runtime that lives outside this module, found with {@link java.util.ServiceLoader}: the DJL
 * runtime of the {@code deepfake-edge-train} module registers one, so that {@link Detector#load}
 * reaches libtorch only when that module is on the classpath and the model needs it. The runtime
 * module itself depends on ONNX Runtime only.
 */
public interface DetectorProvider {
    /** Returns the runtime this provider implements ({@link RuntimeChoice#DJL}). */
    RuntimeChoice runtime();

    /**
     * Loads a model artifact folder on {@code threads} CPU threads (0 for all cores).
     *
     * @throws org.deepfakeedge.ArtifactException if the folder is not a readable artifact
     */
    Detector load(Path model, int threads);

    /** Runs an artifact already in memory. */
    Detector of(ModelArtifact artifact, int threads);
}
