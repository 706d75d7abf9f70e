package org.deepfakeedge.data;

import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes image files into 8-bit RGB images ({@link BufferedImage#TYPE_INT_RGB}).
 *
 * <p>Reads JPEG (including CMYK/YCCK, through TwelveMonkeys), PNG, BMP, WebP, TIFF and GIF (first
 * frame of animated or multi-page files). Grey, 16-bit, palette and CMYK images are converted to
 * 8-bit RGB; grey values are copied to R, G and B unchanged and 16-bit samples are scaled to 8
 * bits. Images with an alpha channel are composited onto <b>black</b> ({@code c * alpha}), so
 * transparent areas become black rather than an arbitrary colour hidden under alpha 0. EXIF
 * orientation is not applied: detectors look at pixels, not at how a viewer would show them.
 *
 * <p>Files that are empty, truncated, corrupt, not images, or larger than {@value #MAX_PIXELS}
 * pixels (a decompression-bomb guard) raise {@link BadImageException} with a one-line reason.
 * Stateless and thread-safe: every call uses its own reader.
 */
public final class ImageDecoder {

    /** Largest accepted image, in pixels (the limit Pillow refuses at, about 179 megapixels). */
    public static final long MAX_PIXELS = 178_956_970L;

    static {
        // Registers the TwelveMonkeys readers even when this class is loaded by a class loader
        // other than the one ImageIO scanned first (application servers, test runners).
        ImageIO.scanForPlugins();
    }

    private ImageDecoder() {}

    /**
     * Reads and decodes an image file.
     *
     * @param path the file
     * @return an 8-bit RGB image of type {@link BufferedImage#TYPE_INT_RGB}
     * @throws BadImageException if the file is missing, unreadable, empty, truncated or not a
     *     supported image
     */
    public static BufferedImage read(Path path) throws BadImageException {
        String name = path.toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new BadImageException(name, linkProblem(path).orElse("file not found"), e);
        } catch (IOException | OutOfMemoryError e) {
            throw new BadImageException(
                    name, linkProblem(path).orElse("cannot read file: " + oneLine(e)), e);
        }
        return read(bytes, name);
    }

    /** Why a symbolic link cannot be read, if {@code path} is one whose target is unreachable. */
    private static java.util.Optional<String> linkProblem(Path path) {
        if (!Files.isSymbolicLink(path)) {
            return java.util.Optional.empty();
        }
        String target;
        try {
            target = Files.readSymbolicLink(path).toString();
        } catch (IOException e) {
            target = "?";
        }
        try {
            path.toRealPath();
        } catch (java.nio.file.FileSystemException e) {
            if (!(e instanceof NoSuchFileException)) {
                return java.util.Optional.of(
                        "symbolic-link loop (links to "
                                + target
                                + "); fix: point the link at a real file or remove it");
            }
        } catch (IOException e) {
            // fall through: treated as dangling below
        }
        return java.util.Optional.of(
                "dangling symbolic link (its target "
                        + target
                        + " does not exist); fix: point the link at a real file or remove it");
    }

    /**
     * Decodes an image held in memory.
     *
     * @param bytes the encoded image
     * @param nameForErrors the name used in the exception message, e.g. the file path
     * @return an 8-bit RGB image of type {@link BufferedImage#TYPE_INT_RGB}
     * @throws BadImageException if the bytes are empty, truncated or not a supported image
     */
    public static BufferedImage read(byte[] bytes, String nameForErrors) throws BadImageException {
        return read(bytes, nameForErrors, MAX_PIXELS);
    }

    /**
     * Decodes an image held in memory, refusing images with more than {@code maxPixels} pixels
     * before decoding them (a service bounds its memory with a limit lower than {@link
     * #MAX_PIXELS}: a small compressed file can expand to gigabytes of pixels).
     *
     * @param bytes the encoded image
     * @param nameForErrors the name used in the exception message
     * @param maxPixels the largest accepted width × height
     * @return an 8-bit RGB image of type {@link BufferedImage#TYPE_INT_RGB}
     * @throws BadImageException if the bytes are empty, truncated, not a supported image, or the
     *     image has more than {@code maxPixels} pixels
     */
    public static BufferedImage read(byte[] bytes, String nameForErrors, long maxPixels)
            throws BadImageException {
        if (bytes.length == 0) {
            throw new BadImageException(nameForErrors, "empty file (0 bytes)");
        }
        ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes));
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        if (!readers.hasNext()) {
            throw new BadImageException(
                    nameForErrors,
                    "not a supported image (no JPEG, PNG, BMP, WebP, TIFF or GIF signature)");
        }
        ImageReader reader = readers.next();
        String format = formatName(reader);
        FatalWarnings warnings = new FatalWarnings();
        try {
            reader.setInput(in, true, true);
            reader.addIIOReadWarningListener(warnings);
            long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
            if (pixels > maxPixels) {
                throw new BadImageException(
                        nameForErrors,
                        format
                                + " image too large: "
                                + reader.getWidth(0)
                                + "x"
                                + reader.getHeight(0)
                                + " pixels (limit "
                                + maxPixels
                                + ")");
            }
            BufferedImage image = reader.read(0);
            if (warnings.fatal != null) {
                throw new BadImageException(
                        nameForErrors, "truncated or corrupt " + format + ": " + warnings.fatal);
            }
            return toRgb(image);
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            // Readers signal truncated or corrupt data with IIOException, EOFException and, for
            // some formats, IndexOutOfBounds/IllegalArgument/NullPointer exceptions.
            throw new BadImageException(
                    nameForErrors, "truncated or corrupt " + format + ": " + oneLine(e), e);
        } finally {
            reader.dispose();
        }
    }

    /**
     * Converts any decoded image to {@link BufferedImage#TYPE_INT_RGB}, alpha composited onto
     * black; returns the image itself when it already has that type.
     *
     * @param src any image
     * @return {@code src} itself or an 8-bit RGB copy of it
     */
    public static BufferedImage toRgb(BufferedImage src) {
        if (src.getType() == BufferedImage.TYPE_INT_RGB) {
            return src;
        }
        ColorModel cm = src.getColorModel();
        int dataType = src.getRaster().getDataBuffer().getDataType();
        if (src.getType() == BufferedImage.TYPE_CUSTOM
                && cm instanceof ComponentColorModel
                && (dataType == DataBuffer.TYPE_BYTE || dataType == DataBuffer.TYPE_USHORT)) {
            int csType = cm.getColorSpace().getType();
            if (csType == ColorSpace.TYPE_GRAY || csType == ColorSpace.TYPE_RGB) {
                // Java2D's generic path would gamma-convert "linear" grey and is slow for 16-bit
                // data; copying the scaled samples matches what other decoders (Pillow) produce.
                return scaleComponents(src, cm);
            }
        }
        // Standard types (byte BGR, grey, indexed, ARGB) have fast, exact Java2D loops; other
        // colour spaces (CMYK TIFF, float samples) go through Java2D's colour conversion.
        BufferedImage dst =
                new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = dst.createGraphics();
        try {
            // The destination starts black and opaque, so SrcOver composites alpha onto black.
            g.drawImage(src, 0, 0, null);
        } finally {
            g.dispose();
        }
        return dst;
    }

    private static BufferedImage scaleComponents(BufferedImage src, ColorModel cm) {
        int w = src.getWidth();
        int h = src.getHeight();
        Raster raster = src.getRaster();
        int bands = raster.getNumBands();
        int colors = cm.getNumColorComponents();
        boolean alpha = cm.hasAlpha() && bands > colors;
        boolean premultiplied = cm.isAlphaPremultiplied();
        int[] max = new int[bands];
        for (int b = 0; b < bands; b++) {
            max[b] = (1 << cm.getComponentSize(b)) - 1;
        }
        BufferedImage dst = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] px = new int[w * bands];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, w, 1, px);
            for (int x = 0; x < w; x++) {
                int o = x * bands;
                int r = to8(px[o], max[0]);
                int g = colors == 1 ? r : to8(px[o + 1], max[1]);
                int b = colors == 1 ? r : to8(px[o + 2], max[2]);
                if (alpha && !premultiplied) {
                    int a = to8(px[o + colors], max[colors]);
                    r = (r * a + 127) / 255;
                    g = (g * a + 127) / 255;
                    b = (b * a + 127) / 255;
                }
                row[x] = (r << 16) | (g << 8) | b;
            }
            dst.setRGB(0, y, w, 1, row, 0, w);
        }
        return dst;
    }

    private static int to8(int sample, int max) {
        return max == 255 ? sample : (int) (((long) sample * 255 + max / 2) / max);
    }

    private static String formatName(ImageReader reader) {
        try {
            return reader.getFormatName().toUpperCase(Locale.ROOT);
        } catch (IOException e) {
            return "image";
        }
    }

    /** Returns a one-line description of an exception and its root cause. */
    static String oneLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = describe(e);
        if (root != e) {
            String cause = describe(root);
            if (!text.contains(cause)) {
                text = text + " (" + cause + ")";
            }
        }
        return text.replaceAll("\\s+", " ").trim();
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }

    /**
     * Turns a reader's "premature end of data" warning into a failure: the JPEG readers fill the
     * missing part of a truncated file with grey and only warn, which would train on garbage.
     */
    private static final class FatalWarnings implements IIOReadWarningListener {
        private String fatal;

        @Override
        public void warningOccurred(ImageReader source, String warning) {
            String w = warning.toLowerCase(Locale.ROOT);
            if (fatal == null && (w.contains("premature end") || w.contains("truncat"))) {
                fatal = warning.replaceAll("\\s+", " ").trim();
            }
        }
    }
}
