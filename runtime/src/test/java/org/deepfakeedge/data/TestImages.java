package org.deepfakeedge.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import javax.imageio.ImageIO;

/** Tiny generated images and folder trees for the data tests. */
final class TestImages {

    private TestImages() {}

    /** A solid-colour RGB image. */
    static BufferedImage solid(int w, int h, int rgb) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] px = new int[w * h];
        Arrays.fill(px, rgb);
        img.setRGB(0, 0, w, h, px, 0, w);
        return img;
    }

    /** An RGB image whose pixels all differ (a gradient), so flips and crops show. */
    static BufferedImage gradient(int w, int h, int seed) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = (x * 255 / Math.max(1, w - 1) + seed * 37) & 0xff;
                int g = (y * 255 / Math.max(1, h - 1) + seed * 11) & 0xff;
                int b = (seed * 53) & 0xff;
                img.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return img;
    }

    /** Encodes an image in a format ImageIO can write ("png", "jpeg", "bmp", "gif", "tiff"). */
    static byte[] encode(BufferedImage img, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, format, out)) {
                throw new IllegalStateException("No ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes an image, the format chosen by the file extension. */
    static Path write(Path file, BufferedImage img) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String ext = name.substring(name.lastIndexOf('.') + 1);
        String format =
                switch (ext) {
                    case "jpg", "jpeg" -> "jpeg";
                    case "tif", "tiff" -> "tiff";
                    default -> ext;
                };
        return writeBytes(file, encode(img, format));
    }

    static Path writeBytes(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * Creates one small PNG at each relative path below {@code root} (the same bytes each time:
     * scanning never decodes, so layout tests need no variety).
     */
    static void tree(Path root, String... relativePaths) {
        byte[] png = encode(solid(4, 4, 0x336699), "png");
        for (String rel : relativePaths) {
            writeBytes(root.resolve(rel), png);
        }
    }

    /** Creates {@code n} PNGs named {@code prefix0.png ...} in {@code dir}. */
    static void images(Path dir, String prefix, int n) {
        byte[] png = encode(solid(4, 4, 0x336699), "png");
        for (int i = 0; i < n; i++) {
            writeBytes(dir.resolve(prefix + i + ".png"), png);
        }
    }
}
