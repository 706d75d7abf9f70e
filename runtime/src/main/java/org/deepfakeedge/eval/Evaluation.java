package org.deepfakeedge.eval;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An immutable evaluation of a detector's scores on one labelled data set, at one threshold.
 *
 * <p>Threshold metrics ({@code accuracy} .. {@code f1}, the per-class accuracies) are those of
 * {@code confusion} and must agree with it; the constructor checks this so that a mix-up among the
 * many positional doubles fails loudly. Ranking metrics ({@code rocAuc}, {@code averagePrecision},
 * {@code eer}) do not depend on the threshold and are NaN when undefined (see {@link RocCurve}).
 * {@code atHalf} repeats the threshold metrics at 0.5 so that a tuned threshold can be compared
 * with the naive one.
 *
 * <p>JSON ({@code metrics.json}) has snake_case keys in this order: {@code n, threshold, accuracy,
 * precision, recall, f1, roc_auc, average_precision, eer, confusion {tp, fp, tn, fn},
 * per_class_accuracy {real, fake}, at_0_5 {accuracy, precision, recall, f1}, per_generator {name:
 * {n, n_fake, n_real, accuracy, precision, recall, f1, roc_auc}}}. NaN is written as {@code null}
 * and read back as NaN, so files stay strict JSON. Any default {@code ObjectMapper} reads and
 * writes it; the mapping lives in annotations on these types.
 *
 * <p>Immutable and thread-safe; {@code perGenerator} is an unmodifiable map sorted by name.
 *
 * @param n number of samples, equal to {@code confusion.n()}
 * @param threshold decision threshold: fake when {@code score >= threshold}; not NaN
 * @param confusion confusion counts at {@code threshold}
 * @param accuracy {@code confusion.accuracy()}
 * @param precision {@code confusion.precision()}
 * @param recall {@code confusion.recall()}
 * @param f1 {@code confusion.f1()}
 * @param rocAuc ROC-AUC in [0, 1]; NaN without both classes
 * @param averagePrecision average precision in [0, 1]; NaN without fakes
 * @param eer equal error rate in [0, 1]; NaN without both classes
 * @param realAccuracy accuracy on reals, {@code confusion.specificity()}
 * @param fakeAccuracy accuracy on fakes, {@code confusion.recall()}
 * @param atHalf threshold metrics at 0.5
 * @param perGenerator metrics per generator tag; empty when the data has no generator tags
 */
