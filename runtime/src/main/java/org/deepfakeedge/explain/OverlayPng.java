package org.deepfakeedge.explain;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.deepfakeedge.io.AtomicFiles;

/**
 * Writes overlays as PNG: to a file atomically ({@link AtomicFiles}: a reader never sees half an
 * image, and a killed run leaves no broken file under the final name), or to bytes for a service's
 * answer. Stateless and thread-safe.
 */
public final class OverlayPng {
    private OverlayPng() {}

    /** Writes {@code image} as a PNG file, replacing {@code file} atomically. */
    public static void write(Path file, BufferedImage image) throws IOException {
        AtomicFiles.write(file, out -> encode(image, out));
    }

    /** Returns {@code image} as PNG bytes. */
    public static byte[] bytes(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            encode(image, out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot encode a PNG in memory", e);
        }
        return out.toByteArray();
    }

    private static void encode(BufferedImage image, OutputStream out) throws IOException {
        if (!ImageIO.write(image, "png", out)) {
            throw new IOException("no PNG writer available in this JVM");
        }
    }
}
