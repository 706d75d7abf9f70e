package org.deepfakeedge.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDecoderTest {

    /**
     * A 4×4 lossless WebP: top two rows (200, 100, 50), bottom two (10, 20, 250). Made with {@code
     * cwebp -lossless} from a hand-written PPM, because ImageIO has no WebP writer.
     */
    private static final String WEBP_LOSSLESS =
            "UklGRiIAAABXRUJQVlA4TBYAAAAvA8AAAA9wCqgr+B5Hf/6DB/MQ0f8Y";

    /** The same picture as lossy WebP ({@code cwebp -q 90}). */
    private static final String WEBP_LOSSY =
            "UklGRmQAAABXRUJQVlA4IFgAAABwAwCdASoEAAQAAMASJagCdLcAlgH8AwgD+Ae3/dgAMDRbZgAA/vxYv/6QE3/6"
                    + "BlpM//Z8HTi/6tiD/9nwdOL/q2IP/6I//9EfW4CsdG5cAVjo3+3nhYAA";

    @TempDir Path dir;

    private static int[] rgbAt(BufferedImage img, int x, int y) {
        int p = img.getRGB(x, y);
        return new int[] {(p >> 16) & 0xff, (p >> 8) & 0xff, p & 0xff};
    }

    private static BufferedImage decode(byte[] bytes) throws BadImageException {
        BufferedImage img = ImageDecoder.read(bytes, "test");
        assertThat(img.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        return img;
    }

    @Test
    void grey_png_copies_the_grey_value_to_rgb() throws Exception {
        BufferedImage grey = new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(1, 1, 0, 100);
        grey.getRaster().setSample(0, 0, 0, 200);

        BufferedImage img = decode(TestImages.encode(grey, "png"));

        assertThat(rgbAt(img, 1, 1)).containsExactly(100, 100, 100);
        assertThat(rgbAt(img, 0, 0)).containsExactly(200, 200, 200);
        assertThat(rgbAt(img, 2, 1)).containsExactly(0, 0, 0);
    }

    @Test
    void sixteen_bit_grey_png_is_scaled_to_8_bits() throws Exception {
        BufferedImage grey = new BufferedImage(2, 2, BufferedImage.TYPE_USHORT_GRAY);
        grey.getRaster().setSample(0, 0, 0, 40000);
        grey.getRaster().setSample(1, 0, 0, 65535);

        BufferedImage img = decode(TestImages.encode(grey, "png"));

        assertThat(rgbAt(img, 0, 0)[0]).isCloseTo(40000 * 255 / 65535, within(1));
        assertThat(rgbAt(img, 1, 0)).containsExactly(255, 255, 255);
    }

    @Test
    void sixteen_bit_rgb_png_is_scaled_to_8_bits() throws Exception {
        ComponentColorModel cm =
                new ComponentColorModel(
                        ColorSpace.getInstance(ColorSpace.CS_sRGB),
                        false,
                        false,
                        Transparency.OPAQUE,
                        DataBuffer.TYPE_USHORT);
        WritableRaster raster = cm.createCompatibleWritableRaster(2, 2);
        raster.setPixel(0, 0, new int[] {65535, 32896, 0});
        BufferedImage rgb16 = new BufferedImage(cm, raster, false, null);

        BufferedImage img = decode(TestImages.encode(rgb16, "png"));

        assertThat(rgbAt(img, 0, 0)).containsExactly(255, 128, 0);
    }

    @Test
    void palette_png_uses_the_palette_colours() throws Exception {
        IndexColorModel palette =
                new IndexColorModel(
                        8,
                        2,
                        new byte[] {(byte) 250, 5},
                        new byte[] {10, (byte) 130},
                        new byte[] {20, (byte) 240});
        BufferedImage indexed = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_INDEXED, palette);
        indexed.getRaster().setSample(1, 0, 0, 1);

        BufferedImage img = decode(TestImages.encode(indexed, "png"));

        assertThat(rgbAt(img, 0, 0)).containsExactly(250, 10, 20);
        assertThat(rgbAt(img, 1, 0)).containsExactly(5, 130, 240);
    }

    @Test
    void rgba_png_is_composited_onto_black() throws Exception {
        BufferedImage argb = new BufferedImage(3, 1, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0xff_c8_64_32); // opaque (200, 100, 50)
        argb.setRGB(1, 0, 0x80_c8_64_32); // half transparent
        argb.setRGB(2, 0, 0x00_ff_ff_ff); // fully transparent white

        BufferedImage img = decode(TestImages.encode(argb, "png"));

        assertThat(rgbAt(img, 0, 0)).containsExactly(200, 100, 50);
        int[] half = rgbAt(img, 1, 0);
        assertThat(half[0]).isCloseTo(100, within(1));
        assertThat(half[1]).isCloseTo(50, within(1));
        assertThat(half[2]).isCloseTo(25, within(1));
        assertThat(rgbAt(img, 2, 0)).containsExactly(0, 0, 0);
    }

    @Test
    void grey_with_alpha_png_is_composited_onto_black() throws Exception {
        ComponentColorModel cm =
                new ComponentColorModel(
                        ColorSpace.getInstance(ColorSpace.CS_GRAY),
                        true,
                        false,
                        Transparency.TRANSLUCENT,
                        DataBuffer.TYPE_BYTE);
        WritableRaster raster = cm.createCompatibleWritableRaster(2, 1);
        raster.setPixel(0, 0, new int[] {200, 255});
        raster.setPixel(1, 0, new int[] {200, 0});
        BufferedImage greyAlpha = new BufferedImage(cm, raster, false, null);

        BufferedImage img = decode(TestImages.encode(greyAlpha, "png"));

        assertThat(rgbAt(img, 0, 0)).containsExactly(200, 200, 200);
        assertThat(rgbAt(img, 1, 0)).containsExactly(0, 0, 0);
    }

    @Test
    void bmp_tiff_gif_and_jpeg_decode() throws Exception {
        BufferedImage src = TestImages.solid(8, 8, 0xc86432);
        for (String format : new String[] {"bmp", "tiff", "gif", "png"}) {
            assertThat(rgbAt(decode(TestImages.encode(src, format)), 3, 3))
                    .as(format)
                    .containsExactly(200, 100, 50);
        }
        int[] jpeg = rgbAt(decode(TestImages.encode(src, "jpeg")), 3, 3);
        assertThat(jpeg[0]).isCloseTo(200, within(4));
        assertThat(jpeg[1]).isCloseTo(100, within(4));
        assertThat(jpeg[2]).isCloseTo(50, within(4));
    }

    @Test
    void webp_lossless_and_lossy_decode() throws Exception {
        BufferedImage lossless = decode(Base64.getDecoder().decode(WEBP_LOSSLESS));
        assertThat(lossless.getWidth()).isEqualTo(4);
        assertThat(rgbAt(lossless, 1, 0)).containsExactly(200, 100, 50);
        assertThat(rgbAt(lossless, 1, 3)).containsExactly(10, 20, 250);

        BufferedImage lossy = decode(Base64.getDecoder().decode(WEBP_LOSSY));
        assertThat(lossy.getHeight()).isEqualTo(4);
        int[] top = rgbAt(lossy, 0, 0);
        assertThat(top[0]).isGreaterThan(top[2]); // reddish top, bluish bottom
        int[] bottom = rgbAt(lossy, 0, 3);
        assertThat(bottom[2]).isGreaterThan(bottom[0]);
    }

    @Test
    void cmyk_jpeg_is_converted_to_rgb() throws Exception {
        byte[] cmyk = cmykJpeg(8, 8, new int[] {0, 255, 255, 0}); // C=0 M=1 Y=1 K=0: red
        assertThat(rawColourSpaceType(cmyk)).isEqualTo(ColorSpace.TYPE_CMYK);

        int[] rgb = rgbAt(decode(cmyk), 4, 4);

        assertThat(rgb[0]).isGreaterThan(200);
        assertThat(rgb[1]).isLessThan(60);
        assertThat(rgb[2]).isLessThan(60);
    }

    @Test
    void read_from_path_and_bad_files_give_one_line_reasons() throws Exception {
        Path good = TestImages.write(dir.resolve("ok.png"), TestImages.solid(2, 2, 0x010203));
        byte[] png = Files.readAllBytes(good);
        byte[] jpeg = TestImages.encode(TestImages.gradient(32, 32, 1), "jpeg");
        Path empty = TestImages.writeBytes(dir.resolve("empty.png"), new byte[0]);
        Path truncatedPng =
                TestImages.writeBytes(
                        dir.resolve("cut.png"),
                        Arrays.copyOf(
                                TestImages.encode(TestImages.gradient(32, 32, 2), "png"), 60));
        Path truncatedJpeg =
                TestImages.writeBytes(dir.resolve("cut.jpg"), Arrays.copyOf(jpeg, jpeg.length / 2));
        Path text = Files.writeString(dir.resolve("text.png"), "this is not a PNG\n");
        Path missing = dir.resolve("missing.png");

        assertThat(ImageDecoder.read(good).getRGB(0, 0) & 0xffffff).isEqualTo(0x010203);
        assertThat(png).isNotEmpty();
        assertBad(empty, "empty file");
        assertBad(truncatedPng, "truncated or corrupt PNG");
        assertBad(truncatedJpeg, "truncated or corrupt JPEG");
        assertBad(text, "not a supported image");
        assertBad(missing, "file not found");
    }

    private static void assertBad(Path file, String reason) {
        assertThatThrownBy(() -> ImageDecoder.read(file))
                .isInstanceOf(BadImageException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining(reason)
                .satisfies(
                        e -> {
                            BadImageException bad = (BadImageException) e;
                            assertThat(bad.reason()).contains(reason).doesNotContain("\n");
                        });
    }

    /**
     * Writes a 4-channel JPEG through ImageIO's raster path and inserts the Adobe APP14 marker
     * (transform 0) that tells readers the channels are CMYK; Adobe CMYK JPEGs store inverted
     * values.
     */
    static byte[] cmykJpeg(int w, int h, int[] cmyk) throws IOException {
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, w, h, 4, null);
        int[] inverted = new int[4];
        for (int c = 0; c < 4; c++) {
            inverted[c] = 255 - cmyk[c];
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                raster.setPixel(x, y, inverted);
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(raster, null, null), null);
        } finally {
            writer.dispose();
        }
        byte[] plain = bytes.toByteArray();
        byte[] adobe = {
            (byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0
        };
        byte[] withMarker = new byte[plain.length + adobe.length];
        System.arraycopy(plain, 0, withMarker, 0, 2); // SOI
        System.arraycopy(adobe, 0, withMarker, 2, adobe.length);
        System.arraycopy(plain, 2, withMarker, 2 + adobe.length, plain.length - 2);
        return withMarker;
    }

    private static int rawColourSpaceType(byte[] jpeg) throws IOException {
        try (var in = ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(jpeg))) {
            var reader = ImageIO.getImageReaders(in).next();
            try {
                reader.setInput(in);
                return reader.getRawImageType(0).getColorModel().getColorSpace().getType();
            } finally {
                reader.dispose();
            }
        }
    }
}
