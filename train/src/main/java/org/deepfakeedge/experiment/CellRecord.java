package org.deepfakeedge.experiment;

import java.util.List;
import java.util.Map;
import org.deepfakeedge.provenance.JsonOptional;

/**
 * What a cell produced, stored as {@code cell.json} in its folder. The file is written last, so its
 * presence with status {@code ok} marks a finished cell that {@code --resume} skips.
 *
 * @param id cell id
 * @param experiment experiment id
 * @param kind compression or transfer
 * @param method method
 * @param level fraction of parameters kept, null for full size
 * @param status {@code ok} or {@code failed}
 * @param error the failure, one line (failed cells)
 * @param startedAt ISO-8601 start time
 * @param seconds wall time of the cell (training, evaluation, export and benchmark)
 * @param artifact the model, relative to the experiment folder (a model folder or an .onnx file)
 * @param metrics its test metrics file, relative to the experiment folder
 * @param source the model it was made from, relative to the experiment folder
 * @param options the method's settings
 * @param bench measured CPU latency (null if not measured)
 * @param extraTests metrics files of the extra test sets by data set name, relative
 * @param robustness the evaluation under the spec's perturbations ({@code robustness.json}),
 *     relative; null without perturbations
 */
public record CellRecord(
        String id,
        String experiment,
        String kind,
        String method,
        @JsonOptional Double level,
        String status,
        @JsonOptional String error,
        String startedAt,
        double seconds,
        @JsonOptional String artifact,
        @JsonOptional String metrics,
        @JsonOptional String source,
        Map<String, Object> options,
        @JsonOptional Bench bench,
        Map<String, String> extraTests,
        @JsonOptional String robustness) {

    /** File name in the cell folder. */
    public static final String FILE = "cell.json";

    /** True for a finished cell. */
    public boolean ok() {
        return "ok".equals(status);
    }

    /**
     * Latency of the artifact on ONNX Runtime at batch 1 (per image), fp32 and its static INT8
     * export.
     *
     * @param threads intra-op threads
     * @param fp32P50Ms fp32 median, ms (null if not measured)
     * @param fp32P95Ms fp32 95th percentile, ms
     * @param fp32Bytes fp32 ONNX size
     * @param int8P50Ms INT8 median, ms (null if not measured)
     * @param int8P95Ms INT8 95th percentile, ms
     * @param int8Bytes INT8 ONNX size
     * @param int8Fp32Layers layers the INT8 export kept in fp32
     * @param int8Agreement INT8 vs fp32 prediction agreement on the calibration images
     * @param int8File the INT8 model, relative to the experiment folder
     * @param error why a measurement is missing
     */
    public record Bench(
            int threads,
            @JsonOptional Double fp32P50Ms,
            @JsonOptional Double fp32P95Ms,
            @JsonOptional Long fp32Bytes,
            @JsonOptional Double int8P50Ms,
            @JsonOptional Double int8P95Ms,
            @JsonOptional Long int8Bytes,
            @JsonOptional List<String> int8Fp32Layers,
            @JsonOptional Double int8Agreement,
            @JsonOptional String int8File,
            @JsonOptional String error) {}
}
