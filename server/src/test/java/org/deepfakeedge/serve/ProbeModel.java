package org.deepfakeedge.serve;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deepfakeedge.artifact.ArtifactKind;
import org.deepfakeedge.artifact.ArtifactManifest;
import org.deepfakeedge.artifact.HistoryEntry;
import org.deepfakeedge.artifact.ModelArtifact;
import org.deepfakeedge.artifact.Preprocessing;
import org.deepfakeedge.artifact.Preprocessors;
import org.deepfakeedge.data.ImagePreprocessor;
import org.deepfakeedge.data.synth.SynthSpec;
import org.deepfakeedge.data.synth.SyntheticDatasets;
import org.deepfakeedge.eval.BinaryMetrics;
import org.deepfakeedge.eval.Evaluation;
import org.deepfakeedge.eval.RocCurve;
import org.deepfakeedge.eval.ThresholdPolicy;
import org.deepfakeedge.model.Layer;
import org.deepfakeedge.model.ModelSpec;
import org.deepfakeedge.model.Tensor;
import org.deepfakeedge.model.Weights;
import org.deepfakeedge.provenance.Json;
import org.deepfakeedge.provenance.Provenance;
import org.deepfakeedge.runtime.OrtDetector;

/**
 * A small real detector for the page and explanation tests, made without an engine: a hand-built
 * probe for the built-in {@code checkerboard} generator's fingerprint, whose one free number (the
 * decision point) is fitted on the generator's training images, then evaluated on its test images
 * into a real {@code metrics.json} (ROC curve included).
 *
 * <p>The checkerboard fakes carry a period-2 pattern (energy at the Nyquist frequencies): a 2×2,
 * stride-2 convolution measures it per block for the three patterns (π, π), (π, 0) and (0, π); a
 * linear layer averages each over the image, once with each sign, and a ReLU keeps the positive
 * one, so the sum is the pattern's absolute strength. Natural images and sensor noise average out
 * to near zero. The head turns strength s into the logit difference a·(s − s0).
 */
final class ProbeModel {
    static final int SIZE = 64;

    /** The built-in data the probe is fitted and tested on (and the page test uploads). */
    static final SynthSpec DATA = new SynthSpec(SIZE, 60, 7, "checkerboard", 0.2, 0.4);

    private static final int BLOCKS = (SIZE / 2) * (SIZE / 2);

    private ProbeModel() {}

    /** Writes the artifact (model.json, weights.bin, metrics.json) into {@code dir}. */
    static Path write(Path dir) throws IOException {
        ModelSpec spec =
                new ModelSpec(
                        "checkerboard-probe",
                        SIZE,
                        3,
                        2,
                        List.of(
                                new Layer.Conv("probe", 3, 3, 2, 2, 0, 1, false),
                                new Layer.Flatten("flatten"),
                                new Layer.Linear("mean", 3 * BLOCKS, 6, false),
                                new Layer.Relu("abs"),
                                new Layer.Linear("head", 6, 2, true)));
        Preprocessing prep = Preprocessing.defaults(SIZE);
        // 1. the raw strength s (a = 1, s0 = 0) on the training images
        ModelArtifact raw = save(dir, spec, prep, weights(1, 0));
        float[] s;
        int[] labels;
        try (OrtDetector d = OrtDetector.of(raw, 1)) {
            List<BufferedImage> images = new ArrayList<>();
            labels = labels("train", images);
            s = logits(d, Preprocessors.of(prep), images);
        }
        float s0 = (float) ThresholdPolicy.chooseThreshold(s, labels);
        float a = 3f / Math.max(1e-6f, s0); // p_fake = sigmoid(3) at twice the decision point
        // 2. the detector: fake when s >= s0, i.e. p_fake >= 0.5
        ModelArtifact model = save(dir, spec, prep, weights(a, s0));
        try (OrtDetector d = OrtDetector.of(model, 1)) {
            List<BufferedImage> images = new ArrayList<>();
            int[] y = labels("test", images);
            float[] p = new float[images.size()];
            for (int i = 0; i < p.length; i++) {
                p[i] = (float) d.detect(images.get(i)).pFake();
            }
            Evaluation ev = BinaryMetrics.evaluate(p, y, null, 0.5);
            ObjectNode m = Json.MAPPER.valueToTree(ev);
            m.put("split", "test");
            RocCurve roc = RocCurve.compute(p, y);
            ObjectNode curve = m.putObject("roc_curve");
            var fpr = curve.putArray("fpr");
            var tpr = curve.putArray("tpr");
            for (double[] pt : roc.downsampled(201)) {
                fpr.add(pt[0]);
                tpr.add(pt[1]);
            }
            m.put("data", "/not/for/clients"); // a server path: /v1/models must not show it
            Json.write(dir.resolve(ModelArtifact.METRICS), m);
        }
        return dir;
    }

