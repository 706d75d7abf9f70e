package org.deepfakeedge.runtime.djl;

import java.nio.file.Path;
import org.deepfakeedge.artifact.ModelArtifact;
import org.deepfakeedge.engine.DjlNetwork;
import org.deepfakeedge.runtime.AbstractDetector;
import org.deepfakeedge.runtime.RuntimeChoice;
import org.deepfakeedge.runtime.Scorer;

/**
 * A {@link org.deepfakeedge.runtime.Detector} running on DJL's PyTorch engine; a calibrated model's
 * logits are divided by its temperature here, as its exported ONNX graph does. Thread-safe: calls
 * are serialised.
 */
public final class DjlDetector extends AbstractDetector {
    private final DjlNetwork network;
    private final ModelArtifact artifact;

    private DjlDetector(ModelArtifact artifact, DjlNetwork network) {
        super(artifact.manifest());
        this.artifact = artifact;
        this.network = network;
    }

    /** Loads and verifies the artifact, then builds its network. */
    public static DjlDetector load(Path dir) {
        ModelArtifact a = ModelArtifact.load(dir);
        return new DjlDetector(a, DjlNetwork.create(a.manifest().spec(), a.weights()));
    }

    /** Wraps an artifact already in memory. */
    public static DjlDetector of(ModelArtifact a) {
        return new DjlDetector(a, DjlNetwork.create(a.manifest().spec(), a.weights()));
    }

    @Override
    public long nonZeroParameters() {
        return artifact.weights().nonZeroParameters();
    }

    @Override
    public long bytesOnDisk() {
        return artifact.bytesOnDisk();
    }

    @Override
    public Path source() {
        return artifact.dir();
    }

    @Override
    public float[] logits(float[] batch, int n) {
        float[] raw;
        synchronized (network) {
            raw = network.logits(batch, n);
        }
        return Scorer.temperatureScaled(raw, manifest().appliedTemperature());
    }

    @Override
    public int threads() {
        return org.deepfakeedge.engine.DjlEngine.threads();
    }

    @Override
    public String runtime() {
        return RuntimeChoice.DJL.id();
    }

    @Override
    public void close() {
        synchronized (network) {
            network.close();
        }
    }
}
