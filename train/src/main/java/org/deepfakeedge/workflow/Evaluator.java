package org.deepfakeedge.workflow;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.artifact.Preprocessors;
import org.deepfakeedge.data.DatasetIndex;
import org.deepfakeedge.data.Sample;
import org.deepfakeedge.data.Split;
import org.deepfakeedge.eval.Abstention;
import org.deepfakeedge.eval.BinaryMetrics;
import org.deepfakeedge.eval.Evaluation;
import org.deepfakeedge.eval.RobustnessMetrics;
import org.deepfakeedge.eval.RocCurve;
import org.deepfakeedge.eval.ScoreCalibration;
import org.deepfakeedge.eval.UnsureBand;
import org.deepfakeedge.eval.VideoLevel;
import org.deepfakeedge.perturb.Perturbation;
import org.deepfakeedge.perturb.PerturbationSeeds;
import org.deepfakeedge.render.Format;
import org.deepfakeedge.render.SvgChart;
import org.deepfakeedge.runtime.DatasetScorer;
import org.deepfakeedge.runtime.DatasetScores;
import org.deepfakeedge.runtime.Detector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates a detector on one split of a dataset: the single code path behind {@code evaluate}, the
 * test metrics written after training, and every compressed model's numbers.
 */
public final class Evaluator {
    private static final Logger LOG = LoggerFactory.getLogger(Evaluator.class);

    /** The word "roc" in a file name, not inside another word. */
    private static final Pattern ROC_WORD =
            Pattern.compile("(?<![A-Za-z])roc(?![A-Za-z])", Pattern.CASE_INSENSITIVE);

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
        return evaluate(detector, data, fingerprint, split, rocSvg, batchSize, threads, List.of());
    }

    /**
     * As {@link #evaluate(Detector, DatasetIndex, String, Split, Path, int, int)}, then scores the
     * split once more per perturbation, each decoded image perturbed before the model's
     * preprocessing (seeded per file with {@link PerturbationSeeds#DEFAULT_SEED}), and compares
     * those scores with the clean ones at the clean threshold ({@link RobustnessMetrics}). The
     * clean scores, metrics and files are those of the call without perturbations.
     *
     * @param perturbations the perturbations, in report order; empty for none
     */
    public static EvaluationReport evaluate(
            Detector detector,
            DatasetIndex data,
            String fingerprint,
            Split split,
            Path rocSvg,
            int batchSize,
            int threads,
            List<Perturbation> perturbations)
            throws IOException {
        return evaluate(
                detector,
                data,
                fingerprint,
                split,
                rocSvg,
                batchSize,
                threads,
                perturbations,
                null);
    }

    /**
     * As {@link #evaluate(Detector, DatasetIndex, String, Split, Path, int, int, List)}, and with
     * an abstain band also its coverage and the accuracy on the decided images ({@link
     * Abstention}); every other number is that of the call without the band.
     *
     * @param unsure the band, or null for none
     * @throws org.deepfakeedge.InvalidInputException if the band does not contain the model's
     *     threshold (checked before anything is scored)
     */
    public static EvaluationReport evaluate(
            Detector detector,
            DatasetIndex data,
            String fingerprint,
            Split split,
            Path rocSvg,
            int batchSize,
            int threads,
            List<Perturbation> perturbations,
            UnsureBand unsure)
            throws IOException {
        if (unsure != null) {
            unsure.checkContains(detector.manifest().threshold());
        }
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
        ScoreCalibration calibration = ScoreCalibration.of(s.scores(), s.labels());
        String reliability = null;
        if (rocSvg != null) {
            Path file = reliabilitySvg(rocSvg);
            SvgChart.reliability(
                            "Reliability — "
                                    + detector.source().getFileName()
                                    + " on "
                                    + split.name().toLowerCase())
                    .add(
                            new SvgChart.Series(
                                    detector.manifest().spec().arch()
                                            + " (ECE "
                                            + Format.num(calibration.ece())
                                            + ")",
                                    calibration.reliability().stream()
                                            .filter(b -> b.n() > 0)
                                            .map(b -> new double[] {b.meanP(), b.fractionFake()})
                                            .toList(),
                                    false))
                    .write(file);
            reliability = file.toString();
        }
        List<RobustnessMetrics> robustness = new ArrayList<>();
        for (int i = 0; i < perturbations.size(); i++) {
            Perturbation p = perturbations.get(i);
            LOG.info(
                    "robustness {}/{}: scoring {} images with {}",
                    i + 1,
                    perturbations.size(),
                    s.scores().length,
                    p.name());
            robustness.add(robustness(detector, samples, s, p, threshold, batchSize, threads));
        }
        Abstention abstention =
                unsure == null ? null : Abstention.of(s.scores(), s.labels(), threshold, unsure);
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
                videoLevel,
                calibration,
                reliability,
                robustness,
                abstention);
    }

    /**
     * Where the reliability diagram goes: next to the ROC curve, its name's {@code roc} replaced by
     * {@code reliability} ({@code roc-test.svg} → {@code reliability-test.svg}, {@code
     * m-roc-test.svg} → {@code m-reliability-test.svg}), or {@code -reliability} added before
     * {@code .svg} when the name has no {@code roc} word ({@code curve.svg} → {@code
     * curve-reliability.svg}).
     */
    static Path reliabilitySvg(Path rocSvg) {
        String name = rocSvg.getFileName().toString();
        Matcher m = ROC_WORD.matcher(name);
        int last = -1;
        while (m.find()) {
            last = m.start();
        }
        String out;
        if (last >= 0) {
            out = name.substring(0, last) + "reliability" + name.substring(last + 3);
        } else {
            int dot =
                    name.toLowerCase(Locale.ROOT).endsWith(".svg")
                            ? name.length() - 4
                            : name.length();
            out = name.substring(0, dot) + "-reliability" + name.substring(dot);
        }
        return rocSvg.resolveSibling(out);
    }

    /** Scores the perturbed images and compares them with the clean scores of the same files. */
    private static RobustnessMetrics robustness(
            Detector detector,
            List<Sample> samples,
            DatasetScores clean,
            Perturbation perturbation,
            double threshold,
            int batchSize,
            int threads) {
        DatasetScores perturbed =
                DatasetScorer.score(
                        detector.scorer(),
                        samples,
                        Preprocessors.of(detector.manifest().preprocessing()),
                        batchSize,
                        threads,
                        0L, // one pass: a cache would only hold memory
                        perturbation.onDecode(PerturbationSeeds.DEFAULT_SEED));
        // Pair by file: the two passes skip the same unreadable files, but pairing by path keeps
        // the comparison right even if a file became unreadable in between.
        Map<Path, Float> cleanByPath = new HashMap<>();
        for (int i = 0; i < clean.scores().length; i++) {
            cleanByPath.put(clean.samples().get(i).path(), clean.scores()[i]);
        }
        int n = 0;
        float[] before = new float[perturbed.scores().length];
        float[] after = new float[before.length];
        int[] labels = new int[before.length];
        for (int i = 0; i < before.length; i++) {
            Float c = cleanByPath.get(perturbed.samples().get(i).path());
            if (c != null) {
                before[n] = c;
                after[n] = perturbed.scores()[i];
                labels[n] = perturbed.labels()[i];
                n++;
            }
        }
        return RobustnessMetrics.of(
                perturbation.name(),
                Arrays.copyOf(before, n),
                Arrays.copyOf(after, n),
                Arrays.copyOf(labels, n),
                threshold);
    }
}
