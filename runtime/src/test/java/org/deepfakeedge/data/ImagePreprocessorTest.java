package org.deepfakeedge.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ImagePreprocessorTest {

    @Test
    void constant_colour_is_normalised_as_computed_by_hand() {
        ImagePreprocessor pre = new ImagePreprocessor(4); // ImageNet statistics
        float[] t = pre.toTensor(TestImages.solid(10, 6, 0xff8000)); // (255, 128, 0)

        assertThat(t).hasSize(3 * 16);
        float r = (1f - 0.485f) / 0.229f; // 2.2489
        float g = (128f / 255f - 0.456f) / 0.224f; // 0.2052
        float b = (0f - 0.406f) / 0.225f; // -1.8044
        for (int i = 0; i < 16; i++) {
            assertThat(t[i]).isCloseTo(r, within(1e-5f));
            assertThat(t[16 + i]).isCloseTo(g, within(1e-5f));
            assertThat(t[32 + i]).isCloseTo(b, within(1e-5f));
        }
        assertThat(r).isCloseTo(2.2489f, within(1e-4f));

        float[] half =
                new ImagePreprocessor(2, Normalization.halfHalf(), ResizeMode.STRETCH)
                        .toTensor(TestImages.solid(3, 3, 0xff0000));
        assertThat(half).containsExactly(1, 1, 1, 1, -1, -1, -1, -1, -1, -1, -1, -1);
    }

    @Test
    void chw_layout_puts_channels_in_rgb_planes() {
        BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, 0xff0000);
        img.setRGB(1, 0, 0x0000ff);
        ImagePreprocessor pre =
                new ImagePreprocessor(2, Normalization.halfHalf(), ResizeMode.STRETCH);
        byte[] rgb = {(byte) 255, 0, 0, 0, 0, (byte) 255, 0, (byte) 255, 0, 0, 0, 0};
        float[] dest = new float[2 + 12];

        pre.toChw(rgb, dest, 2);

        // R plane: red, black, green, black → 1, -1, -1, -1; G plane; B plane
        assertThat(dest).containsExactly(0, 0, 1, -1, -1, -1, -1, -1, 1, -1, -1, 1, -1, -1);
        assertThat(pre.resizeToRgb(img)).hasSize(12);
    }

    @Test
    void downscaling_averages_instead_of_sampling() {
        BufferedImage checker = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                checker.setRGB(x, y, ((x + y) & 1) == 0 ? 0xffffff : 0x000000);
            }
        }

        byte[] rgb = new ImagePreprocessor(8).resizeToRgb(checker);

        // Nearest-neighbour would give pure 0 or 255; an area average gives mid grey.
        for (byte v : rgb) {
            assertThat(v & 0xff).isBetween(120, 135);
        }
    }

    @Test
    void upscaling_and_constant_images_keep_their_values() {
        byte[] rgb = new ImagePreprocessor(7).resizeToRgb(TestImages.solid(2, 3, 0x123456));
        for (int i = 0; i < rgb.length; i += 3) {
            assertThat(new int[] {rgb[i] & 0xff, rgb[i + 1] & 0xff, rgb[i + 2] & 0xff})
                    .containsExactly(0x12, 0x34, 0x56);
        }
    }

    @Test
    void center_crop_keeps_the_middle_square_and_stretch_keeps_everything() {
        // 20x10: green 5-pixel borders left and right, red middle
        BufferedImage img = new BufferedImage(20, 10, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 20; x++) {
                img.setRGB(x, y, x < 5 || x >= 15 ? 0x00ff00 : 0xff0000);
            }
        }

        byte[] crop =
                new ImagePreprocessor(4, Normalization.imagenet(), ResizeMode.CENTER_CROP)
                        .resizeToRgb(img);
        byte[] stretch = new ImagePreprocessor(4).resizeToRgb(img);

        for (int i = 0; i < crop.length; i += 3) {
            assertThat(crop[i] & 0xff).isEqualTo(255);
            assertThat(crop[i + 1] & 0xff).isZero();
        }
        assertThat(stretch[1] & 0xff).as("left column is green").isGreaterThan(200);
        assertThat(stretch[3 * 3 + 1] & 0xff).as("right column is green").isGreaterThan(200);
    }

    @Test
    void sub_images_and_non_rgb_types_are_read_correctly() {
        BufferedImage big = TestImages.solid(10, 10, 0x0000ff);
        for (int y = 2; y < 6; y++) {
            for (int x = 3; x < 7; x++) {
                big.setRGB(x, y, 0xff0000);
            }
        }
        BufferedImage sub = big.getSubimage(3, 2, 4, 4);
        byte[] rgb = new ImagePreprocessor(2).resizeToRgb(sub);
        assertThat(rgb).containsExactly(-1, 0, 0, -1, 0, 0, -1, 0, 0, -1, 0, 0);

        BufferedImage grey = new BufferedImage(3, 3, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(1, 1, 0, 90);
        byte[] g = new ImagePreprocessor(3).resizeToRgb(grey);
        assertThat(g[12] & 0xff).isEqualTo(90);
        assertThat(g[13] & 0xff).isEqualTo(90);
    }

    @Test
    void is_safe_to_share_between_threads() throws Exception {
        ImagePreprocessor pre = new ImagePreprocessor(16);
        List<BufferedImage> images = new ArrayList<>();
        List<float[]> expected = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            images.add(TestImages.gradient(40 + i, 30, i));
            expected.add(pre.toTensor(images.get(i)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[]>> results = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (BufferedImage img : images) {
                    results.add(pool.submit(() -> pre.toTensor(img)));
                }
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).containsExactly(expected.get(i % 8));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void invalid_arguments_are_rejected() {
        ImagePreprocessor pre = new ImagePreprocessor(2);
        assertThatThrownBy(() -> pre.toChw(new byte[5], new float[12], 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("12 bytes");
        assertThatThrownBy(() -> pre.toChw(new byte[12], new float[12], 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dest too small");
        assertThatThrownBy(() -> new ImagePreprocessor(0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
