package org.deepfakeedge.faces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Frames of any shape go into the square input undistorted and come back exactly. */
class LetterboxTest {

    @Test
    void a_wide_frame_fills_the_width_and_is_centred_vertically() {
        Letterbox b = Letterbox.of(200, 100, 128);
        assertThat(b.scaledWidth).isEqualTo(128);
        assertThat(b.scaledHeight).isEqualTo(64);
        assertThat(b.padX).isZero();
        assertThat(b.padY).isEqualTo(32);
        assertThat(b.toFrameX(0)).isEqualTo(0);
        assertThat(b.toFrameX(128)).isEqualTo(200);
        assertThat(b.toFrameY(32)).isEqualTo(0);
        assertThat(b.toFrameY(96)).isEqualTo(100);
    }

    @Test
    void a_tall_frame_fills_the_height_and_each_axis_keeps_its_own_factor() {
        // 101 x 300: the width scales to round(101 * 128 / 300) = round(43.09) = 43 pixels
        Letterbox b = Letterbox.of(101, 300, 128);
        assertThat(b.scaledWidth).isEqualTo(43);
        assertThat(b.scaledHeight).isEqualTo(128);
        assertThat(b.padX).isEqualTo(42);
        assertThat(b.padY).isZero();
        assertThat(b.toFrameX(42)).isEqualTo(0);
        assertThat(b.toFrameX(42 + 43)).isCloseTo(101, within(1e-12));
        assertThat(b.toFrameY(128)).isEqualTo(300);
    }

    @Test
    void the_input_is_nhwc_in_minus_one_to_one_with_black_borders() {
        BufferedImage img = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(255, 0, 51));
        g.fillRect(0, 0, 40, 20);
        g.dispose();
        Letterbox b = Letterbox.of(40, 20, 8); // 8 x 4 image, 2 rows of border above and below
        float[] in = b.toInput(img);
        assertThat(in).hasSize(8 * 8 * 3);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                int i = (y * 8 + x) * 3;
                if (y < 2 || y >= 6) {
                    assertThat(new float[] {in[i], in[i + 1], in[i + 2]})
                            .containsExactly(-1f, -1f, -1f);
                } else {
                    assertThat(in[i]).isEqualTo(1f);
                    assertThat(in[i + 1]).isEqualTo(-1f);
                    assertThat(in[i + 2]).isCloseTo(51 / 127.5f - 1, within(1e-6f));
                }
            }
        }
    }

    @Test
    void a_square_drawn_in_a_frame_maps_back_to_where_it_was() {
        // 640 x 360 into 128: factor 0.2, 72 rows high, 28 rows of border on top
        BufferedImage img = new BufferedImage(640, 360, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(320, 180, 80, 80);
        g.dispose();
        Letterbox b = Letterbox.of(640, 360, 128);
        float[] in = b.toInput(img);
        // the antialiased resize spreads the square's edges, but keeps its mass and its centre:
        // 16 x 16 white input pixels centred at (72, 72) = (360 * 0.2, 28 + 220 * 0.2)
        double mass = 0;
        double sumX = 0;
        double sumY = 0;
        for (int y = 0; y < 128; y++) {
            for (int x = 0; x < 128; x++) {
                double white = (in[(y * 128 + x) * 3] + 1) / 2;
                mass += white;
                sumX += white * (x + 0.5);
                sumY += white * (y + 0.5);
            }
        }
        assertThat(mass).isCloseTo(256, within(1e-3));
        assertThat(b.toFrameX(sumX / mass)).isCloseTo(360, within(1e-3));
        assertThat(b.toFrameY(sumY / mass)).isCloseTo(220, within(1e-3));
        int minX = 64;
        int minY = 64;
        int maxX = 79;
        int maxY = 79;
        Face inInput =
                new Face(
                        Box.ofCorners(minX, minY, maxX + 1, maxY + 1),
                        0.9,
                        List.of(
                                new Keypoint(64, 64),
                                new Keypoint(80, 80),
                                new Keypoint(0, 28),
                                new Keypoint(128, 100),
                                new Keypoint(70, 70),
                                new Keypoint(72, 72)));
        Face inFrame = b.toFrame(inInput);
        assertThat(inFrame.box()).isEqualTo(new Box(320, 180, 80, 80));
        assertThat(inFrame.score()).isEqualTo(0.9);
        assertThat(inFrame.keypoints().get(1)).isEqualTo(new Keypoint(400, 260));
        assertThat(inFrame.keypoints().get(2)).isEqualTo(new Keypoint(0, 0));
        assertThat(inFrame.keypoints().get(3)).isEqualTo(new Keypoint(640, 360));
    }

    @Test
    void a_one_pixel_frame_still_gets_an_input() {
        Letterbox b = Letterbox.of(1, 1, 128);
        assertThat(b.scaledWidth).isEqualTo(128);
        assertThat(b.scaledHeight).isEqualTo(128);
        Letterbox line = Letterbox.of(1000, 1, 128);
        assertThat(line.scaledHeight).isEqualTo(1);
        assertThat(line.padY).isEqualTo(63);
        assertThat(line.toInput(new BufferedImage(1000, 1, BufferedImage.TYPE_INT_RGB)))
                .hasSize(128 * 128 * 3);
    }
}
