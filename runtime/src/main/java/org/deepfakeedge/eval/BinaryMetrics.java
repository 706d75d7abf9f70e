package org.deepfakeedge.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deepfakeedge.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes an {@link Evaluation} from detector scores: the entry point of this package.
 *
 * <p>Pure functions over arrays (as Tribuo's {@code ConfusionMetrics}); nothing is read or written.
 * Stateless and thread-safe.
 */
public final class BinaryMetrics {
    private static final Logger logger = LoggerFactory.getLogger(BinaryMetrics.class);

    private BinaryMetrics() {}

    /**
     * Evaluates scores against labels at a threshold, overall and per generator.
     *
     * <p>Per-generator rows: for each non-empty generator tag {@code g}, the subset is the samples
     * tagged {@code g}. If that subset has no reals, every real with an empty tag is added to it.
     * This fits the usual layout where fakes sit in one folder per generator and the reals are
     * shared, and it gives each row both classes (so a ROC-AUC) whenever shared reals exist. A
     * generator that has reals of its own keeps only those. Rows use {@code threshold}.
     *
     * @param scores detector scores, higher means more likely fake; finite
     * @param labels 0 (real) or 1 (fake), same length as {@code scores}
     * @param generators generator tag per sample, same length; {@code null} or {@code ""} (or a
     *     null element) means untagged; {@code null} array for no tags at all
     * @param threshold decision threshold, fake when {@code score >= threshold}; not NaN
     * @return the evaluation; {@code perGenerator} is empty when no sample has a tag
     * @throws InvalidInputException if the arrays differ in length, a label is not 0/1, a score is
     *     not finite or the threshold is NaN
     */
    public static Evaluation evaluate(
            float[] scores, int[] labels, String[] generators, double threshold) {
        ConfusionMatrix confusion = ConfusionMatrix.at(scores, labels, threshold);
        if (generators != null && generators.length != scores.length) {
            throw new InvalidInputException(
                    "generators must have one tag per score, found "
                            + generators.length
                            + " tags and "
                            + scores.length
                            + " scores");
        }
        RocCurve roc = RocCurve.compute(scores, labels);
        ConfusionMatrix atHalf = ConfusionMatrix.at(scores, labels, 0.5);
        Map<String, GeneratorMetrics> perGenerator =
                generators == null ? Map.of() : perGenerator(scores, labels, generators, threshold);
        Evaluation evaluation = Evaluation.of(threshold, confusion, roc, atHalf, perGenerator);
        logger.debug(
                "Evaluated {} samples at threshold {}: accuracy {}, ROC-AUC {}, {} generators",
                evaluation.n(),
                threshold,
                evaluation.accuracy(),
                evaluation.rocAuc(),
                perGenerator.size());
        return evaluation;
    }

    private static Map<String, GeneratorMetrics> perGenerator(
            float[] scores, int[] labels, String[] generators, double threshold) {
        List<Integer> sharedReals = new ArrayList<>();
        Map<String, List<Integer>> byGenerator = new LinkedHashMap<>();
        for (int i = 0; i < generators.length; i++) {
            String tag = generators[i];
            if (tag == null || tag.isEmpty()) {
                if (labels[i] == 0) {
                    sharedReals.add(i);
                }
            } else {
                byGenerator.computeIfAbsent(tag, k -> new ArrayList<>()).add(i);
            }
        }
        Map<String, GeneratorMetrics> rows = new LinkedHashMap<>();
        byGenerator.forEach(
                (tag, members) -> {
                    List<Integer> subset = members;
                    if (members.stream().noneMatch(i -> labels[i] == 0)) {
                        subset = new ArrayList<>(members);
                        subset.addAll(sharedReals);
                    }
                    float[] subScores = new float[subset.size()];
                    int[] subLabels = new int[subset.size()];
                    for (int k = 0; k < subset.size(); k++) {
                        subScores[k] = scores[subset.get(k)];
                        subLabels[k] = labels[subset.get(k)];
                    }
                    rows.put(
                            tag,
                            GeneratorMetrics.of(
                                    ConfusionMatrix.at(subScores, subLabels, threshold),
                                    RocCurve.compute(subScores, subLabels).auc()));
                });
        return rows;
    }
}