    /** A test image of the built-in data: label 0 real, 1 fake. */
    static BufferedImage image(String split, int label, int index) {
        return SyntheticDatasets.render(DATA, split, label, index);
    }

    private static int[] labels(String split, List<BufferedImage> out) {
        int n = DATA.countPerClass(split);
        int[] y = new int[2 * n];
        for (int i = 0; i < n; i++) {
            out.add(image(split, 0, i));
            out.add(image(split, 1, i));
            y[2 * i + 1] = 1;
        }
        return y;
    }

    private static float[] logits(
            OrtDetector d, ImagePreprocessor prep, List<BufferedImage> images) {
        int per = prep.tensorLength();
        float[] x = new float[images.size() * per];
        for (int i = 0; i < images.size(); i++) {
            prep.toChw(prep.resizeToRgb(images.get(i)), x, i * per);
        }
        return d.logitScorer().scores(x, images.size());
    }

    private static ModelArtifact save(Path dir, ModelSpec spec, Preprocessing prep, Weights w)
            throws IOException {
        ArtifactManifest m =
                new ArtifactManifest(
                        ArtifactManifest.SCHEMA_VERSION,
                        ArtifactKind.TRAINED.id(),
                        spec,
                        prep,
                        List.of("real", "fake"),
                        0.5,
                        List.of(
                                new HistoryEntry(
                                        "hand-built",
                                        Map.of("probe", "checkerboard", "fitted_on", "train"),
                                        "2026-12-02T00:00:00Z",
                                        null,
                                        null)),
                        null,
                        Provenance.NONE);
        return ModelArtifact.save(dir, m, w);
    }

    /** The probe's weights with head a·(s − s0). */
    private static Weights weights(float a, float s0) {
        int[][][] kernels = {
            {{1, -1}, {-1, 1}}, // (π, π)
            {{1, -1}, {1, -1}}, // (π, 0): columns alternate
            {{1, 1}, {-1, -1}} // (0, π): rows alternate
        };
        float[] conv = new float[3 * 3 * 2 * 2];
        for (int o = 0; o < 3; o++) {
            for (int c = 0; c < 3; c++) {
                for (int ky = 0; ky < 2; ky++) {
                    for (int kx = 0; kx < 2; kx++) {
                        conv[((o * 3 + c) * 2 + ky) * 2 + kx] = kernels[o][ky][kx] / 12f;
                    }
                }
            }
        }
        float[] mean = new float[6 * 3 * BLOCKS];
        for (int o = 0; o < 3; o++) {
            for (int b = 0; b < BLOCKS; b++) {
                mean[(2 * o) * 3 * BLOCKS + o * BLOCKS + b] = 1f / BLOCKS;
                mean[(2 * o + 1) * 3 * BLOCKS + o * BLOCKS + b] = -1f / BLOCKS;
            }
        }
        float[] head = new float[2 * 6];
        for (int i = 0; i < 6; i++) {
            head[6 + i] = a; // row 1 is the fake logit; row 0 (real) stays 0
        }
        return new Weights()
                .put("probe.weight", new Tensor(new int[] {3, 3, 2, 2}, conv))
                .put("mean.weight", new Tensor(new int[] {6, 3 * BLOCKS}, mean))
                .put("head.weight", new Tensor(new int[] {2, 6}, head))
                .put("head.bias", new Tensor(new int[] {2}, new float[] {0, -a * s0}));
    }
}
