package org.deepfakeedge.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.deepfakeedge.InvalidInputException;
import org.junit.jupiter.api.Test;

class AugmentationTest {

    private static final int SIZE = 16;

    private static byte[] gradient() {
        return new ImagePreprocessor(SIZE).resizeToRgb(TestImages.gradient(SIZE, SIZE, 3));
    }

    @Test
    void parse_accepts_none_standard_and_lists() {
        assertThat(Augmentation.parse("none")).isEqualTo(Augmentation.none());
        assertThat(Augmentation.parse(" Standard ")).isEqualTo(Augmentation.standard());
        assertThat(Augmentation.parse("flip,crop,jpeg,blur")).isEqualTo(Augmentation.standard());

        Augmentation a = Augmentation.parse("FLIP, jpeg=0.5");
        assertThat(a.flipProb()).isEqualTo(0.5);
        assertThat(a.jpegProb()).isEqualTo(0.5);
        assertThat(a.cropProb()).isZero();
        assertThat(a.blurProb()).isZero();
        assertThat(a.jpegMinQuality()).isEqualTo(Augmentation.standard().jpegMinQuality());
        assertThat(Augmentation.none().isNone()).isTrue();
        assertThat(a.isNone()).isFalse();
    }

    @Test
    void parse_rejects_unknown_tokens_and_bad_probabilities() {
        assertThatThrownBy(() -> Augmentation.parse("flip,rotate"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'rotate'")
                .hasMessageContaining("flip, crop, jpeg, blur");
        assertThatThrownBy(() -> Augmentation.parse("blur=2"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("[0, 1]");
        assertThatThrownBy(() -> Augmentation.parse(" ")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void constructor_validates_ranges() {
        assertThatThrownBy(() -> new Augmentation(1.5, 0, 1, 0, 50, 90, 0, 0))
                .hasMessageContaining("flipProb");
        assertThatThrownBy(() -> new Augmentation(0, 0, 0, 0, 50, 90, 0, 0))
                .hasMessageContaining("cropMinScale");
        assertThatThrownBy(() -> new Augmentation(0, 0, 1, 0, 90, 50, 0, 0))
                .hasMessageContaining("min=90 max=50");
        assertThatThrownBy(() -> new Augmentation(0, 0, 1, 0, 50, 90, 0, -1))
                .hasMessageContaining("blurMaxSigma");
    }

    @Test
    void none_returns_the_input_and_steps_never_modify_it() {
        byte[] rgb = gradient();
        byte[] copy = rgb.clone();
        assertThat(new Augmenter(Augmentation.none(), SIZE).apply(rgb, new SplittableRandom(1)))
                .isSameAs(rgb);

        Augmenter all = new Augmenter(new Augmentation(1, 1, 0.3, 1, 40, 60, 1, 2), SIZE);
        for (int seed = 0; seed < 5; seed++) {
            byte[] out = all.apply(rgb, new SplittableRandom(seed));
            assertThat(out).hasSameSizeAs(rgb).isNotSameAs(rgb);
        }
        assertThat(rgb).isEqualTo(copy);
    }

    @Test
    void same_seed_same_result() {
        Augmenter aug = new Augmenter(Augmentation.standard(), SIZE);
        byte[] rgb = gradient();
        for (int seed = 0; seed < 10; seed++) {
            assertThat(aug.apply(rgb, new SplittableRandom(seed)))
                    .isEqualTo(aug.apply(rgb, new SplittableRandom(seed)));
        }
    }

    @Test
    void flip_mirrors_rows() {
        Augmenter aug = new Augmenter(Augmentation.none(), 2);
        byte[] rgb = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        assertThat(aug.flip(rgb)).containsExactly(4, 5, 6, 1, 2, 3, 10, 11, 12, 7, 8, 9);
    }

    @Test
    void blur_keeps_constant_images_and_smooths_edges() {
        Augmenter aug = new Augmenter(Augmentation.none(), SIZE);
        byte[] flat = new ImagePreprocessor(SIZE).resizeToRgb(TestImages.solid(4, 4, 0x405060));
        assertThat(aug.gaussianBlur(flat, 2.0)).isEqualTo(flat);

        byte[] edge = new byte[SIZE * SIZE * 3];
        for (int y = 0; y < SIZE; y++) {
            for (int x = SIZE / 2; x < SIZE; x++) {
                edge[(y * SIZE + x) * 3] = (byte) 255;
            }
        }
        byte[] blurred = aug.gaussianBlur(edge, 1.5);
        int justLeft = blurred[(5 * SIZE + SIZE / 2 - 1) * 3] & 0xff;
        assertThat(justLeft).isBetween(40, 215);
    }

    @Test
    void jpeg_and_crop_keep_the_size_and_roughly_the_colours() {
        Augmenter aug = new Augmenter(Augmentation.standard(), SIZE);
        byte[] flat = new ImagePreprocessor(SIZE).resizeToRgb(TestImages.solid(4, 4, 0xc86432));
        byte[] jpeg = aug.jpeg(flat, 50);
        assertThat(jpeg).hasSameSizeAs(flat);
        assertThat(jpeg[0] & 0xff).isBetween(190, 210);

        byte[] cropped = aug.randomResizedCrop(gradient(), new SplittableRandom(4));
        assertThat(cropped).hasSize(SIZE * SIZE * 3);
    }
}
