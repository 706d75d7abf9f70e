package org.deepfakeedge.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.deepfakeedge.export.Int8Exporter;

/**
 * Fake quantization for quantization-aware training: a tensor rounded to the INT8 grid the static
 * INT8 export will use ({@link org.deepfakeedge.export.Int8Exporter}) in the forward pass, with the
 * straight-through estimator in the backward pass ({@code x + stopGradient(q(x) − x)}: the value of
 * q(x), the gradient of x), so training learns weights that survive the rounding.
 *
 * <ul>
 *   <li>Weights (convolutions, linear layers): int8 symmetric per output channel, scale {@code
 *       max|w_c| / 64}, values clipped to ±64, as the export ({@link Int8Exporter#WEIGHT_MAX}). The
 *       export quantizes a convolution's weights after folding its BatchNorm, which multiplies each
 *       output channel by one factor; per-channel symmetric rounding is unchanged by that (the
 *       scale moves with the channel), so rounding the unfolded weights here rounds the same way.
 *   <li>Activations (every convolution's and linear layer's input): uint8 asymmetric per tensor,
 *       the range the batch's minimum and maximum with 0 included, as min/max calibration does on
 *       its images.
 * </ul>
 *
 * Every array is created in {@code scope} (the batch's manager), never in the network's.
 */
final class FakeQuant {
    private FakeQuant() {}

    /** The weight tensor {@code w} (out channels first) fake-quantized; its gradient flows to w. */
    static NDArray weights(NDArray w, NDManager scope) {
        // a differentiable copy moved to the scope, so every op below lands there too (duplicate()
        // would cut the gradient)
        NDArray x = w.add(0f);
        x.attach(scope);
        long out = x.getShape().get(0);
        NDArray rows = x.reshape(out, -1);
        int qmax = Int8Exporter.WEIGHT_MAX;
        NDArray scale = rows.abs().max(new int[] {1}, true).div((float) qmax).maximum(1e-12f);
        NDArray q = rows.div(scale).round().clip(-qmax, qmax).mul(scale).reshape(x.getShape());
        return x.add(q.sub(x).stopGradient());
    }

    /** An activation tensor fake-quantized to uint8 over its own range (0 included). */
    static NDArray activations(NDArray a) {
        float lo = Math.min(0f, a.min().getFloat());
        float hi = Math.max(0f, a.max().getFloat());
        if (!(hi > lo)) {
            return a;
        }
        float scale = (hi - lo) / 255f;
        float zero = Math.round(-lo / scale);
        NDArray q = a.div(scale).round().add(zero).clip(0, 255).sub(zero).mul(scale);
        return a.add(q.sub(a).stopGradient());
    }
}
