package org.deepfakeedge.export;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.deepfakeedge.artifact.ArtifactManifest;
import org.deepfakeedge.artifact.ModelArtifact;
import org.deepfakeedge.artifact.Preprocessing;
import org.deepfakeedge.model.Layer;
import org.deepfakeedge.model.ModelSpec;
import org.deepfakeedge.model.WeightInit;
import org.deepfakeedge.model.Weights;
import org.deepfakeedge.provenance.Provenance;

/** Models for export tests, shared with the train module's tests (runtime's test jar). */
public final class ExportFixtures {
    private static final float LOGIT_SCALE = 50f;

    private ExportFixtures() {}

    public static ModelArtifact artifact(ModelSpec spec, Weights w, Path dir) {
        return new ModelArtifact(dir, manifest(spec), w);
    }

    public static ArtifactManifest manifest(ModelSpec spec) {
        return new ArtifactManifest(
                ArtifactManifest.SCHEMA_VERSION,
                "trained",
                spec,
                Preprocessing.defaults(spec.imageSize()),
                List.of("real", "fake"),
                0.4,
                List.of(),
                new ArtifactManifest.WeightsInfo("weights.bin", 123, "ab12"),
                new Provenance(null, null, null, 7L, null, null, "test"));
    }

    /** Weights with non-trivial BatchNorm parameters and statistics (var > 0). */
    public static Weights weights(ModelSpec spec, long seed) {
        Weights w = WeightInit.pytorchDefault(spec, seed);
        SplittableRandom r = new SplittableRandom(seed + 1);
        for (String k : w.keys()) {
            float[] d = w.get(k).data();
            for (int i = 0; i < d.length; i++) {
                if (k.endsWith(".running_var")) {
                    d[i] = (float) (0.2 + r.nextDouble() * 1.5);
                } else if (k.endsWith(".running_mean") || k.endsWith(".beta")) {
                    d[i] = (float) (r.nextDouble() * 0.4 - 0.2);
                } else if (k.endsWith(".gamma")) {
                    d[i] = (float) (0.5 + r.nextDouble());
                }
            }
        }
        // default init gives logits of ~0.05, where a 1e-3 tolerance would be weak: scale the
        // output layer so logits are O(1)
        Layer last = spec.layers().get(spec.layers().size() - 1);
        for (String k : w.keys()) {
            if (k.startsWith(last.name() + ".")) {
                float[] d = w.get(k).data();
                for (int i = 0; i < d.length; i++) {
                    d[i] *= LOGIT_SCALE;
                }
            }
        }
        return w;
    }

    public static ModelSpec withAdapter(ModelSpec spec) {
        List<ModelSpec.Shape> shapes = spec.shapes();
        int at = -1;
        for (int i = 0; i < spec.layers().size() && at < 0; i++) {
            if (spec.layers().get(i) instanceof Layer.Relu && !shapes.get(i + 1).isFlat()) {
                at = i + 1;
            }
        }
        int pos = at;
        int c = shapes.get(at).c();
        return spec.withLayers(
                ls -> {
                    ls.add(pos, new Layer.Adapter("adapter", c));
                    return ls;
                });
    }

    public static ModelSpec factorized(ModelSpec spec) {
        return spec.withLayers(
                ls -> {
                    List<Layer> out = new ArrayList<>();
                    for (Layer l : ls) {
                        if (l instanceof Layer.Linear f && f.name().equals("fc1")) {
                            out.add(new Layer.Linear("fc1_v", f.in(), 16, false));
                            out.add(new Layer.Linear("fc1_u", 16, f.out(), true));
                        } else {
                            out.add(l);
                        }
                    }
                    return out;
                });
    }
}