public record Evaluation(
        long n,
        double threshold,
        ConfusionMatrix confusion,
        double accuracy,
        double precision,
        double recall,
        double f1,
        double rocAuc,
        double averagePrecision,
        double eer,
        double realAccuracy,
        double fakeAccuracy,
        Evaluation.AtHalf atHalf,
        Map<String, GeneratorMetrics> perGenerator) {

    // Recomputing a ratio from the same counts gives the same double; the slack only admits
    // values computed by another formula (e.g. 2PR/(P+R) for F1).
    private static final double TOLERANCE = 1e-9;

    /** Checks ranges and that the threshold metrics agree with {@code confusion}. */
    public Evaluation {
        Objects.requireNonNull(confusion, "confusion must not be null");
        Objects.requireNonNull(atHalf, "atHalf must not be null");
        Objects.requireNonNull(perGenerator, "perGenerator must not be null; use an empty map");
        if (n != confusion.n()) {
            throw new IllegalArgumentException(
                    "n must equal the confusion total " + confusion.n() + ", found " + n);
        }
        if (Double.isNaN(threshold)) {
            throw new IllegalArgumentException("threshold must be a number, found NaN");
        }
        checkDerived("accuracy", accuracy, confusion.accuracy());
        checkDerived("precision", precision, confusion.precision());
        checkDerived("recall", recall, confusion.recall());
        checkDerived("f1", f1, confusion.f1());
        checkDerived("realAccuracy", realAccuracy, confusion.specificity());
        checkDerived("fakeAccuracy", fakeAccuracy, confusion.recall());
        checkUnitOrNaN("rocAuc", rocAuc);
        checkUnitOrNaN("averagePrecision", averagePrecision);
        checkUnitOrNaN("eer", eer);
        SortedMap<String, GeneratorMetrics> copy = new TreeMap<>();
        perGenerator.forEach(
                (name, metrics) -> {
                    if (name == null || name.isEmpty() || metrics == null) {
                        throw new IllegalArgumentException(
                                "perGenerator needs non-empty names and non-null metrics, found "
                                        + name
                                        + " -> "
                                        + metrics);
                    }
                    copy.put(name, metrics);
                });
        perGenerator = Collections.unmodifiableSortedMap(copy);
    }

    /** Assembles an evaluation, deriving the threshold metrics from the confusion counts. */
    static Evaluation of(
            double threshold,
            ConfusionMatrix confusion,
            RocCurve roc,
            ConfusionMatrix atHalf,
            Map<String, GeneratorMetrics> perGenerator) {
        return of(
                threshold,
                confusion,
                roc.auc(),
                roc.averagePrecision(),
                roc.eer(),
                atHalf,
                perGenerator);
    }

    /**
     * Assembles an evaluation from parts computed elsewhere (e.g. on a cluster, where the scores
     * never sit in one array), deriving the threshold metrics from the confusion counts.
     *
     * @param threshold the decision threshold of {@code confusion}
     * @param confusion counts at {@code threshold}
     * @param ranking the ranking metrics of the same samples ({@link RocAccumulator})
     * @param atHalf counts at 0.5
     * @param perGenerator rows per generator tag, possibly empty
     * @return the evaluation
     * @throws IllegalArgumentException if the ranking counts other samples than {@code confusion}
     */
    public static Evaluation of(
            double threshold,
            ConfusionMatrix confusion,
            RocAccumulator.Ranking ranking,
            ConfusionMatrix atHalf,
            Map<String, GeneratorMetrics> perGenerator) {
        if (ranking.positives() != confusion.positives()
                || ranking.negatives() != confusion.negatives()) {
            throw new IllegalArgumentException(
                    "the ranking counts "
                            + ranking.positives()
                            + " fakes and "
                            + ranking.negatives()
                            + " reals, the confusion "
                            + confusion.positives()
                            + " and "
                            + confusion.negatives());
        }
        return of(
                threshold,
                confusion,
                ranking.auc(),
                ranking.averagePrecision(),
                ranking.eer(),
                atHalf,
                perGenerator);
    }

    private static Evaluation of(
            double threshold,
            ConfusionMatrix confusion,
            double rocAuc,
            double averagePrecision,
            double eer,
            ConfusionMatrix atHalf,
            Map<String, GeneratorMetrics> perGenerator) {
        return new Evaluation(
                confusion.n(),
                threshold,
                confusion,
                confusion.accuracy(),
                confusion.precision(),
                confusion.recall(),
                confusion.f1(),
                rocAuc,
                averagePrecision,
                eer,
                confusion.specificity(),
                confusion.recall(),
                AtHalf.of(atHalf),
                perGenerator);
    }

    /**
     * Threshold metrics at the naive threshold 0.5.
     *
     * <p>Immutable and thread-safe.
     *
     * @param accuracy accuracy at 0.5, in [0, 1]
     * @param precision precision at 0.5, in [0, 1]
     * @param recall recall at 0.5, in [0, 1]
     * @param f1 F1 at 0.5, in [0, 1]
     */
    public record AtHalf(
            @JsonProperty("accuracy") double accuracy,
            @JsonProperty("precision") double precision,
            @JsonProperty("recall") double recall,
            @JsonProperty("f1") double f1) {

        /** Checks that every metric is in [0, 1]. */
        public AtHalf {
            checkUnit("accuracy", accuracy);
            checkUnit("precision", precision);
            checkUnit("recall", recall);
            checkUnit("f1", f1);
        }

        /**
         * Takes the metrics of confusion counts made at threshold 0.5.
         *
         * @param confusion the counts at threshold 0.5
         * @return the metrics
         */
        public static AtHalf of(ConfusionMatrix confusion) {
            return new AtHalf(
                    confusion.accuracy(),
                    confusion.precision(),
                    confusion.recall(),
                    confusion.f1());
        }
    }

    static void checkUnit(String name, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], found " + value);
        }
    }

    static void checkUnitOrNaN(String name, double value) {
        if (!Double.isNaN(value)) {
            checkUnit(name, value);
        }
    }

    private static void checkDerived(String name, double value, double expected) {
        if (!(Math.abs(value - expected) <= TOLERANCE)) {
            throw new IllegalArgumentException(
                    name
                            + " must equal "
                            + expected
                            + " from the confusion counts, found "
                            + value);
        }
    }

    // --- JSON: the file layout nests what the record keeps flat, so map through a private shape.

    @JsonValue
    private Json toJson() {
        return new Json(
                n,
                threshold,
                accuracy,
                precision,
                recall,
                f1,
                rocAuc,
                averagePrecision,
                eer,
                confusion,
                new PerClassAccuracy(realAccuracy, fakeAccuracy),
                atHalf,
                perGenerator);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    private static Evaluation fromJson(Json json) {
        Objects.requireNonNull(json.perClassAccuracy(), "per_class_accuracy is missing");
        return new Evaluation(
                json.n(),
                json.threshold(),
                json.confusion(),
                json.accuracy(),
                json.precision(),
                json.recall(),
                json.f1(),
                json.rocAuc(),
                json.averagePrecision(),
                json.eer(),
                json.perClassAccuracy().real(),
                json.perClassAccuracy().fake(),
                json.atHalf(),
                json.perGenerator() == null ? Map.of() : json.perGenerator());
    }

    private record PerClassAccuracy(
            @JsonProperty("real") double real, @JsonProperty("fake") double fake) {}

    private record Json(
            @JsonProperty("n") long n,
            @JsonProperty("threshold") double threshold,
            @JsonProperty("accuracy") double accuracy,
            @JsonProperty("precision") double precision,
            @JsonProperty("recall") double recall,
            @JsonProperty("f1") double f1,
            @JsonProperty("roc_auc") @NanAsNull double rocAuc,
            @JsonProperty("average_precision") @NanAsNull double averagePrecision,
            @JsonProperty("eer") @NanAsNull double eer,
            @JsonProperty("confusion") ConfusionMatrix confusion,
            @JsonProperty("per_class_accuracy") PerClassAccuracy perClassAccuracy,
            @JsonProperty("at_0_5") AtHalf atHalf,
            @JsonProperty("per_generator") Map<String, GeneratorMetrics> perGenerator) {}
}
