package org.deepfakeedge.faces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Anchor centres worked out by hand from MediaPipe's SSD anchor options. */
class AnchorsTest {

    private final Anchors anchors = Anchors.blazeFace();

    private void assertCentre(int i, double x, double y) {
        assertThat((double) anchors.x(i)).as("x of anchor " + i).isCloseTo(x, within(1e-7));
        assertThat((double) anchors.y(i)).as("y of anchor " + i).isCloseTo(y, within(1e-7));
    }

    @Test
    void there_are_16x16x2_then_8x8x6_anchors() {
        assertThat(anchors.size()).isEqualTo(16 * 16 * 2 + 8 * 8 * 6).isEqualTo(896);
    }

    @Test
    void the_first_grid_has_two_anchors_per_cell_row_by_row() {
        assertCentre(0, 0.5 / 16, 0.5 / 16);
        assertCentre(1, 0.5 / 16, 0.5 / 16); // second anchor of the same cell
        assertCentre(2, 1.5 / 16, 0.5 / 16); // next cell to the right
        assertCentre(31, 15.5 / 16, 0.5 / 16); // last cell of the first row
        assertCentre(32, 0.5 / 16, 1.5 / 16); // first cell of the second row
        assertCentre(2 * (16 * 5 + 7) + 1, 7.5 / 16, 5.5 / 16); // row 5, column 7
        assertCentre(511, 15.5 / 16, 15.5 / 16);
    }

    @Test
    void the_second_grid_has_six_anchors_per_cell() {
        for (int a = 0; a < 6; a++) {
            assertCentre(512 + a, 0.5 / 8, 0.5 / 8);
        }
        assertCentre(512 + 6, 1.5 / 8, 0.5 / 8);
        assertCentre(512 + 6 * 8, 0.5 / 8, 1.5 / 8);
        assertCentre(512 + 6 * (8 * 3 + 2) + 5, 2.5 / 8, 3.5 / 8); // row 3, column 2
        assertCentre(895, 7.5 / 8, 7.5 / 8);
    }

    @Test
    void other_grids_follow_the_same_layout() {
        Anchors a = Anchors.of(new int[][] {{2, 1}, {1, 3}});
        assertThat(a.size()).isEqualTo(4 + 3);
        assertThat(a.x(1)).isEqualTo(0.75f);
        assertThat(a.y(1)).isEqualTo(0.25f);
        assertThat(a.x(2)).isEqualTo(0.25f);
        assertThat(a.y(2)).isEqualTo(0.75f);
        assertThat(a.x(6)).isEqualTo(0.5f);
        assertThat(a.y(6)).isEqualTo(0.5f);
    }
}
