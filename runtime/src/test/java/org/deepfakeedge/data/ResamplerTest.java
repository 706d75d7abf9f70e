package org.deepfakeedge.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ResamplerTest {

    @Test
    void at_scale_one_the_copy_equals_the_filter_passes_byte_for_byte() {
        SplittableRandom r = new SplittableRandom(3);
        int w = 37;
        int h = 23;
        int stride = 41;
        int base = 2 * stride + 3; // a rectangle inside a larger image
        int[] pixels = new int[stride * (h + 4)];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = r.nextInt(1 << 24);
        }
        byte[] fast = Resampler.resize(pixels, base, stride, w, h, w, h);
        byte[] filtered = Resampler.filtered(pixels, base, stride, w, h, w, h);
        assertThat(fast).isEqualTo(filtered);
        // and they are the pixels themselves: the first pixel's R, G, B
        int p = pixels[base];
        assertThat(fast[0]).isEqualTo((byte) (p >> 16));
        assertThat(fast[1]).isEqualTo((byte) (p >> 8));
        assertThat(fast[2]).isEqualTo((byte) p);
    }

    @Test
    void other_scales_take_the_filter() {
        int[] pixels = {0x000000, 0xffffff, 0x000000, 0xffffff};
        // 4×1 → 2×1: each output is a weighted average of black and white pixels, neither
        byte[] out = Resampler.resize(pixels, 0, 4, 4, 1, 2, 1);
        assertThat(out).hasSize(6);
        assertThat(out[0] & 0xff).isStrictlyBetween(0, 255);
        assertThat(out).isEqualTo(Resampler.filtered(pixels, 0, 4, 4, 1, 2, 1));
    }
}
