package org.deepfakeedge.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.deepfakeedge.data.ResizeMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeatmapOverlayTest {
    private static final int GREY = 0x808080;

    /** An 80×40 mid-grey image: wider than high, so STRETCH and CENTER_CROP differ. */
    private static BufferedImage grey(int type) {
        BufferedImage img = new BufferedImage(80, 40, type);
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 80; x++) {
                img.setRGB(x, y, GREY);
            }
        }
        return img;
    }

    private static Heatmap onePixel(int size, int x, int y) {
        float[] v = new float[size * size];
        v[y * size + x] = 1f;
        return new Heatmap(size, v, "test", 1);
    }

    private static int[] pixels(BufferedImage img) {
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }

    @Test
    void a_zero_map_leaves_the_image_unchanged_and_the_original_is_never_modified() {
        BufferedImage img = grey(BufferedImage.TYPE_3BYTE_BGR);
        img.setRGB(5, 6, 0x123456);
        int[] before = pixels(img);
        Heatmap zero = new Heatmap(8, new float[64], "test", 1);
        for (ResizeMode mode : ResizeMode.values()) {
            BufferedImage out = HeatmapOverlay.render(img, zero, mode);
            assertThat(out.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
            assertThat(out.getWidth()).isEqualTo(80);
            assertThat(out.getHeight()).isEqualTo(40);
            assertThat(pixels(out)).as(mode.name()).isEqualTo(before);
        }
        BufferedImage hot = HeatmapOverlay.render(img, onePixel(8, 3, 3), ResizeMode.STRETCH);
        assertThat(pixels(hot)).isNotEqualTo(before);
        assertThat(pixels(img)).isEqualTo(before);
    }

    @Test
    void one_hot_map_pixel_lands_where_the_stretch_put_it_on_a_non_square_image() {
        // map pixel (6, 1) of 8 is the image's x in [60, 70), y in [5, 10): centre (64.5, 7)
        BufferedImage out =
                HeatmapOverlay.render(
                        grey(BufferedImage.TYPE_INT_RGB), onePixel(8, 6, 1), ResizeMode.STRETCH);
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 80; x++) {
                if (change(out.getRGB(x, y) & 0xffffff) > 0) {
                    // bilinear support: map coordinates u in (5, 7), v in (0, 2)
                    assertThat(x).as("changed pixel (%d, %d)", x, y).isBetween(55, 74);
                    assertThat(y).as("changed pixel (%d, %d)", x, y).isBetween(3, 11);
                }
            }
        }
        // (64, 7) and (65, 7) sit at u = 5.95 and 6.05, v = 1: value 0.95 each, the highest;
        // (63, 7) at u = 5.85: 0.85; (64, 6) at v = 0.8: 0.8 * 0.95
        assertThat(out.getRGB(64, 7) & 0xffffff).isEqualTo(overGrey(0.95));
        assertThat(out.getRGB(65, 7) & 0xffffff).isEqualTo(overGrey(0.95));
        assertThat(out.getRGB(63, 7) & 0xffffff).isEqualTo(overGrey(0.85));
        assertThat(out.getRGB(66, 7) & 0xffffff).isEqualTo(overGrey(0.85));
        assertThat(out.getRGB(64, 6) & 0xffffff).isEqualTo(overGrey(0.8f * 0.95f));
        assertThat(out.getRGB(54, 7) & 0xffffff).isEqualTo(GREY);
        assertThat(out.getRGB(64, 13) & 0xffffff).isEqualTo(GREY);
    }

    @Test
    void with_centre_crop_the_map_covers_the_central_square_only() {
        // the 40×40 square is x in [20, 60); map pixel (0, 0) of 8 covers x in [20, 25), y in [0,
        // 5)
        BufferedImage out =
                HeatmapOverlay.render(
                        grey(BufferedImage.TYPE_INT_RGB),
                        onePixel(8, 0, 0),
                        ResizeMode.CENTER_CROP);
        // clamped at the border: (20, 0) to (22, 2) are at most half a map pixel from the sample
        assertThat(out.getRGB(20, 0) & 0xffffff).isEqualTo(overGrey(1));
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 80; x++) {
                boolean near = x >= 20 && x < 27 && y < 7; // u, v = (p + 0.5) / 5 - 0.5 < 1
                assertThat(change(out.getRGB(x, y) & 0xffffff) > 0)
                        .as("pixel (%d, %d)", x, y)
                        .isEqualTo(near);
            }
        }
    }

    @Test
    void a_full_map_blends_every_pixel_with_the_hottest_colour_at_three_quarters() {
        float[] ones = new float[16];
        java.util.Arrays.fill(ones, 1f);
        BufferedImage out =
                HeatmapOverlay.render(
                        grey(BufferedImage.TYPE_INT_RGB),
                        new Heatmap(4, ones, "test", 1),
                        ResizeMode.STRETCH);
        assertThat(HeatmapOverlay.MAX_ALPHA).isEqualTo(0.75);
        // inferno(1) = #fcffa4: 0.25 * 128 + 0.75 * (252, 255, 164) = (221, 223.25, 155)
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 80; x++) {
                assertThat(out.getRGB(x, y) & 0xffffff).isEqualTo(0xdddf9b);
            }
        }
    }

    @Test
    void the_colour_ramp_gets_lighter_with_the_value() {
        assertThat(InfernoColours.rgb(0)).isEqualTo(0x000004);
        assertThat(InfernoColours.rgb(1)).isEqualTo(0xfcffa4);
        assertThat(InfernoColours.rgb(0.5)).isEqualTo(0xbc3754);
        assertThat(InfernoColours.rgb(0.05))
                .isEqualTo(0x0b061f); // halfway to #160b39: (5.5, 30.5) rounded up
        assertThat(InfernoColours.rgb(-1)).isEqualTo(InfernoColours.rgb(Double.NaN)).isEqualTo(4);
        double last = -1;
        for (int i = 0; i <= 100; i++) {
            double l = luma(InfernoColours.rgb(i / 100.0));
            assertThat(l).as("luma at %d%%", i).isGreaterThan(last);
            last = l;
        }
    }

    @Test
    void overlays_are_written_as_png_files_and_bytes(@TempDir Path tmp) throws Exception {
        BufferedImage out =
                HeatmapOverlay.render(
                        grey(BufferedImage.TYPE_INT_RGB), onePixel(8, 6, 1), ResizeMode.STRETCH);
        Path f = tmp.resolve("sub/a.png");
        OverlayPng.write(f, out);
        BufferedImage back = ImageIO.read(f.toFile());
        assertThat(pixels(back)).isEqualTo(pixels(out));
        assertThat(Files.readAllBytes(f)).isEqualTo(OverlayPng.bytes(out));
        try (var listing = Files.list(f.getParent())) {
            assertThat(listing.toList()).containsExactly(f); // no temporary file left
        }
    }

    /** Grey under the colour of {@code v} at opacity 0.75 · v. */
    private static int overGrey(double v) {
        return HeatmapOverlay.blend(GREY, InfernoColours.rgb(v), 0.75 * v);
    }

    private static int change(int rgb) {
        int d = 0;
        for (int s = 0; s <= 16; s += 8) {
            d += Math.abs(((rgb >> s) & 0xff) - ((GREY >> s) & 0xff));
        }
        return d;
    }

    private static double luma(int rgb) {
        return 0.299 * (rgb >> 16 & 0xff) + 0.587 * (rgb >> 8 & 0xff) + 0.114 * (rgb & 0xff);
    }
}
