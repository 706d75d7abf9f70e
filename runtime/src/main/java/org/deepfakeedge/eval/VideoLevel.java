package org.deepfakeedge.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.deepfakeedge.InvalidInputException;

/**
 * Video-level evaluation of frame scores, as DeepfakeBench reports it: a video's score is the mean
 * of its frames' scores, and the video is then one sample of an ordinary {@link Evaluation}.
 *
 * <p>Frames are grouped by their video id. A frame without one ({@code null} or {@code ""}) counts
 * as a video of its own, so that still images mixed into a video data set are still counted once
 * each. Every frame of one video must carry the same label and the same generator tag; the video
 * keeps them. Videos are ordered by id (then the id-less frames in input order), so the result does
 * not depend on the order of the frames. Stateless and thread-safe.
 */
public final class VideoLevel {

    private VideoLevel() {}

    /**
     * The per-video samples: one mean score, label and generator per video.
     *
     * @param ids the video ids ({@code ""} for a frame without one)
     * @param scores mean frame score per video
     * @param labels label per video
     * @param generators generator tag per video ({@code ""} when none)
     * @param frames number of frames per video
     */
    public record Videos(
            List<String> ids, float[] scores, int[] labels, String[] generators, int[] frames) {

        /** Copies the ids. */
        public Videos {
            ids = List.copyOf(ids);
        }

        /**
         * Returns the number of videos.
         *
         * @return the count
         */
        public int size() {
            return ids.size();
        }
    }

    /**
     * Tells whether any frame names a video, i.e. whether a video-level evaluation means anything.
     *
     * @param videos video id per frame, {@code null} or {@code ""} for none; may be {@code null}
     * @return true when at least one id is non-empty
     */
    public static boolean hasVideos(String[] videos) {
        if (videos == null) {
            return false;
        }
        for (String v : videos) {
            if (v != null && !v.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Groups frames into videos and averages their scores.
     *
     * @param scores frame scores; finite
     * @param labels frame labels, 0 or 1, same length
     * @param videos video id per frame, same length; {@code null} or {@code ""} for none
     * @param generators generator tag per frame, same length, or {@code null} for no tags
     * @return the videos
     * @throws InvalidInputException if the arrays differ in length, or the frames of one video
     *     disagree on the label or the generator
     */
    public static Videos aggregate(
            float[] scores, int[] labels, String[] videos, String[] generators) {
        Objects.requireNonNull(scores, "scores must not be null");
        Objects.requireNonNull(labels, "labels must not be null");
        Objects.requireNonNull(videos, "videos must not be null");
        if (labels.length != scores.length
                || videos.length != scores.length
                || (generators != null && generators.length != scores.length)) {
            throw new InvalidInputException(
                    "scores, labels, videos and generators must have one entry per frame, found "
                            + scores.length
                            + ", "
                            + labels.length
                            + ", "
                            + videos.length
                            + " and "
                            + (generators == null ? "no" : generators.length));
        }
        Map<String, List<Integer>> byVideo = new TreeMap<>();
        List<List<Integer>> groups = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            String v = videos[i];
            if (v == null || v.isEmpty()) {
                continue;
            }
            byVideo.computeIfAbsent(v, k -> new ArrayList<>()).add(i);
        }
        byVideo.forEach(
                (id, frames) -> {
                    ids.add(id);
                    groups.add(frames);
                });
        for (int i = 0; i < scores.length; i++) {
            if (videos[i] == null || videos[i].isEmpty()) {
                ids.add("");
                groups.add(List.of(i));
            }
        }
        int n = groups.size();
        float[] meanScores = new float[n];
        int[] videoLabels = new int[n];
        String[] videoGenerators = new String[n];
        int[] frames = new int[n];
        for (int g = 0; g < n; g++) {
            List<Integer> members = groups.get(g);
            int first = members.get(0);
            double sum = 0;
            for (int i : members) {
                if (labels[i] != labels[first]) {
                    throw disagree(ids.get(g), "labels", labels[first], labels[i]);
                }
                String tag = tag(generators, i);
                if (!tag.equals(tag(generators, first))) {
                    throw disagree(ids.get(g), "generators", tag(generators, first), tag);
                }
                sum += scores[i];
            }
            meanScores[g] = (float) (sum / members.size());
            videoLabels[g] = labels[first];
            videoGenerators[g] = tag(generators, first);
            frames[g] = members.size();
        }
        return new Videos(ids, meanScores, videoLabels, videoGenerators, frames);
    }

    /**
     * Evaluates at the video level: {@link #aggregate} then {@link BinaryMetrics#evaluate} on the
     * videos, so the metrics and their keys are those of the frame level, with {@code n} counting
     * videos.
     *
     * @param scores frame scores; finite
     * @param labels frame labels, 0 or 1
     * @param videos video id per frame ({@code null} or {@code ""} for none)
     * @param generators generator tag per frame, or {@code null} for no tags
     * @param threshold decision threshold applied to the mean score
     * @return the video-level evaluation
     * @throws InvalidInputException as {@link #aggregate} and {@link BinaryMetrics#evaluate}
     */
    public static Evaluation evaluate(
            float[] scores, int[] labels, String[] videos, String[] generators, double threshold) {
        Videos v = aggregate(scores, labels, videos, generators);
        return BinaryMetrics.evaluate(
                v.scores(), v.labels(), generators == null ? null : v.generators(), threshold);
    }

    private static String tag(String[] generators, int i) {
        return generators == null || generators[i] == null ? "" : generators[i];
    }

    private static InvalidInputException disagree(
            String video, String what, Object first, Object other) {
        return new InvalidInputException(
                "The frames of video '"
                        + video
                        + "' have different "
                        + what
                        + " ("
                        + first
                        + " and "
                        + other
                        + "). Fix: give every frame of a video the same label and generator.");
    }
}
