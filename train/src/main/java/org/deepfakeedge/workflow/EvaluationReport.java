package org.deepfakeedge.workflow;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.deepfakeedge.eval.Abstention;
import org.deepfakeedge.eval.Evaluation;
import org.deepfakeedge.eval.RobustnessMetrics;
import org.deepfakeedge.eval.ScoreCalibration;
import org.deepfakeedge.provenance.Json;
import org.deepfakeedge.provenance.JsonOptional;

/**
 * An evaluation of one model on one split, with the model's cost figures: what {@code evaluate
 * --json} prints and {@code metrics.json} stores.
 *
 * <p>JSON: one flat object, the {@link Evaluation}'s keys first ({@code n, threshold, accuracy,
 * ..., per_generator}), then {@code params, nonzero_params, model_bytes, model, runtime, threads,
 * data, data_fingerprint, split, skipped_files, skipped, roc_svg, eval_seconds, roc_curve {fpr,
 * tpr}, video_level, reliability_svg, calibration, robustness}}; {@code video_level} (present only
 * when the samples name their source videos) is an object with the evaluation's keys, computed on
 * the mean frame score per video; {@code calibration} is {@link ScoreCalibration}'s object (ECE,
 * Brier, reliability bins; absent from files written before it existed); {@code robustness}
 * (present only when perturbations were asked for, {@code evaluate --perturb}) is an array of
 * {@link RobustnessMetrics} objects, one per perturbation, in the order asked; {@code unsure}
 * (present only with {@code evaluate --unsure LOW,HIGH}) is an {@link Abstention} object: coverage
 * and accuracy on the decided images. It is written and read through the same two records (the
 * evaluation and a private one for the rest), so the keys cannot drift apart.
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
 * @param videoLevel the metrics per video (mean of its frames' scores, {@link
 *     org.deepfakeedge.eval.VideoLevel}), {@code null} when no sample names a video
 * @param calibration ECE, Brier score and reliability bins of the scores; {@code null} in files
 *     written before calibration was measured
 * @param reliabilitySvg the reliability diagram's SVG file, if written
 * @param robustness the metrics on perturbed copies of the images, one per perturbation; empty when
 *     none was asked for
 * @param unsure coverage and accuracy on the decided images with an abstain band; null when none
 *     was asked for
 */
