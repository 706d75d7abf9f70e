package org.deepfakeedge.faces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import org.deepfakeedge.faces.FaceCrop.Border;
import org.junit.jupiter.api.Test;

/** Square crops with a margin, shifted or padded at the borders, resized to the model's input. */
class FaceCropTest {

    private final FaceCrop crop = new FaceCrop(32);

    @Test
    void the_default_crop_is_1_3_times_the_longer_side_centred_on_the_box() {
        assertThat(crop.margin()).isEqualTo(1.3);
        assertThat(crop.border()).isEqualTo(Border.SHIFT);
        // box 40 x 60 centred at (120, 130): side 78, corner (120 - 39, 130 - 39)
        assertThat(crop.region(new Box(100, 100, 40, 60), 400, 400))
                .isEqualTo(new Rectangle(81, 91, 78, 78));
    }

    @Test
    void the_margin_is_an_option() {
        assertThat(crop.withMargin(1.0).region(new Box(100, 100, 40, 60), 400, 400))
                .isEqualTo(new Rectangle(90, 100, 60, 60));
        assertThat(crop.withMargin(2.0).region(new Box(100, 100, 40, 60), 400, 400))
                .isEqualTo(new Rectangle(60, 70, 120, 120));
        assertThatThrownBy(() -> crop.withMargin(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("margin");
    }

    @Test
    void at_a_border_shift_moves_the_square_inside_and_pad_keeps_it_centred() {
        Box corner = new Box(0, 0, 40, 40); // side 52, centred at (20, 20): corner (-6, -6)
        assertThat(crop.region(corner, 400, 300)).isEqualTo(new Rectangle(0, 0, 52, 52));
        assertThat(crop.withBorder(Border.PAD).region(corner, 400, 300))
                .isEqualTo(new Rectangle(-6, -6, 52, 52));
        Box bottomRight = new Box(370, 270, 40, 40); // corner (364, 264), past 400 x 300
        assertThat(crop.region(bottomRight, 400, 300)).isEqualTo(new Rectangle(348, 248, 52, 52));
    }

    @Test
    void shift_shrinks_a_square_larger_than_the_image_to_its_shorter_side() {
        // side 390 does not fit a 200 x 100 image: 100, centred at x = 150 then moved inside
        assertThat(crop.region(new Box(0, 0, 300, 300), 200, 100))
                .isEqualTo(new Rectangle(100, 0, 100, 100));
        assertThat(crop.withBorder(Border.PAD).region(new Box(0, 0, 300, 300), 200, 100))
                .isEqualTo(new Rectangle(-45, -45, 390, 390));
    }

    /** Left half red, right half blue, 200 x 100. */
    private static BufferedImage halves() {
        BufferedImage img = new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 100, 100);
        g.setColor(Color.BLUE);
        g.fillRect(100, 0, 100, 100);
        g.dispose();
        return img;
    }

    @Test
    void the_crop_holds_the_region_resized_to_the_output_size() {
        BufferedImage img = halves();
        BufferedImage red = crop.crop(img, new Box(20, 20, 40, 40)); // region (14, 14, 52, 52)
        assertThat(red.getWidth()).isEqualTo(32);
        assertThat(red.getHeight()).isEqualTo(32);
        assertThat(red.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(red.getRGB(0, 0) & 0xffffff).isEqualTo(0xff0000);
        assertThat(red.getRGB(31, 31) & 0xffffff).isEqualTo(0xff0000);
        // a box across the middle: red on the crop's left, blue on its right
        BufferedImage both = crop.crop(img, new Box(80, 30, 40, 40));
        assertThat(both.getRGB(2, 16) & 0xffffff).isEqualTo(0xff0000);
        assertThat(both.getRGB(29, 16) & 0xffffff).isEqualTo(0x0000ff);
    }

    @Test
    void a_padded_crop_is_black_outside_the_image() {
        BufferedImage img = halves();
        // box at the top-left corner, margin 2: region (-20, -20, 80, 80), the image from (20, 20)
        BufferedImage out = new FaceCrop(2.0, 80, Border.PAD).crop(img, new Box(0, 0, 40, 40));
        assertThat(out.getRGB(5, 5) & 0xffffff).isZero();
        assertThat(out.getRGB(75, 5) & 0xffffff).isZero();
        assertThat(out.getRGB(5, 75) & 0xffffff).isZero();
        assertThat(out.getRGB(50, 50) & 0xffffff).isEqualTo(0xff0000);
        // the same box shifted instead: the region (0, 0, 80, 80) holds red pixels only
        BufferedImage shifted =
                new FaceCrop(2.0, 80, Border.SHIFT).crop(img, new Box(0, 0, 40, 40));
        assertThat(shifted.getRGB(5, 5) & 0xffffff).isEqualTo(0xff0000);
    }

    @Test
    void grey_images_and_faces_are_accepted() {
        BufferedImage grey = new BufferedImage(50, 50, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = grey.createGraphics();
        g.setColor(new Color(128, 128, 128));
        g.fillRect(0, 0, 50, 50);
        g.dispose();
        Face f =
                new Face(
                        new Box(10, 10, 20, 20),
                        0.8,
                        java.util.Collections.nCopies(6, new Keypoint(20, 20)));
        BufferedImage out = crop.crop(grey, f);
        int expected = org.deepfakeedge.data.ImageDecoder.toRgb(grey).getRGB(20, 20) & 0xffffff;
        assertThat(out.getRGB(16, 16) & 0xffffff).isEqualTo(expected);
        assertThat(expected >> 16).isEqualTo(expected & 0xff).isBetween(100, 160);
    }

    @Test
    void a_box_too_large_to_pad_is_refused() {
        assertThatThrownBy(
                        () -> crop.withBorder(Border.PAD).region(new Box(0, 0, 1e6, 1e6), 100, 100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a face");
    }
}
