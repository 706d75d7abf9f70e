package org.deepfakeedge.export;

/**
 * The precision one Conv/Gemm layer got in an INT8 export, and why. Immutable and thread-safe.
 *
 * @param layer the spec layer name (adapter convs as {@code <adapter>.dw} / {@code .pw})
 * @param precision {@code int8} or {@code fp32}
 * @param reason empty for int8; for fp32 why it was kept
 * @param timing the layer's measured INT8 vs fp32 time, or null if it was not timed (timing off, or
 *     kept fp32 by a rule or {@code --keep-fp32})
 */
public record LayerPrecision(String layer, String precision, String reason, LayerTiming timing) {
    /** Untimed. */
    public LayerPrecision(String layer, String precision, String reason) {
        this(layer, precision, reason, null);
    }

    /** This record with {@code t} as its timing. */
    LayerPrecision withTiming(LayerTiming t) {
        return new LayerPrecision(layer, precision, reason, t);
    }
}
