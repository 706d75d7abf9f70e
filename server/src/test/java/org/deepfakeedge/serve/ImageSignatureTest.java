package org.deepfakeedge.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.deepfakeedge.serve.ServeFixtures.encode;
import static org.deepfakeedge.serve.ServeFixtures.picture;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Image formats are told by their first bytes, as ImageIO writes them. */
class ImageSignatureTest {
    @Test
    void every_format_the_service_decodes_is_recognised_from_real_files() {
        var img = picture(16, 12, 3);
        for (String format : new String[] {"png", "jpeg", "bmp", "gif", "tiff"}) {
            byte[] file = encode(img, format);
            assertThat(ImageSignature.of(Arrays.copyOf(file, ImageSignature.LENGTH)))
                    .as(format)
                    .hasValue(format);
        }
        byte[] webp = "RIFF\u0024\u0000\u0000\u0000WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(ImageSignature.of(webp)).hasValue("webp");
        assertThat(ImageSignature.of(new byte[] {'M', 'M', 0, 0x2a})).hasValue("tiff");
    }

    @Test
    void other_bytes_and_short_heads_are_no_image() {
        for (String text :
                new String[] {"", "a=1&b=2", "hello, not a picture", "RIFF1234AVI ", "GIF8"}) {
            assertThat(ImageSignature.of(text.getBytes(StandardCharsets.ISO_8859_1)))
                    .as(text)
                    .isEmpty();
        }
        assertThat(ImageSignature.of(new byte[] {(byte) 0xff, (byte) 0xd8})).isEmpty();
        assertThat(ImageSignature.of(new byte[] {0, 0, 0, 0x18, 'f', 't', 'y', 'p'})).isEmpty();
    }
}
