package org.deepfakeedge.scan;

import java.util.Arrays;
import java.util.Locale;
import org.deepfakeedge.InvalidInputException;

/**
 * How a video's frame scores become the file's score: {@code mean}, {@code max}, or {@code topk:K}
 * (the mean of the K highest frame scores; all of them when the video has fewer than K scored
 * frames).
 *
 * @param rule the rule
 * @param k the K of {@code topk}, 0 for the other rules
 */
public record Aggregation(Rule rule, int k) {

    /** The aggregation rules. */
    public enum Rule {
        MEAN,
        MAX,
        TOPK
    }

    public Aggregation {
        if (rule == Rule.TOPK ? k < 1 : k != 0) {
            throw new InvalidInputException(
                    "--aggregate topk:K needs K >= 1 (and mean/max take no K), found " + k);
        }
    }

    /** The mean of the frame scores (the default). */
    public static Aggregation mean() {
        return new Aggregation(Rule.MEAN, 0);
    }

    /** The highest frame score. */
    public static Aggregation max() {
        return new Aggregation(Rule.MAX, 0);
    }

    /** The mean of the {@code k} highest frame scores. */
    public static Aggregation topK(int k) {
        return new Aggregation(Rule.TOPK, k);
    }

    /**
     * Parses {@code mean}, {@code max} or {@code topk:K}, case-insensitively.
     *
     * @throws InvalidInputException for anything else
     */
    public static Aggregation parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("mean")) {
            return mean();
        }
        if (t.equals("max")) {
            return max();
        }
        if (t.startsWith("topk:")) {
            try {
                return topK(Integer.parseInt(t.substring(5)));
            } catch (NumberFormatException e) {
                // falls through to the message below
            }
        }
        throw new InvalidInputException(
                "--aggregate must be mean, max or topk:K (K a whole number >= 1), found '"
                        + text
                        + "'");
    }

    /**
     * Aggregates frame scores.
     *
     * @param scores the scored frames' p_fake (not changed)
     * @return the file's p_fake
     * @throws IllegalArgumentException if {@code scores} is empty
     */
    public double apply(double[] scores) {
        if (scores.length == 0) {
            throw new IllegalArgumentException("no frame scores to aggregate");
        }
        return switch (rule) {
            case MEAN -> Arrays.stream(scores).sum() / scores.length;
            case MAX -> Arrays.stream(scores).max().orElseThrow();
            case TOPK -> {
                double[] sorted = scores.clone();
                Arrays.sort(sorted);
                int n = Math.min(k, sorted.length);
                double sum = 0;
                for (int i = sorted.length - n; i < sorted.length; i++) {
                    sum += sorted[i];
                }
                yield sum / n;
            }
        };
    }

    /** The rule as the option spells it: {@code mean}, {@code max}, {@code topk:K}. */
    @Override
    public String toString() {
        return rule == Rule.TOPK ? "topk:" + k : rule.name().toLowerCase(Locale.ROOT);
    }
}
