package org.deepfakeedge.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The named weight tensors of one model, keyed {@code layer.param}.
 *
 * <p>Parameter names per layer type: conv {@code weight} (out, in/groups, k, k) and {@code bias};
 * batchnorm {@code gamma}, {@code beta}, {@code running_mean}, {@code running_var}; linear {@code
 * weight} (out, in) and {@code bias}. Insertion order is the spec's layer order. Not thread-safe
 * while being modified.
 */
public final class Weights {
    private final Map<String, Tensor> tensors = new LinkedHashMap<>();

    /** Returns the tensor, or throws if absent. */
    public Tensor get(String key) {
        Tensor t = tensors.get(key);
        if (t == null) {
            throw new IllegalArgumentException(
                    "no weight tensor '" + key + "'; have " + tensors.keySet());
        }
        return t;
    }

    /** Returns the tensor or null. */
    public Tensor find(String key) {
        return tensors.get(key);
    }

    /** Adds or replaces a tensor. */
    public Weights put(String key, Tensor t) {
        tensors.put(key, t);
        return this;
    }

    /** Returns an unmodifiable view of all tensors in order. */
    public Map<String, Tensor> asMap() {
        return Collections.unmodifiableMap(tensors);
    }

    /** Returns the keys in order. */
    public List<String> keys() {
        return new ArrayList<>(tensors.keySet());
    }

    /** Returns a deep copy. */
    public Weights copy() {
        Weights w = new Weights();
        tensors.forEach((k, v) -> w.put(k, v.copy()));
        return w;
    }

    /** Returns the expected tensor shapes of a spec, keyed like the weights. */
    public static Map<String, int[]> expectedShapes(ModelSpec spec) {
        Map<String, int[]> m = new LinkedHashMap<>();
        for (Layer l : spec.layers()) {
            String n = l.name() + ".";
            if (l instanceof Layer.Conv c) {
                m.put(
                        n + "weight",
                        new int[] {c.out(), c.in() / c.groups(), c.kernel(), c.kernel()});
                if (c.bias()) {
                    m.put(n + "bias", new int[] {c.out()});
                }
            } else if (l instanceof Layer.BatchNorm b) {
                for (String p : BN_PARAMS) {
                    m.put(n + p, new int[] {b.channels()});
                }
            } else if (l instanceof Layer.Linear f) {
                m.put(n + "weight", new int[] {f.out(), f.in()});
                if (f.bias()) {
                    m.put(n + "bias", new int[] {f.out()});
                }
            } else if (l instanceof Layer.Adapter a) {
                int c = a.channels();
                m.put(n + "dw.weight", new int[] {c, 1, 3, 3});
                m.put(n + "dw.bias", new int[] {c});
                m.put(n + "pw.weight", new int[] {c, c, 1, 1});
                m.put(n + "pw.bias", new int[] {c});
                for (String p : BN_PARAMS) {
                    m.put(n + "bn." + p, new int[] {c});
                }
            } else if (l instanceof Layer.DynamicQuantLinear q) {
                m.put(n + "weight", new int[] {q.out(), q.in()});
                m.put(n + "weight_scale", new int[] {1});
                if (q.bias()) {
                    m.put(n + "bias", new int[] {q.out()});
                }
            }
        }
        return m;
    }

    /** BatchNorm parameter names in storage order. */
    public static final List<String> BN_PARAMS =
            List.of("gamma", "beta", "running_mean", "running_var");

    /**
     * Checks that these weights fit the spec exactly (same keys and shapes).
     *
     * @throws InvalidSpecException naming the first missing, extra or mis-shaped tensor
     */
    public void checkAgainst(ModelSpec spec) {
        Map<String, int[]> want = expectedShapes(spec);
        for (var e : want.entrySet()) {
            Tensor t = tensors.get(e.getKey());
            if (t == null) {
                throw new InvalidSpecException(
                        "weights lack tensor '" + e.getKey() + "' required by the spec");
            }
            if (!Arrays.equals(t.shape(), e.getValue())) {
                throw new InvalidSpecException(
                        "weight '"
                                + e.getKey()
                                + "' has shape "
                                + Arrays.toString(t.shape())
                                + ", the spec needs "
                                + Arrays.toString(e.getValue()));
            }
        }
        for (String k : tensors.keySet()) {
            if (!want.containsKey(k)) {
                throw new InvalidSpecException(
                        "weights hold tensor '" + k + "' that the spec does not use");
            }
        }
    }

    /**
     * Returns the number of non-zero trainable values (BatchNorm running statistics and
     * quantization scales excluded).
     */
    public long nonZeroParameters() {
        long n = 0;
        for (var e : tensors.entrySet()) {
            if (!e.getKey().endsWith(".running_mean")
                    && !e.getKey().endsWith(".running_var")
                    && !e.getKey().endsWith(".weight_scale")) {
                n += e.getValue().nonZero();
            }
        }
        return n;
    }
}
