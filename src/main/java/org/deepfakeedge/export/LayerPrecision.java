package org.deepfakeedge.export;

/**
 * The precision one Conv/Gemm layer got in an INT8 export, and why. Immutable and thread-safe.
 *
 * @param layer the spec layer name (adapter convs as {@code <adapter>.dw} / {@code .pw})
 * @param precision {@code int8} or {@code fp32}
 * @param reason empty for int8; for fp32 why it was kept
 */
public record LayerPrecision(String layer, String precision, String reason) {}
