package org.deepfakeedge.faces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Raw outputs decoded by hand for single anchors. */
class BlazeFaceDecoderTest {

    private static final Anchors ANCHORS = Anchors.blazeFace();
    private static final int N = 896;

    private final float[] logits = new float[N];
    private final float[] regressors = new float[N * 16];

    BlazeFaceDecoderTest() {
        java.util.Arrays.fill(logits, -10f); // sigmoid(-10) = 0.0000454: below any threshold used
    }

    private void set(int anchor, float logit, float... values) {
        logits[anchor] = logit;
        System.arraycopy(values, 0, regressors, anchor * 16, values.length);
    }

    @Test
    void an_anchor_of_the_first_grid_decodes_to_its_centre_plus_the_offsets() {
        // anchor 34: first grid, row 1, column 1, first anchor: centre (1.5/16, 1.5/16) * 128 =
        // (12, 12) input pixels
        set(34, 2f, 4, -8, 20, 30, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        List<Face> faces = BlazeFaceDecoder.decode(logits, regressors, ANCHORS, 128, 0.5);
        assertThat(faces).hasSize(1);
        Face f = faces.get(0);
        assertThat(f.score()).isCloseTo(1 / (1 + Math.exp(-2)), within(1e-12)); // 0.8808
        // centre (12 + 4, 12 - 8) = (16, 4), size 20 x 30
        assertThat(f.box().x()).isCloseTo(6, within(1e-9));
        assertThat(f.box().y()).isCloseTo(-11, within(1e-9));
        assertThat(f.box().width()).isCloseTo(20, within(1e-9));
        assertThat(f.box().height()).isCloseTo(30, within(1e-9));
        assertThat(f.keypoint(Landmark.RIGHT_EYE).x()).isCloseTo(13, within(1e-9));
        assertThat(f.keypoint(Landmark.RIGHT_EYE).y()).isCloseTo(14, within(1e-9));
        assertThat(f.keypoint(Landmark.LEFT_EAR).x()).isCloseTo(23, within(1e-9));
        assertThat(f.keypoint(Landmark.LEFT_EAR).y()).isCloseTo(24, within(1e-9));
    }

    @Test
    void an_anchor_of_the_second_grid_scales_with_the_input_size() {
        // anchor 512 + 6 * (8 * 2 + 5) + 3: second grid, row 2, column 5: centre (5.5/8, 2.5/8)
        int i = 512 + 6 * (8 * 2 + 5) + 3;
        set(i, 0f, 10, 20, 64, 64, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -2, -4);
        List<Face> faces = BlazeFaceDecoder.decode(logits, regressors, ANCHORS, 256, 0.5);
        assertThat(faces).hasSize(1);
        Face f = faces.get(0);
        assertThat(f.score()).isEqualTo(0.5);
        // 5.5/8 * 256 = 176, 2.5/8 * 256 = 80; centre (186, 100), 64 x 64
        assertThat(f.box()).isEqualTo(new Box(154, 68, 64, 64));
        assertThat(f.keypoint(Landmark.RIGHT_EYE)).isEqualTo(new Keypoint(176, 80));
        assertThat(f.keypoint(Landmark.LEFT_EAR)).isEqualTo(new Keypoint(174, 76));
    }

    @Test
    void the_threshold_keeps_scores_at_or_above_it() {
        set(0, 0f, 0, 0, 10, 10); // score exactly 0.5
        set(1, -0.01f, 0, 0, 10, 10); // just below
        set(600, 3f, 0, 0, 10, 10);
        List<Face> at05 = BlazeFaceDecoder.decode(logits, regressors, ANCHORS, 128, 0.5);
        assertThat(at05).extracting(Face::score).hasSize(2);
        assertThat(BlazeFaceDecoder.decode(logits, regressors, ANCHORS, 128, 0.9)).hasSize(1);
        assertThat(BlazeFaceDecoder.decode(logits, regressors, ANCHORS, 128, 0.99)).isEmpty();
    }

    @Test
    void empty_boxes_are_dropped_and_huge_logits_are_clipped() {
        set(5, 5f, 0, 0, 0, 10); // zero width
        set(6, 5f, 0, 0, 10, -1); // negative height
        set(7, 1e30f, 0, 0, 10, 10);
        set(8, Float.NaN, 0, 0, 10, 10);
        List<Face> faces = BlazeFaceDecoder.decode(logits, regressors, ANCHORS, 128, 0.5);
        assertThat(faces).hasSize(1);
        assertThat(faces.get(0).score()).isEqualTo(1.0);
        assertThat(BlazeFaceDecoder.sigmoid(-1e30)).isGreaterThan(0).isLessThan(1e-40);
    }

    @Test
    void outputs_of_the_wrong_length_are_refused() {
        assertThatThrownBy(
                        () ->
                                BlazeFaceDecoder.decode(
                                        new float[895], regressors, ANCHORS, 128, 0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("896");
    }
}