@JsonDeserialize(using = EvaluationReport.Reader.class)
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
        List<double[]> rocPoints,
        Evaluation videoLevel,
        ScoreCalibration calibration,
        String reliabilitySvg,
        List<RobustnessMetrics> robustness,
        Abstention unsure) {

    /** Points kept of the ROC curve: enough for a smooth plot, small in the file. */
    public static final int ROC_POINTS = 201;

    public EvaluationReport {
        skipped = List.copyOf(skipped);
        rocPoints = rocPoints == null ? List.of() : List.copyOf(rocPoints);
        robustness = robustness == null ? List.of() : List.copyOf(robustness);
    }

    /** A report without an abstain band. */
    public EvaluationReport(
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
            List<double[]> rocPoints,
            Evaluation videoLevel,
            ScoreCalibration calibration,
            String reliabilitySvg,
            List<RobustnessMetrics> robustness) {
        this(
                evaluation,
                model,
                runtime,
                threads,
                data,
                dataFingerprint,
                split,
                params,
                nonzeroParams,
                modelBytes,
                skipped,
                rocSvg,
                seconds,
                rocPoints,
                videoLevel,
                calibration,
                reliabilitySvg,
                robustness,
                null);
    }

    /** Returns a copy with the abstain band's measurement. */
    public EvaluationReport withUnsure(Abstention a) {
        return new EvaluationReport(
                evaluation,
                model,
                runtime,
                threads,
                data,
                dataFingerprint,
                split,
                params,
                nonzeroParams,
                modelBytes,
                skipped,
                rocSvg,
                seconds,
                rocPoints,
                videoLevel,
                calibration,
                reliabilitySvg,
                robustness,
                a);
    }

    /** A report without calibration or robustness (what files written before them hold). */
    public EvaluationReport(
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
            List<double[]> rocPoints,
            Evaluation videoLevel) {
        this(
                evaluation,
                model,
                runtime,
                threads,
                data,
                dataFingerprint,
                split,
                params,
                nonzeroParams,
                modelBytes,
                skipped,
                rocSvg,
                seconds,
                rocPoints,
                videoLevel,
                null,
                null,
                List.of());
    }

    /** Returns the flat JSON object: metric keys at the top level, then cost and context keys. */
    @JsonValue
    public ObjectNode toJson() {
        ObjectNode o = Json.MAPPER.valueToTree(evaluation);
        double[] fpr = new double[rocPoints.size()];
        double[] tpr = new double[rocPoints.size()];
        for (int i = 0; i < fpr.length; i++) {
            fpr[i] = rocPoints.get(i)[0];
            tpr[i] = rocPoints.get(i)[1];
        }
        o.setAll(
                (ObjectNode)
                        Json.MAPPER.valueToTree(
                                new Context(
                                        params,
                                        nonzeroParams,
                                        modelBytes,
                                        model,
                                        runtime,
                                        threads,
                                        data,
                                        dataFingerprint,
                                        split,
                                        skipped.size(),
                                        skipped,
                                        rocSvg,
                                        seconds,
                                        rocPoints.isEmpty() ? null : new Curve(fpr, tpr),
                                        videoLevel,
                                        reliabilitySvg,
                                        calibration,
                                        robustness.isEmpty() ? null : robustness,
                                        unsure)));
        return o;
    }

    /** The keys next to the evaluation's. */
    private record Context(
            long params,
            long nonzeroParams,
            long modelBytes,
            String model,
            String runtime,
            @JsonOptional int threads, // recorded since 2026-12-01
            String data,
            String dataFingerprint,
            String split,
            int skippedFiles,
            List<String> skipped,
            @JsonOptional String rocSvg,
            double evalSeconds,
            @JsonOptional Curve rocCurve,
            @JsonOptional Evaluation videoLevel, // since 2026-12-02, video data only
            @JsonOptional String reliabilitySvg, // the keys below since issue 15
            @JsonOptional ScoreCalibration calibration,
            @JsonOptional List<RobustnessMetrics> robustness, // only with evaluate --perturb
            @JsonOptional Abstention unsure) {} // only with evaluate --unsure

    /** The ROC curve as two arrays. */
    private record Curve(double[] fpr, double[] tpr) {}

    /** Reads the flat object back into the evaluation and the context. */
    static final class Reader extends StdDeserializer<EvaluationReport> {
        private static final long serialVersionUID = 1L;

        Reader() {
            super(EvaluationReport.class);
        }

        @Override
        public EvaluationReport deserialize(JsonParser p, DeserializationContext ctxt)
                throws IOException {
            JsonNode o = ctxt.readTree(p);
            Evaluation e = ctxt.readTreeAsValue(o, Evaluation.class);
            Context c = ctxt.readTreeAsValue(o, Context.class);
            List<double[]> points = new ArrayList<>();
            if (c.rocCurve() != null) {
                if (c.rocCurve().fpr().length != c.rocCurve().tpr().length) {
                    return ctxt.reportInputMismatch(
                            EvaluationReport.class,
                            "roc_curve has %d fpr and %d tpr values",
                            c.rocCurve().fpr().length,
                            c.rocCurve().tpr().length);
                }
                for (int i = 0; i < c.rocCurve().fpr().length; i++) {
                    points.add(new double[] {c.rocCurve().fpr()[i], c.rocCurve().tpr()[i]});
                }
            }
            return new EvaluationReport(
                    e,
                    c.model(),
                    c.runtime(),
                    c.threads(),
                    c.data(),
                    c.dataFingerprint(),
                    c.split(),
                    c.params(),
                    c.nonzeroParams(),
                    c.modelBytes(),
                    c.skipped(),
                    c.rocSvg(),
                    c.evalSeconds(),
                    points,
                    c.videoLevel(),
                    c.calibration(),
                    c.reliabilitySvg(),
                    c.robustness(),
                    c.unsure());
        }
    }
}
