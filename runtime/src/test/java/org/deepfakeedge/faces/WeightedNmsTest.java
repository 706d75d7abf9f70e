package org.deepfakeedge.faces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Weighted NMS on boxes worked out by hand. */
class WeightedNmsTest {

    private static Face face(double x, double y, double w, double h, double score) {
        List<Keypoint> k = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            k.add(new Keypoint(x + i, y + 2 * i));
        }
        return new Face(new Box(x, y, w, h), score, k);
    }

    @Test
    void overlapping_boxes_are_averaged_by_score_and_keep_the_best_score() {
        Face a = face(0, 0, 10, 10, 0.9);
        Face b = face(2, 0, 10, 10, 0.6); // IoU with a = 80 / 120 = 0.667
        Face far = face(50, 50, 10, 10, 0.7);
        List<Face> out = WeightedNms.apply(List.of(b, far, a), 0.3);
        assertThat(out).hasSize(2);
        Face merged = out.get(0);
        assertThat(merged.score()).isEqualTo(0.9);
        // left = (0.9 * 0 + 0.6 * 2) / 1.5 = 0.8, right = (0.9 * 10 + 0.6 * 12) / 1.5 = 10.8
        assertThat(merged.box().x()).isCloseTo(0.8, within(1e-12));
        assertThat(merged.box().right()).isCloseTo(10.8, within(1e-12));
        assertThat(merged.box().y()).isCloseTo(0, within(1e-12));
        assertThat(merged.box().bottom()).isCloseTo(10, within(1e-12));
        // keypoint 3 of a is (3, 6), of b (5, 6): (0.9 * 3 + 0.6 * 5) / 1.5 = 3.8
        assertThat(merged.keypoints().get(3).x()).isCloseTo(3.8, within(1e-12));
        assertThat(merged.keypoints().get(3).y()).isCloseTo(6, within(1e-12));
        assertThat(out.get(1)).isSameAs(far);
    }

    @Test
    void only_an_iou_above_the_threshold_merges() {
        Face a = face(0, 0, 10, 10, 0.9);
        Face b = face(5, 0, 10, 10, 0.8); // IoU = 50 / 150 = 1/3
        assertThat(a.box().iou(b.box())).isCloseTo(1.0 / 3, within(1e-15));
        assertThat(WeightedNms.apply(List.of(a, b), 0.34)).hasSize(2);
        assertThat(WeightedNms.apply(List.of(a, b), 0.33)).hasSize(1);
    }

    @Test
    void clusters_form_around_the_best_box_not_by_chains() {
        Face a = face(0, 0, 10, 10, 0.9);
        Face b = face(4, 0, 10, 10, 0.8); // IoU(a, b) = 60 / 140 = 0.43
        Face c = face(8, 0, 10, 10, 0.7); // IoU(a, c) = 20 / 180 = 0.11, IoU(b, c) = 0.43
        List<Face> out = WeightedNms.apply(List.of(c, b, a), 0.3);
        assertThat(out).hasSize(2);
        assertThat(out.get(0).score()).isEqualTo(0.9);
        // a + b: left (0 * 0.9 + 4 * 0.8) / 1.7
        assertThat(out.get(0).box().x()).isCloseTo(3.2 / 1.7, within(1e-12));
        assertThat(out.get(1)).isSameAs(c); // c alone: b was taken by a's cluster
    }

    @Test
    void the_result_does_not_depend_on_the_input_order() {
        Random r = new Random(7);
        List<Face> faces = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            faces.add(
                    face(
                            r.nextInt(100),
                            r.nextInt(100),
                            10 + r.nextInt(20),
                            10 + r.nextInt(20),
                            (i + 1) / 41.0));
        }
        List<Face> expected = WeightedNms.apply(faces, 0.3);
        for (int k = 0; k < 5; k++) {
            Collections.shuffle(faces, r);
            assertThat(WeightedNms.apply(faces, 0.3)).isEqualTo(expected);
        }
        assertThat(expected)
                .extracting(Face::score)
                .isSortedAccordingTo((x, y) -> Double.compare(y, x));
        assertThat(expected.size()).isLessThan(40).isGreaterThan(1);
    }

    @Test
    void nothing_in_nothing_out() {
        assertThat(WeightedNms.apply(List.of(), 0.3)).isEmpty();
    }
}
