package org.deepfakeedge.runtime.djl;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.deepfakeedge.artifact.ModelArtifact;
import org.deepfakeedge.artifact.Preprocessors;
import org.deepfakeedge.engine.DjlNetwork;
import org.deepfakeedge.engine.GradCam;
import org.deepfakeedge.explain.Heatmap;
import org.deepfakeedge.runtime.AbstractDetector;
import org.deepfakeedge.runtime.RuntimeChoice;
import org.deepfakeedge.runtime.Scorer;

/**
 * A {@link org.deepfakeedge.runtime.Detector} running on DJL's PyTorch engine; a calibrated model's
 * logits are divided by its temperature here, as its exported ONNX graph does. {@link #explain}
 * answers with Grad-CAM. Thread-safe: calls are serialised.
 */
public final class DjlDetector extends AbstractDetector {
    private final DjlNetwork network;
    private final ModelArtifact artifact;
    private final GradCam gradCam;

    private DjlDetector(ModelArtifact artifact, DjlNetwork network) {
        super(artifact.manifest());
        this.artifact = artifact;
        this.network = network;
        this.gradCam = GradCam.supports(network.spec()) ? new GradCam(network) : null;
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

    /**
     * Returns the Grad-CAM map of the fake logit at the last convolution block ({@link GradCam}):
     * one forward pass ({@link Heatmap#forwardPasses()} 1; the backward pass through the layers
     * after that block is not counted). A model without a convolution layer gets the occlusion map
     * of {@link org.deepfakeedge.runtime.Detector#explain}. The network's state does not change: a
     * detect after an explain gives the same result. Thread-safe.
     */
    @Override
    public Heatmap explain(BufferedImage image) {
        if (gradCam == null) {
            return super.explain(image);
        }
        return gradCam.heatmap(Preprocessors.of(manifest().preprocessing()).toTensor(image));
    }

    /** Returns the Grad-CAM of this model's network, or null if it has no convolution layer. */
    public GradCam gradCam() {
        return gradCam;
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
