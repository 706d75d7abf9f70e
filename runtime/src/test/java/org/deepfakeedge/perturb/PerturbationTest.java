package org.deepfakeedge.perturb;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.deepfakeedge.data.Sample;
import org.deepfakeedge.data.Split;
import org.junit.jupiter.api.Test;

/** Each perturbation against pixels worked out by hand or by ImageIO itself. */
class PerturbationTest {

    /** A grey image whose every row is {@code row}. */
    private static BufferedImage greyRows(int[] row, int height) {
        BufferedImage img = new BufferedImage(row.length, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < row.length; x++) {
                img.setRGB(x, y, row[x] * 0x010101);
            }
        }
        return img;
    }

    private static BufferedImage random(int w, int h, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, r.nextInt(1 << 24));
            }
        }
        return img;
    }

    private static BufferedImage solid(int w, int h, int rgb) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        return img;
    }

    private static int[] pixels(BufferedImage img) {
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }

    private static int grey(BufferedImage img, int x, int y) {
        int p = img.getRGB(x, y);
        assertThat((p >> 16) & 0xff).as("R = G = B at %d,%d", x, y).isEqualTo((p >> 8) & 0xff);
        assertThat(p & 0xff).as("R = G = B at %d,%d", x, y).isEqualTo((p >> 8) & 0xff);
        return p & 0xff;
    }

    @Test
    void jpeg_equals_imageios_own_round_trip_with_the_same_settings() throws Exception {
        BufferedImage img = random(40, 24, 3);
        for (int quality : new int[] {95, 50}) {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality / 100f);
                writer.setOutput(out);
                writer.write(null, new IIOImage(img, null, null), param);
            } finally {
                writer.dispose();
            }
            BufferedImage expected = ImageIO.read(new ByteArrayInputStream(bytes.toByteArray()));
            BufferedImage actual = new JpegRecompression(quality).apply(img, 0);
            assertThat(actual.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
            assertThat(pixels(actual)).as("quality " + quality).isEqualTo(pixels(expected));
            assertThat(pixels(actual)).as("JPEG is lossy").isNotEqualTo(pixels(img));
        }
    }

    @Test
    void resize_by_half_matches_the_hand_computed_filter() {
        // Down 4 -> 2 (triangle filter widened to radius 2, taps at distance 0.5, 0.5, 1.5 from
        // the centre, weights 3/7, 3/7, 1/7): 500/7 = 71.4 -> 71 and 880/7 = 125.7 -> 126.
        // Back up 2 -> 4 (bilinear, half-pixel centres, edges clamped): 71, 0.75*71 + 0.25*126 =
        // 84.75 -> 85, 0.25*71 + 0.75*126 = 112.25 -> 112, 126. The 2 rows go to 1 and back.
        BufferedImage out =
                new DownUpResize(0.5).apply(greyRows(new int[] {0, 100, 200, 60}, 2), 0);
        assertThat(out.getWidth()).isEqualTo(4);
        assertThat(out.getHeight()).isEqualTo(2);
        for (int y = 0; y < 2; y++) {
            int[] row = new int[4];
            for (int x = 0; x < 4; x++) {
                row[x] = grey(out, x, y);
            }
            assertThat(row).as("row " + y).containsExactly(71, 85, 112, 126);
        }
    }

    @Test
    void crop_keeps_the_centre_and_enlarges_it_back() {
        // 4x4, centre 2x2 has columns 40 and 200, border 0. crop:0.5 keeps x, y in [1, 2];
        // enlarging 2 -> 4 gives 40, 0.75*40 + 0.25*200 = 80, 0.25*40 + 0.75*200 = 160, 200.
        BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        for (int y = 1; y <= 2; y++) {
            img.setRGB(1, y, 40 * 0x010101);
            img.setRGB(2, y, 200 * 0x010101);
        }
        BufferedImage out = new CenterCrop(0.5).apply(img, 0);
        for (int y = 0; y < 4; y++) {
            int[] row = new int[4];
            for (int x = 0; x < 4; x++) {
                row[x] = grey(out, x, y);
            }
            assertThat(row).as("row " + y).containsExactly(40, 80, 160, 200);
        }
    }

    @Test
    void factor_one_resize_and_crop_change_no_pixel() {
        BufferedImage img = random(33, 20, 7);
        assertThat(pixels(new DownUpResize(1).apply(img, 0))).isEqualTo(pixels(img));
        assertThat(pixels(new CenterCrop(1).apply(img, 0))).isEqualTo(pixels(img));
        assertThat(pixels(new DownUpResize(0.5).apply(img, 0))).isNotEqualTo(pixels(img));
    }

    @Test
    void blur_keeps_a_constant_image() {
        BufferedImage img = solid(21, 13, 0x3c7fd2);
        assertThat(pixels(new Blur(2).apply(img, 0))).isEqualTo(pixels(img));
    }

    @Test
    void blur_of_an_impulse_is_symmetric_and_keeps_its_sum_within_rounding() {
        int side = 15;
        int c = 7;
        BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        img.setRGB(c, c, 0xffffff);
        BufferedImage out = new Blur(1).apply(img, 0);
        long sum = 0;
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int v = grey(out, x, y);
                sum += v;
                int dx = x - c;
                int dy = y - c;
                assertThat(v).as("mirror of %d,%d", x, y).isEqualTo(grey(out, c - dx, y));
                assertThat(v).as("mirror of %d,%d", x, y).isEqualTo(grey(out, x, c - dy));
                assertThat(v).as("transpose of %d,%d", x, y).isEqualTo(grey(out, y, x));
                if (Math.abs(dx) > 3 || Math.abs(dy) > 3) {
                    assertThat(v).as("beyond the radius 3 sigma at %d,%d", x, y).isZero();
                }
            }
        }
        // Each of the 7 x 7 pixels the kernel reaches is rounded once, by at most 0.5.
        assertThat((double) Math.abs(sum - 255)).isLessThanOrEqualTo(0.5 * 49);
        double norm = 0;
        for (int i = -3; i <= 3; i++) {
            norm += Math.exp(-i * i / 2.0);
        }
        assertThat(grey(out, c, c)).isEqualTo((int) Math.round(255 / (norm * norm)));
    }

    @Test
    void noise_is_the_same_for_a_seed_and_differs_for_another() {
        BufferedImage img = random(16, 16, 1);
        GaussianNoise noise = new GaussianNoise(0.03);
        assertThat(pixels(noise.apply(img, 42))).isEqualTo(pixels(noise.apply(img, 42)));
        assertThat(pixels(noise.apply(img, 42))).isNotEqualTo(pixels(noise.apply(img, 43)));
        assertThat(pixels(noise.apply(img, 42))).isNotEqualTo(pixels(img));
    }

    @Test
    void noise_has_the_asked_standard_deviation_and_is_clipped_not_wrapped() {
        int side = 64;
        BufferedImage out = new GaussianNoise(0.03).apply(solid(side, side, 0x808080), 5);
        double sum = 0;
        double squares = 0;
        int n = 0;
        for (int p : pixels(out)) {
            for (int shift : new int[] {16, 8, 0}) {
                double d = ((p >> shift) & 0xff) - 128;
                sum += d;
                squares += d * d;
                n++;
            }
        }
        double mean = sum / n;
        double std = Math.sqrt(squares / n - mean * mean);
        // 12,288 draws: the standard error of the mean is 7.65 / sqrt(12288) = 0.07.
        assertThat(mean).isBetween(-0.35, 0.35);
        assertThat(std).isCloseTo(0.03 * 255, org.assertj.core.data.Percentage.withPercentage(5));

        BufferedImage white = new GaussianNoise(0.03).apply(solid(side, side, 0xffffff), 5);
        int min = 255;
        int below = 0;
        for (int p : pixels(white)) {
            for (int shift : new int[] {16, 8, 0}) {
                int v = (p >> shift) & 0xff;
                min = Math.min(min, v);
                below += v < 255 ? 1 : 0;
            }
        }
        assertThat(below).as("values pushed down").isGreaterThan(0);
        assertThat(min).as("no value wrapped around past 255").isGreaterThan(200);
    }

    @Test
    void a_file_gets_the_same_noise_in_every_run_and_another_file_other_noise() {
        BufferedImage img = solid(12, 12, 0x808080);
        var hook = new GaussianNoise(0.05).onDecode(PerturbationSeeds.DEFAULT_SEED);
        Sample a = new Sample(Path.of("/data/test/fake/a.png"), 1, Split.TEST, "");
        Sample sameFile = new Sample(Path.of("/data/test/fake/a.png"), 1, Split.TEST, "gan");
        Sample b = new Sample(Path.of("/data/test/fake/b.png"), 1, Split.TEST, "");
        assertThat(pixels(hook.apply(img, a))).isEqualTo(pixels(hook.apply(img, sameFile)));
        assertThat(pixels(hook.apply(img, a))).isNotEqualTo(pixels(hook.apply(img, b)));
    }

    @Test
    void the_social_preset_is_resize_half_then_jpeg_75() {
        BufferedImage img = random(30, 18, 9);
        PerturbationChain social = PerturbationChain.social();
        assertThat(social.name()).isEqualTo("social");
        BufferedImage expected =
                new JpegRecompression(75).apply(new DownUpResize(0.5).apply(img, 0), 0);
        assertThat(pixels(social.apply(img, 1))).isEqualTo(pixels(expected));
    }

    @Test
    void two_noise_steps_of_a_chain_draw_different_noise() {
        BufferedImage img = solid(10, 10, 0x808080);
        GaussianNoise n = new GaussianNoise(0.02);
        PerturbationChain twice = PerturbationChain.of(java.util.List.of(n, n));
        assertThat(twice.name()).isEqualTo("noise:0.02+noise:0.02");
        long seed = 11;
        BufferedImage sameSeedTwice = n.apply(n.apply(img, seed), seed);
        assertThat(pixels(twice.apply(img, seed))).isNotEqualTo(pixels(sameSeedTwice));
        assertThat(pixels(twice.apply(img, seed))).isEqualTo(pixels(twice.apply(img, seed)));
    }

    @Test
    void other_image_types_are_converted_and_the_input_is_left_alone() {
        BufferedImage gray = new BufferedImage(8, 6, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSample(3, 2, 0, 200);
        int[] before = pixels(gray);
        for (Perturbation p :
                new Perturbation[] {
                    new JpegRecompression(80),
                    new DownUpResize(0.5),
                    new Blur(1),
                    new GaussianNoise(0.01),
                    new CenterCrop(0.75)
                }) {
            BufferedImage out = p.apply(gray, 3);
            assertThat(out.getType()).as(p.name()).isEqualTo(BufferedImage.TYPE_INT_RGB);
            assertThat(out.getWidth()).as(p.name()).isEqualTo(8);
            assertThat(out.getHeight()).as(p.name()).isEqualTo(6);
            assertThat(pixels(gray)).as(p.name() + " left its input alone").isEqualTo(before);
        }
    }
}
