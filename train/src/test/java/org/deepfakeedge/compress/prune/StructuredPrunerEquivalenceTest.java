package org.deepfakeedge.compress.prune;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.deepfakeedge.engine.DjlNetwork;
import org.deepfakeedge.model.Layer;
import org.deepfakeedge.model.ModelSpec;
import org.deepfakeedge.model.ModelZoo;
import org.deepfakeedge.model.Tensor;
import org.deepfakeedge.model.WeightInit;
import org.deepfakeedge.model.Weights;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pruned model computes exactly what the dense model computes when the removed filters and
 * neurons are silenced ("masked dense"), in DJL inference mode (BatchNorm on running statistics).
 */
@Tag("engine")
class StructuredPrunerEquivalenceTest {
    private static final Logger LOG =
            LoggerFactory.getLogger(StructuredPrunerEquivalenceTest.class);
    private static final int BATCH = 3;
    private static final double KEEP = 0.5;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"teacher", "student-10"})
    void pruned_model_matches_the_masked_dense_model(String arch) {
        ModelSpec spec = ModelZoo.build(arch, 64);
        Weights w = withRandomBatchNorm(spec, WeightInit.pytorchDefault(spec, 21), 22);
        StructuredPruneResult r = StructuredPruner.prune(spec, w, KEEP);
        Weights masked = masked(spec, w, r);

        SplittableRandom rnd = new SplittableRandom(23);
        float[] x = new float[BATCH * 3 * 64 * 64];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        float[] dense;
        float[] silenced;
        float[] pruned;
        try (DjlNetwork a = DjlNetwork.create(spec, w);
                DjlNetwork b = DjlNetwork.create(spec, masked);
                DjlNetwork c = DjlNetwork.create(r.spec(), r.weights())) {
            dense = a.logits(x, BATCH);
            silenced = b.logits(x, BATCH);
            pruned = c.logits(x, BATCH);
        }
        assertThat(pruned).hasSize(BATCH * 2);
        double diff = maxAbsDiff(silenced, pruned);
        double change = maxAbsDiff(dense, pruned);
        double spread =
                maxAbsDiff(Arrays.copyOfRange(pruned, 0, 2), Arrays.copyOfRange(pruned, 2, 4));
        LOG.info(
                "{} keep {}: max |masked - pruned| = {}, max |dense - pruned| = {}, "
                        + "logit change between two inputs = {}",
                arch,
                KEEP,
                diff,
                change,
                spread);
        assertThat(diff).as("max |masked dense - pruned| logit").isLessThan(1e-4);
        // not vacuous: the removed filters did matter, and the logits do depend on the input
        assertThat(change).as("max |dense - pruned| logit").isGreaterThan(1e-2);
        assertThat(spread).as("logit change between two inputs").isGreaterThan(1e-3);
    }

    /**
     * γ, β, running mean and running variance (> 0) drawn at random, so that BN is not identity.
     */
    static Weights withRandomBatchNorm(ModelSpec spec, Weights w, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        for (Layer l : spec.layers()) {
            if (l instanceof Layer.BatchNorm) {
                fill(w.get(l.name() + ".gamma"), rnd, 0.5, 1.5);
                fill(w.get(l.name() + ".beta"), rnd, -0.1, 0.1);
                fill(w.get(l.name() + ".running_mean"), rnd, -0.1, 0.1);
                fill(w.get(l.name() + ".running_var"), rnd, 0.03, 0.2);
            }
        }
        return w;
    }

    private static void fill(Tensor t, SplittableRandom rnd, double lo, double hi) {
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) rnd.nextDouble(lo, hi);
        }
    }

    /**
     * The original weights with every removed filter / neuron silenced: weight row and bias zeroed,
     * and γ = β = 0 in the BatchNorm layers up to its reader (with running statistics a zero
     * channel comes out of BN as β − γ·mean/√(var+ε), zero only if γ = β = 0).
     */
    static Weights masked(ModelSpec spec, Weights w, StructuredPruneResult r) {
        Weights m = w.copy();
        List<Layer> layers = spec.layers();
        for (int i = 0; i < layers.size(); i++) {
            String name = layers.get(i).name();
            Integer kept = r.keptPerLayer().get(name);
            if (kept == null) {
                continue;
            }
            Tensor weight = m.get(name + ".weight");
            int rows = weight.shape()[0];
            int len = weight.size() / rows;
            int[] removed = L1Reference.removedRows(rows, L1Reference.keptRows(weight, kept));
            assertThat(removed).hasSize(rows - kept);
            for (int row : removed) {
                Arrays.fill(weight.data(), row * len, (row + 1) * len, 0f);
                Tensor bias = m.find(name + ".bias");
                if (bias != null) {
                    bias.data()[row] = 0f;
                }
                for (int j = i + 1; j < layers.size(); j++) {
                    Layer next = layers.get(j);
                    if (next instanceof Layer.Conv || next instanceof Layer.Linear) {
                        break;
                    }
                    if (next instanceof Layer.BatchNorm) {
                        m.get(next.name() + ".gamma").data()[row] = 0f;
                        m.get(next.name() + ".beta").data()[row] = 0f;
                    }
                }
            }
        }
        return m;
    }

    private static double maxAbsDiff(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs((double) a[i] - b[i]));
        }
        return max;
    }
}
