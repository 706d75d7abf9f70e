package org.deepfakeedge.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.assertj.core.data.Offset;
import org.deepfakeedge.InvalidInputException;
import org.junit.jupiter.api.Test;

class VideoLevelTest {
    private static final Offset<Double> EPS = within(1e-6);

    // Frames, deliberately out of video order:
    //   v1 fake gan  0.9 0.7     -> mean 0.8
    //   v2 fake diff 0.3 0.7     -> mean 0.5
    //   v3 real      0.2 0.4 0.6 -> mean 0.4
    //   v4 real      0.1         -> mean 0.1
    //   (no id) real 0.65        -> a video of its own
    static final float[] SCORES = {0.9f, 0.2f, 0.3f, 0.65f, 0.4f, 0.7f, 0.1f, 0.7f, 0.6f};
    static final int[] LABELS = {1, 0, 1, 0, 0, 1, 0, 1, 0};
    static final String[] VIDEOS = {"v1", "v3", "v2", "", "v3", "v1", "v4", "v2", "v3"};
    static final String[] GENERATORS = {"gan", "", "diff", "", "", "gan", "", "diff", ""};

    @Test
    void a_video_is_the_mean_of_its_frames() {
        VideoLevel.Videos v = VideoLevel.aggregate(SCORES, LABELS, VIDEOS, GENERATORS);

        assertThat(v.ids()).containsExactly("v1", "v2", "v3", "v4", "");
        assertThat(v.frames()).containsExactly(2, 2, 3, 1, 1);
        assertThat(v.labels()).containsExactly(1, 1, 0, 0, 0);
        assertThat(v.generators()).containsExactly("gan", "diff", "", "", "");
        double[] means = {0.8, 0.5, 0.4, 0.1, 0.65};
        for (int i = 0; i < means.length; i++) {
            assertThat((double) v.scores()[i]).as(v.ids().get(i)).isCloseTo(means[i], EPS);
        }
    }

    @Test
    void video_level_metrics_are_the_binary_metrics_of_the_means() {
        // Videos: fakes 0.8 0.5, reals 0.4 0.1 0.65.
        // AUC: 6 pairs; 0.8 beats all 3 reals, 0.5 beats 0.4 and 0.1 -> 5/6.
        // threshold 0.45: fakes tp tp; reals 0.4 tn, 0.1 tn, 0.65 fp -> tp2 fp1 tn2 fn0:
        //   accuracy 4/5, precision 2/3, recall 1, F1 4/5.
        // per generator (shared reals 0.4 0.1 0.65): gan = 0.8 -> AUC 1; diff = 0.5 -> AUC 2/3.
        Evaluation e = VideoLevel.evaluate(SCORES, LABELS, VIDEOS, GENERATORS, 0.45);

        assertThat(e.n()).isEqualTo(5);
        assertThat(e.confusion()).isEqualTo(new ConfusionMatrix(2, 1, 2, 0));
        assertThat(e.accuracy()).isCloseTo(0.8, EPS);
        assertThat(e.precision()).isCloseTo(2.0 / 3, EPS);
        assertThat(e.recall()).isCloseTo(1.0, EPS);
        assertThat(e.f1()).isCloseTo(0.8, EPS);
        assertThat(e.rocAuc()).isCloseTo(5.0 / 6, EPS);
        assertThat(e.perGenerator().get("gan").rocAuc()).isCloseTo(1.0, EPS);
        assertThat(e.perGenerator().get("diff").rocAuc()).isCloseTo(2.0 / 3, EPS);

        // The frame level differs: 4 fakes 0.9 0.3 0.7 0.7 against 5 reals.
        Evaluation frames = BinaryMetrics.evaluate(SCORES, LABELS, GENERATORS, 0.45);
        assertThat(frames.n()).isEqualTo(9);
        assertThat(frames.rocAuc()).isNotCloseTo(e.rocAuc(), EPS);
    }

    @Test
    void frames_of_one_video_must_agree_on_the_label() {
        assertThatThrownBy(
                        () ->
                                VideoLevel.aggregate(
                                        new float[] {0.1f, 0.2f},
                                        new int[] {0, 1},
                                        new String[] {"a.mp4", "a.mp4"},
                                        null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("video 'a.mp4'")
                .hasMessageContaining("labels");
    }

    @Test
    void video_ids_are_detected() {
        assertThat(VideoLevel.hasVideos(null)).isFalse();
        assertThat(VideoLevel.hasVideos(new String[] {"", null})).isFalse();
        assertThat(VideoLevel.hasVideos(new String[] {"", "x"})).isTrue();
    }
}
