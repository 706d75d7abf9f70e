package org.deepfakeedge.compress.prune;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.model.Layer;
import org.deepfakeedge.model.ModelSpec;
import org.deepfakeedge.model.Tensor;
import org.deepfakeedge.model.Weights;

/**
 * L1 (magnitude) unstructured pruning, as the paper's {@code torch.nn.utils.prune.l1_unstructured}.
 *
 * <p>Only the weight tensors of convolution and linear layers are pruned; biases and BatchNorm are
 * untouched. <b>Local</b> scope (the paper's): in every such tensor of n weights, the {@code
 * round(amount·n)} weights of smallest |w| are zeroed, amount = 1 − keep. <b>Global</b> scope: the
 * {@code round(amount·N)} smallest |w| over all N such weights are zeroed, so layers lose different
 * fractions. Ties in |w| are broken by position, so the result is deterministic. Use it to shrink a
 * model's storage (with the sparse weights file) at the cost of accuracy; fine-tune afterwards with
 * the returned masks to recover it. Stateless and thread-safe.
 */
public final class MagnitudePruner {
    private MagnitudePruner() {}

    /** Returns the names of the prunable tensors: conv and linear weights, in spec order. */
    public static List<String> prunableTensors(ModelSpec spec) {
        List<String> out = new ArrayList<>();
        for (Layer l : spec.layers()) {
            if (l instanceof Layer.Conv || l instanceof Layer.Linear) {
                out.add(l.name() + ".weight");
            }
        }
        return out;
    }

    /**
     * Prunes a copy of {@code weights}.
     *
     * @param keep fraction of each tensor (local) or of all prunable weights (global) kept, in
     *     (0,1]
     * @param global global instead of local scope
     * @return the pruned weights and the 0/1 masks of the pruned tensors
     */
    public static PruneResult prune(ModelSpec spec, Weights weights, double keep, boolean global) {
        if (!(keep > 0 && keep <= 1)) {
            throw new InvalidInputException("--keep must be in (0,1], found " + keep);
        }
        double amount = 1 - keep;
        Weights out = weights.copy();
        List<String> names = prunableTensors(spec);
        Map<String, Tensor> masks = new LinkedHashMap<>();
        for (String n : names) {
            masks.put(n, Tensor.filled(1f, out.get(n).shape()));
        }
        if (global) {
            long total = names.stream().mapToLong(n -> out.get(n).size()).sum();
            if (total > Integer.MAX_VALUE) {
                throw new InvalidInputException(
                        "global pruning supports up to 2^31 weights, found " + total);
            }
            long[] keys = new long[(int) total];
            int k = 0;
            for (String n : names) {
                for (float v : out.get(n).data()) {
                    keys[k] = key(v, k);
                    k++;
                }
            }
            Arrays.sort(keys);
            int zero = (int) Math.round(amount * total);
            int[] starts = new int[names.size() + 1];
            for (int i = 0; i < names.size(); i++) {
                starts[i + 1] = starts[i] + out.get(names.get(i)).size();
            }
            for (int j = 0; j < zero; j++) {
                int g = (int) (keys[j] & 0xffffffffL);
                int t = Arrays.binarySearch(starts, g);
                t = t >= 0 ? t : -t - 2;
                String n = names.get(t);
                out.get(n).data()[g - starts[t]] = 0f;
                masks.get(n).data()[g - starts[t]] = 0f;
            }
        } else {
            for (String n : names) {
                float[] d = out.get(n).data();
                long[] keys = new long[d.length];
                for (int i = 0; i < d.length; i++) {
                    keys[i] = key(d[i], i);
                }
                Arrays.sort(keys);
                int zero = (int) Math.round(amount * d.length);
                float[] m = masks.get(n).data();
                for (int j = 0; j < zero; j++) {
                    int i = (int) (keys[j] & 0xffffffffL);
                    d[i] = 0f;
                    m[i] = 0f;
                }
            }
        }
        return new PruneResult(spec, out, masks);
    }

    /** Sort key: |v|'s float bits (monotone for non-negative floats) then position. */
    private static long key(float v, int index) {
        return ((long) Float.floatToIntBits(Math.abs(v)) << 32) | (index & 0xffffffffL);
    }
}
