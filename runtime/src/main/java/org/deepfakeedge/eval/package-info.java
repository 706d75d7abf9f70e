/**
 * Evaluation of binary DeepFake detectors: confusion counts, ROC/PR summaries and the decision
 * threshold.
 *
 * <p>Conventions shared by every type here: labels are {@code 0} (real) and {@code 1} (fake), the
 * positive class is <em>fake</em>, and a sample is predicted fake when {@code score >= threshold}
 * (the float score is widened to double before the comparison). Scores must be finite; any monotone
 * score works (probabilities or logits), only the threshold's scale depends on it.
 *
 * <p>The layers follow Tribuo's evaluation package: {@link org.deepfakeedge.eval.ConfusionMatrix}
 * and {@link org.deepfakeedge.eval.RocCurve} are the primitives, {@link
 * org.deepfakeedge.eval.ThresholdPolicy} picks the operating point on validation scores, {@link
 * org.deepfakeedge.eval.BinaryMetrics} assembles an immutable {@link
 * org.deepfakeedge.eval.Evaluation} (serialised to {@code metrics.json} with snake_case keys).
 * Nothing here touches files; ROC curves are drawn by {@code render.SvgChart}.
 *
 * <p>Ratios follow scikit-learn with {@code zero_division=0}: a ratio whose denominator is zero is
 * 0. Ranking metrics (ROC-AUC, average precision, EER) are undefined without both classes and are
 * {@code NaN} then, written as JSON {@code null}.
 */
package org.deepfakeedge.eval;
