package org.deepfakeedge.workflow;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.artifact.Preprocessors;
import org.deepfakeedge.data.DatasetIndex;
import org.deepfakeedge.data.Sample;
import org.deepfakeedge.data.Split;
import org.deepfakeedge.eval.BinaryMetrics;
import org.deepfakeedge.eval.Evaluation;
import org.deepfakeedge.eval.RocCurve;
import org.deepfakeedge.eval.VideoLevel;
import org.deepfakeedge.render.SvgChart;
import org.deepfakeedge.runtime.DatasetScorer;
import org.deepfakeedge.runtime.DatasetScores;
import org.deepfakeedge.runtime.Detector;

/**
 * Evaluates a detector on one split of a dataset: the single code path behind {@code evaluate}, the
 * test metrics written after training, and every compressed model's numbers.
 */
public final class Evaluator {
    private Evaluator() {}

    /**
     * Scores the split, computes all metrics at the model's threshold (also per video, on the mean
     * frame score, when the samples name their videos) and, if {@code rocSvg} is given, draws the
     * ROC curve there as SVG (not when the split has one class only: the curve is undefined then).
     */
    public static EvaluationReport evaluate(
            Detector detector,
            DatasetIndex data,
            Split split,
            Path rocSvg,
            int batchSize,
            int threads)
            throws IOException {
        return evaluate(detector, data, data.fingerprint(), split, rocSvg, batchSize, threads);
    }

    /**
     * As {@link #evaluate(Detector, DatasetIndex, Split, Path, int, int)} with the data set's
     * fingerprint already computed (it reads every file, so callers that need it twice pass it).
     */
    public static EvaluationReport evaluate(
            Detector detector,
            DatasetIndex data,
            String fingerprint,
            Split split,
            Path rocSvg,
            int batchSize,
            int threads)
            throws IOException {
        List<Sample> samples = data.split(split);
        if (samples.isEmpty()) {
            throw new InvalidInputException(
                    "split '"
                            + split.name().toLowerCase()
                            + "' of "
                            + data.root()
                            + " has no images; choose another --split (have "
                            + data.counts().keySet()
                            + ")");
        }
        long t0 = System.nanoTime();
        DatasetScores s =
                DatasetScorer.score(
                        detector.scorer(),
                        samples,
                        Preprocessors.of(detector.manifest().preprocessing()),
                        batchSize,
                        threads,
                        256L << 20);
        if (s.scores().length == 0) {
            throw new InvalidInputException(
                    "no readable image in split '"
                            + split.name().toLowerCase()
                            + "' of "
                            + data.root()
                            + " ("
                            + s.skipped().size()
                            + " skipped)");
        }
        double threshold = detector.manifest().threshold();
        Evaluation ev =
                BinaryMetrics.evaluate(
                        s.scores(),
                        s.labels(),
                        data.hasGenerators() ? s.generators() : null,
                        threshold);
        String[] videos = s.samples().stream().map(Sample::video).toArray(String[]::new);
        Evaluation videoLevel =
                VideoLevel.hasVideos(videos)
                        ? VideoLevel.evaluate(
                                s.scores(),
                                s.labels(),
                                videos,
                                data.hasGenerators() ? s.generators() : null,
                                threshold)
                        : null;
        RocCurve roc = RocCurve.compute(s.scores(), s.labels());
        List<double[]> points =
                Double.isNaN(roc.auc()) ? List.of() : roc.downsampled(EvaluationReport.ROC_POINTS);
        String svg = null;
        if (rocSvg != null && !points.isEmpty()) {
            SvgChart.roc(
                            "ROC — "
                                    + detector.source().getFileName()
                                    + " on "
                                    + split.name().toLowerCase())
                    .add(
                            new SvgChart.Series(
                                    SvgChart.rocLegend(
                                            detector.manifest().spec().arch(), roc.auc()),
                                    points,
                                    true))
                    .write(rocSvg);
            svg = rocSvg.toString();
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        return new EvaluationReport(
                ev,
                detector.source().toString(),
                detector.runtime(),
                detector.threads(),
                data.root().toString(),
                fingerprint,
                split.name().toLowerCase(),
                detector.parameters(),
                detector.nonZeroParameters(),
                detector.bytesOnDisk(),
                s.skipped().stream().map(k -> k.path() + ": " + k.reason()).toList(),
                svg,
                secs,
                points,
                videoLevel);
    }
}
