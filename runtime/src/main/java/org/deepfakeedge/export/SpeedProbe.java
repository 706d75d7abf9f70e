package org.deepfakeedge.export;

import java.util.List;
import org.deepfakeedge.model.ModelSpec;

/**
 * Times layers and whole models for {@link MeasuredFallback}. The ONNX Runtime implementation is
 * {@link OrtSpeedProbe}; tests inject fixed timings so that the decisions are checked without
 * depending on the machine's speed.
 */
interface SpeedProbe {
    /**
     * Times one quantizable layer of {@code spec} (a conv or linear name, or {@code
     * <adapter>.dw}/{@code .pw}) in its INT8 and fp32 form at its real input shape.
     */
    LayerTiming layer(ModelSpec spec, String layer);

    /**
     * Returns the median batch-1 latency in milliseconds of each ONNX model (all with {@code
     * spec}'s input), timed interleaved.
     */
    double[] models(ModelSpec spec, List<byte[]> onnxModels);

    /** Intra-op threads the timings run with. */
    int threads();
}
