package org.deepfakeedge.model;

import java.util.SplittableRandom;

/**
 * Deterministic weight initialisation, identical to PyTorch's defaults for Conv2d, Linear and
 * BatchNorm2d.
 *
 * <p>Conv and linear weights use Kaiming-uniform with a = √5, i.e. U(−1/√fan_in, 1/√fan_in), biases
 * U(−1/√fan_in, 1/√fan_in); BatchNorm starts at γ = 1, β = 0, running mean 0, running variance 1.
 * Doing it here rather than in the engine makes a seed mean the same starting point on any engine.
 */
public final class WeightInit {
    private WeightInit() {}

    /** Returns freshly initialised weights for every layer of the spec. */
    public static Weights pytorchDefault(ModelSpec spec, long seed) {
        Weights w = new Weights();
        SplittableRandom root = new SplittableRandom(seed);
        for (var e : Weights.expectedShapes(spec).entrySet()) {
            String key = e.getKey();
            int[] shape = e.getValue();
            // one independent stream per tensor, so adding a layer does not reshuffle the others
            SplittableRandom rnd = new SplittableRandom(root.nextLong() ^ key.hashCode());
            Tensor t = Tensor.zeros(shape);
            if (key.endsWith(".gamma")
                    || key.endsWith(".running_var")
                    || key.endsWith(".weight_scale")) {
                java.util.Arrays.fill(t.data(), 1f);
            } else if (key.endsWith(".weight") || key.endsWith(".bias")) {
                double bound = 1.0 / Math.sqrt(fanIn(spec, key));
                float[] d = t.data();
                for (int i = 0; i < d.length; i++) {
                    d[i] = (float) ((rnd.nextDouble() * 2 - 1) * bound);
                }
            }
            w.put(key, t);
        }
        return w;
    }

    /** Fan-in of the layer (or adapter sub-layer) that owns weight/bias tensor {@code key}. */
    static long fanIn(ModelSpec spec, String key) {
        String layer = key.substring(0, key.indexOf('.'));
        Layer l = spec.layer(layer);
        if (l instanceof Layer.Adapter a) {
            return key.startsWith(layer + ".dw.") ? 9 : a.channels();
        }
        return fanIn(l);
    }

    static long fanIn(Layer l) {
        if (l instanceof Layer.Conv c) {
            return (long) (c.in() / c.groups()) * c.kernel() * c.kernel();
        } else if (l instanceof Layer.Linear f) {
            return f.in();
        } else if (l instanceof Layer.DynamicQuantLinear q) {
            return q.in();
        }
        throw new IllegalArgumentException("layer " + l.name() + " has no fan-in");
    }
}
