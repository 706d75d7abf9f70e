package org.deepfakeedge.runtime;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.artifact.ArtifactManifest;
import org.deepfakeedge.artifact.ModelArtifact;
import org.deepfakeedge.data.BadImageException;
import org.deepfakeedge.data.ImageDecoder;
import org.deepfakeedge.data.ImagePreprocessor;
import org.deepfakeedge.engine.DjlNetwork;

/** A {@link Detector} running on DJL's PyTorch engine. Thread-safe: calls are serialised. */
public final class DjlDetector implements Detector {
    private static final int BATCH = 32;
    private final ArtifactManifest manifest;
    private final DjlNetwork network;
    private final ImagePreprocessor preprocessor;
    private final ModelArtifact artifact;

    private DjlDetector(ModelArtifact artifact, DjlNetwork network) {
        this.artifact = artifact;
        this.manifest = artifact.manifest();
        this.network = network;
        this.preprocessor = Preprocessors.of(manifest.preprocessing());
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
    public ArtifactManifest manifest() {
        return manifest;
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
            throw new InvalidInputException("cannot read image " + imageFile + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<Detection> detectAll(List<BufferedImage> images) {
        List<Detection> out = new ArrayList<>(images.size());
        int size = manifest.spec().imageSize();
        int per = manifest.spec().inChannels() * size * size;
        for (int start = 0; start < images.size(); start += BATCH) {
            int n = Math.min(BATCH, images.size() - start);
            float[] x = new float[n * per];
            for (int i = 0; i < n; i++) {
                preprocessor.toChw(preprocessor.resizeToRgb(images.get(start + i)), x, i * per);
            }
            for (float p : scorer().scores(x, n)) {
                out.add(verdict(p));
            }
        }
        return out;
    }

    @Override
    public Scorer scorer() {
        return (x, n) -> {
            synchronized (network) {
                return Scorer.softmaxClass1(network.logits(x, n), n);
            }
        };
    }

    @Override
    public String runtime() {
        return "djl";
    }

    Detection verdict(double p) {
        double t = manifest.threshold();
        return new Detection(p, manifest.classNames().get(p >= t ? 1 : 0), t);
    }

    @Override
    public void close() {
        synchronized (network) {
            network.close();
        }
    }
}
