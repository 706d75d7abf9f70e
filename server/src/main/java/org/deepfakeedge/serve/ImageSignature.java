package org.deepfakeedge.serve;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Recognises the image formats the service decodes by their first bytes, so that a body sent with a
 * generic or form content type ({@code curl --data-binary @photo.jpg} sends {@code
 * application/x-www-form-urlencoded}) is still taken for the image it is.
 *
 * <p>The signatures: JPEG {@code FF D8 FF}; PNG {@code 89 'PNG' 0D 0A 1A 0A}; GIF {@code GIF87a} or
 * {@code GIF89a}; WebP {@code RIFF} + 4 length bytes + {@code WEBP}; BMP {@code BM}; TIFF {@code II
 * 2A 00} or {@code MM 00 2A} (and BigTIFF's {@code 2B}).
 */
final class ImageSignature {
    /** Bytes needed to tell every format apart. */
    static final int LENGTH = 12;

    private ImageSignature() {}

    /**
     * Returns the format the bytes start, lower case ({@code jpeg, png, gif, webp, bmp, tiff}), or
     * empty when they start none of them.
     *
     * @param head the first bytes of the body (fewer than {@link #LENGTH} is fine)
     */
    static Optional<String> of(byte[] head) {
        if (starts(head, 0xff, 0xd8, 0xff)) {
            return Optional.of("jpeg");
        }
        if (starts(head, 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a)) {
            return Optional.of("png");
        }
        if (ascii(head, 0, "GIF87a") || ascii(head, 0, "GIF89a")) {
            return Optional.of("gif");
        }
        if (ascii(head, 0, "RIFF") && ascii(head, 8, "WEBP")) {
            return Optional.of("webp");
        }
        if (ascii(head, 0, "BM") && head.length >= 6) {
            return Optional.of("bmp");
        }
        if (starts(head, 'I', 'I', 0x2a, 0x00)
                || starts(head, 'M', 'M', 0x00, 0x2a)
                || starts(head, 'I', 'I', 0x2b, 0x00)
                || starts(head, 'M', 'M', 0x00, 0x2b)) {
            return Optional.of("tiff");
        }
        return Optional.empty();
    }

    private static boolean starts(byte[] b, int... expected) {
        if (b.length < expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((b[i] & 0xff) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean ascii(byte[] b, int at, String text) {
        byte[] t = text.getBytes(StandardCharsets.US_ASCII);
        if (b.length < at + t.length) {
            return false;
        }
        for (int i = 0; i < t.length; i++) {
            if (b[at + i] != t[i]) {
                return false;
            }
        }
        return true;
    }
}
