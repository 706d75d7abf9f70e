package org.deepfakeedge.compress.lowrank;

import java.util.ArrayList;
import java.util.List;
import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.model.Layer;
import org.deepfakeedge.model.ModelSpec;
import org.deepfakeedge.model.Tensor;
import org.deepfakeedge.model.Weights;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Low-rank factorization of a linear layer by truncated SVD.
 *
 * <p>W (m×n) ≈ U_k S_k V_kᵀ: the layer {@code Linear(n→m)} becomes {@code Linear(n→k, no bias)}
 * with weights S_k V_kᵀ followed by {@code Linear(k→m)} with weights U_k and the original bias,
 * with nothing between them, so at full rank the output is unchanged (the paper's public code puts
 * a ReLU and dropout between the factors, which is not equivalent). Parameters go from m·n + m to
 * n·k + k·m + m; worth it when k &lt; m·n/(m+n). The retained energy Σᵢ≤ₖ sᵢ² / Σ sᵢ² says how much
 * of W survives. Default target: the first linear layer, the largest. Stateless and thread-safe.
 */
public final class SvdFactorizer {
    private SvdFactorizer() {}

    /**
     * Factorizes layer {@code layerName} (null: the first linear layer).
     *
     * @param rank k, or 0 to derive it from {@code energy}
     * @param energy fraction of Σ s² to retain, in (0,1], used when rank is 0
     */
    public static FactorizeResult factorize(
            ModelSpec spec, Weights weights, String layerName, int rank, double energy) {
        String name = layerName != null ? layerName : firstLinear(spec);
        if (!(spec.layer(name) instanceof Layer.Linear lin)) {
            throw new InvalidInputException(
                    "--layer " + name + " is not a linear layer; linear layers: " + linears(spec));
        }
        int m = lin.out();
        int n = lin.in();
        int full = Math.min(m, n);
        if (rank == 0 && !(energy > 0 && energy <= 1)) {
            throw new InvalidInputException(
                    "give --rank K (1.."
                            + full
                            + ") or --energy F in (0,1], found energy "
                            + energy);
        }
        if (rank < 0 || rank > full) {
            throw new InvalidInputException(
                    "--rank must be in 1.."
                            + full
                            + " for "
                            + name
                            + " ("
                            + m
                            + "×"
                            + n
                            + "), found "
                            + rank);
        }
        Tensor w = weights.get(name + ".weight");
        DMatrixRMaj a = new DMatrixRMaj(m, n);
        for (int i = 0; i < m * n; i++) {
            a.data[i] = w.data()[i];
        }
        SingularValueDecomposition_F64<DMatrixRMaj> svd =
                DecompositionFactory_DDRM.svd(m, n, true, true, true);
        if (!svd.decompose(a)) {
            throw new IllegalStateException("SVD of " + name + " did not converge");
        }
        double[] s = svd.getSingularValues();
        DMatrixRMaj u = svd.getU(null, false); // m×full
        DMatrixRMaj v = svd.getV(null, false); // n×full
        Integer[] order = new Integer[s.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(s[y], s[x]));
        double total = 0;
        for (double x : s) {
            total += x * x;
        }
        int k = rank;
        if (k == 0) {
            double acc = 0;
            for (k = 0; k < order.length; ) {
                acc += s[order[k]] * s[order[k]];
                k++;
                if (acc >= energy * total - 1e-12 * total) {
                    break;
                }
            }
        }
        double kept = 0;
        for (int i = 0; i < k; i++) {
            kept += s[order[i]] * s[order[i]];
        }
        Tensor first = Tensor.zeros(k, n); // S_k V_kᵀ
        Tensor second = Tensor.zeros(m, k); // U_k
        for (int r = 0; r < k; r++) {
            int c = order[r];
            for (int j = 0; j < n; j++) {
                first.data()[r * n + j] = (float) (s[c] * v.get(j, c));
            }
            for (int i = 0; i < m; i++) {
                second.data()[i * k + r] = (float) u.get(i, c);
            }
        }
        String a1 = name + "_v";
        String a2 = name + "_u";
        final int kk = k;
        ModelSpec newSpec =
                spec.withLayers(
                        layers -> {
                            List<Layer> out = new ArrayList<>();
                            for (Layer l : layers) {
                                if (l.name().equals(name)) {
                                    out.add(new Layer.Linear(a1, n, kk, false));
                                    out.add(new Layer.Linear(a2, kk, m, lin.bias()));
                                } else {
                                    out.add(l);
                                }
                            }
                            return out;
                        });
        Weights nw = new Weights();
        for (String key : weights.keys()) {
            if (key.equals(name + ".weight")) {
                nw.put(a1 + ".weight", first);
                nw.put(a2 + ".weight", second);
            } else if (key.equals(name + ".bias")) {
                nw.put(a2 + ".bias", weights.get(key).copy());
            } else {
                nw.put(key, weights.get(key).copy());
            }
        }
        return new FactorizeResult(
                newSpec,
                nw,
                name,
                k,
                total == 0 ? 1 : kept / total,
                (long) m * n + (lin.bias() ? m : 0),
                (long) n * k + (long) k * m + (lin.bias() ? m : 0));
    }

    private static String firstLinear(ModelSpec spec) {
        return spec.layers().stream()
                .filter(l -> l instanceof Layer.Linear)
                .map(Layer::name)
                .findFirst()
                .orElseThrow(
                        () ->
                                new InvalidInputException(
                                        "model "
                                                + spec.arch()
                                                + " has no linear layer to factorize"));
    }

    private static List<String> linears(ModelSpec spec) {
        return spec.layers().stream()
                .filter(l -> l instanceof Layer.Linear)
                .map(Layer::name)
                .toList();
    }
}
