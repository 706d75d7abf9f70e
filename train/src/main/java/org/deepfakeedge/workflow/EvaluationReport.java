package org.deepfakeedge.workflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.deepfakeedge.eval.Evaluation;
import org.deepfakeedge.provenance.Json;

/**
 * An evaluation of one model on one split, with the model's cost figures: what {@code evaluate
 * --json} prints and {@code metrics.json} stores.
 *
 * @param evaluation the metrics (positive class = fake)
 * @param model model folder
 * @param runtime engine that produced the scores
 * @param threads CPU threads the model ran on
 * @param data dataset root
 * @param dataFingerprint SHA-256 fingerprint of the dataset
 * @param split evaluated split
 * @param params trainable parameters
 * @param nonzeroParams non-zero trainable parameters
 * @param modelBytes bytes on disk of the model (weights + manifest)
 * @param skipped unreadable files skipped ("path: reason")
 * @param rocSvg the ROC curve's SVG file, if written
 * @param seconds wall time of the evaluation
 * @param rocPoints the ROC curve as at most {@value #ROC_POINTS} {fpr, tpr} points, so that reports
 *     can draw it from {@code metrics.json} alone
 */
public record EvaluationReport(
        Evaluation evaluation,
        String model,
        String runtime,
        int threads,
        String data,
        String dataFingerprint,
        String split,
        long params,
        long nonzeroParams,
        long modelBytes,
        List<String> skipped,
        String rocSvg,
        double seconds,
        List<double[]> rocPoints) {

    /** Points kept of the ROC curve: enough for a smooth plot, small in the file. */
    public static final int ROC_POINTS = 201;

    public EvaluationReport {
        skipped = List.copyOf(skipped);
        rocPoints = rocPoints == null ? List.of() : List.copyOf(rocPoints);
    }

    /** Returns the flat JSON object: metric keys at the top level, then cost and context keys. */
    public ObjectNode toJson() {
        ObjectNode o = Json.MAPPER.valueToTree(evaluation);
        o.put("params", params);
        o.put("nonzero_params", nonzeroParams);
        o.put("model_bytes", modelBytes);
        o.put("model", model);
        o.put("runtime", runtime);
        o.put("threads", threads);
        o.put("data", data);
        o.put("data_fingerprint", dataFingerprint);
        o.put("split", split);
        o.put("skipped_files", skipped.size());
        o.set("skipped", Json.MAPPER.valueToTree(skipped));
        if (rocSvg != null) {
            o.put("roc_svg", rocSvg);
        }
        o.put("eval_seconds", seconds);
        if (!rocPoints.isEmpty()) {
            ObjectNode roc = o.putObject("roc_curve");
            var fpr = roc.putArray("fpr");
            var tpr = roc.putArray("tpr");
            for (double[] p : rocPoints) {
                fpr.add(p[0]);
                tpr.add(p[1]);
            }
        }
        return o;
    }
}
