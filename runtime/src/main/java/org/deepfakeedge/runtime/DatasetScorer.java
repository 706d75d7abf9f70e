package org.deepfakeedge.runtime;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.deepfakeedge.data.Augmentation;
import org.deepfakeedge.data.Batch;
import org.deepfakeedge.data.BatchLoader;
import org.deepfakeedge.data.DecodedImageTransform;
import org.deepfakeedge.data.ImagePreprocessor;
import org.deepfakeedge.data.Sample;

/**
 * Runs a {@link Scorer} over samples in order: the shared path of evaluate, predict and validation.
 */
public final class DatasetScorer {
    private DatasetScorer() {}

    /** Scores every readable sample; unreadable ones are skipped and listed. */
    public static DatasetScores score(
            Scorer scorer,
            List<Sample> samples,
            ImagePreprocessor prep,
            int batchSize,
            int threads,
            long cacheBytes) {
        try (BatchLoader loader = inOrder(samples, prep, batchSize, threads, cacheBytes)) {
            return score(scorer, loader);
        }
    }

    /**
     * Scores every readable sample with each decoded image changed by {@code decodedTransform}
     * before the preprocessing (robustness evaluation); unreadable ones are skipped and listed.
     */
    public static DatasetScores score(
            Scorer scorer,
            List<Sample> samples,
            ImagePreprocessor prep,
            int batchSize,
            int threads,
            long cacheBytes,
            DecodedImageTransform decodedTransform) {
        try (BatchLoader loader =
                new BatchLoader(
                        samples,
                        prep,
                        Augmentation.none(),
                        batchSize,
                        false,
                        0L,
                        threads,
                        cacheBytes,
                        false,
                        decodedTransform)) {
            return score(scorer, loader);
        }
    }

    /** A loader that yields the samples in order, unaugmented: reuse it to keep its image cache. */
    public static BatchLoader inOrder(
            List<Sample> samples,
            ImagePreprocessor prep,
            int batchSize,
            int threads,
            long cacheBytes) {
        return new BatchLoader(
                samples, prep, Augmentation.none(), batchSize, false, 0L, threads, cacheBytes);
    }

    /** Scores every readable sample of an in-order loader (see {@link #inOrder}). */
    public static DatasetScores score(Scorer scorer, BatchLoader loader) {
        int total = loader.sampleCount();
        List<Sample> done = new ArrayList<>(total);
        float[] scores = new float[total];
        int k = 0;
        Iterator<Batch> it = loader.epoch(0);
        while (it.hasNext()) {
            Batch b = it.next();
            float[] s = scorer.scores(b.data(), b.size());
            System.arraycopy(s, 0, scores, k, b.size());
            k += b.size();
            done.addAll(b.samples());
        }
        int[] labels = new int[k];
        String[] gens = new String[k];
        for (int i = 0; i < k; i++) {
            labels[i] = done.get(i).label();
            gens[i] = done.get(i).generator();
        }
        return new DatasetScores(
                java.util.Arrays.copyOf(scores, k), labels, gens, done, loader.skipped());
    }
}
