package org.deepfakeedge.runtime;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.artifact.ArtifactManifest;
import org.deepfakeedge.artifact.Preprocessors;
import org.deepfakeedge.data.BadImageException;
import org.deepfakeedge.data.ImageDecoder;
import org.deepfakeedge.data.ImagePreprocessor;

/**
 * The runtime-independent half of a {@link Detector}: decoding, preprocessing exactly as the model
 * was trained, batching, turning logits into p_fake (softmax) and scores into verdicts at the
 * model's threshold. Subclasses supply the {@link #logits} with the model's temperature applied.
 * Thread-safe if {@link #logits} is.
 */
public abstract class AbstractDetector implements Detector {
    private static final int BATCH = 32;
    private final ArtifactManifest manifest;
    private final ImagePreprocessor preprocessor;

    protected AbstractDetector(ArtifactManifest manifest) {
        this.manifest = manifest;
        this.preprocessor = Preprocessors.of(manifest.preprocessing());
    }

    @Override
    public ArtifactManifest manifest() {
        return manifest;
    }

    /**
     * Returns the (N, classes) logits, row by row, of {@code n} images packed as N·C·H·W floats,
     * divided by the manifest's temperature ({@link ArtifactManifest#appliedTemperature()}).
     */
    public abstract float[] logits(float[] batch, int n);

    @Override
    public Scorer scorer() {
        return (x, n) -> Scorer.softmaxClass1(logits(x, n), n);
    }

    @Override
    public Scorer logitScorer() {
        return (x, n) -> Scorer.logitDifference(logits(x, n), n);
    }

    @Override
    public Detection detect(BufferedImage image) {
        return detectAll(List.of(image)).get(0);
    }

    @Override
    public Detection detect(Path imageFile) {
        try {
            return detect(ImageDecoder.read(imageFile));
        } catch (BadImageException e) {
            throw new InvalidInputException(
                    "cannot read image " + imageFile + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<Detection> detectAll(List<BufferedImage> images) {
        List<Detection> out = new ArrayList<>(images.size());
        int per = preprocessor.tensorLength();
        for (int start = 0; start < images.size(); start += BATCH) {
            int n = Math.min(BATCH, images.size() - start);
            float[] x = new float[n * per];
            for (int i = 0; i < n; i++) {
                preprocessor.toChw(preprocessor.resizeToRgb(images.get(start + i)), x, i * per);
            }
            double t = manifest.threshold();
            for (float p : scorer().scores(x, n)) {
                out.add(new Detection(p, manifest.classNames().get(p >= t ? 1 : 0), t));
            }
        }
        return out;
    }
}
