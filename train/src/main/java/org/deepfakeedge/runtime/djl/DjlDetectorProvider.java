package org.deepfakeedge.runtime.djl;

import java.nio.file.Path;
import org.deepfakeedge.artifact.ModelArtifact;
import org.deepfakeedge.engine.DjlEngine;
import org.deepfakeedge.runtime.Detector;
import org.deepfakeedge.runtime.DetectorProvider;
import org.deepfakeedge.runtime.RuntimeChoice;

/** Registers {@link DjlDetector} as the {@code djl} runtime of {@link Detector#load}. */
public final class DjlDetectorProvider implements DetectorProvider {
    @Override
    public RuntimeChoice runtime() {
        return RuntimeChoice.DJL;
    }

    @Override
    public Detector load(Path model, int threads) {
        DjlEngine.start(threads);
        return DjlDetector.load(model);
    }

    @Override
    public Detector of(ModelArtifact artifact, int threads) {
        DjlEngine.start(threads);
        return DjlDetector.of(artifact);
    }
}
