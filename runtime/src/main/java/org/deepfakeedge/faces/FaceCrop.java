package org.deepfakeedge.faces;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.Objects;
import org.deepfakeedge.data.ImageDecoder;
import org.deepfakeedge.data.Resampler;

/**
 * Cuts a square around a face and resizes it to a classifier's input.
 *
 * <p>The square is centred on the face box, of side {@code margin × max(width, height)} rounded to
 * whole pixels (at least 1), so the default margin {@value #DEFAULT_MARGIN} adds 15% of the box on
 * each side: BlazeFace's boxes run from the brows to the chin, and a DeepFake's blending seams lie
 * just outside them. Where the square reaches past the image, {@link Border} decides:
 *
 * <ul>
 *   <li>{@link Border#SHIFT} (the default) moves the square inside the image, and shrinks it to the
 *       image's shorter side if it does not fit; the crop stays square (no distortion) and holds
 *       only real pixels, at the price of the face sitting off-centre near a border.
 *   <li>{@link Border#PAD} keeps the square where it is and fills the outside with black; the face
 *       stays centred at the same scale, but the crop gains straight black edges a classifier never
 *       saw in training.
 * </ul>
 *
 * <p>The region is then resized to {@code size × size} with the same antialiased resampler as the
 * classifier's preprocessing ({@link Resampler}). Immutable and thread-safe.
 *
 * @param margin side of the square over the box's longer side, in (0, 10]
 * @param size side of the output in pixels, in [1, 8192]
 * @param border what to do where the square leaves the image
 */
public record FaceCrop(double margin, int size, Border border) {

    /** The default margin: 1.3 × the face box's longer side (15% on each side). */
    public static final double DEFAULT_MARGIN = 1.3;

    /** Largest side of a {@link Border#PAD} square (its pixels are copied before resizing). */
    static final int MAX_PADDED_SIDE = 16384;

    /** What a crop does where its square reaches past the image. */
    public enum Border {
        /** Move (and if needed shrink) the square to lie inside the image. */
        SHIFT,
        /** Keep the square and fill the outside with black. */
        PAD
    }

    /** Checks the options. */
    public FaceCrop {
        if (!(margin > 0 && margin <= 10)) {
            throw new IllegalArgumentException("margin must be in (0, 10], found " + margin);
        }
        if (size < 1 || size > 8192) {
            throw new IllegalArgumentException("size must be in [1, 8192], found " + size);
        }
        Objects.requireNonNull(border, "border");
    }

    /**
     * Crops of {@code size} pixels with the default margin, shifted inside the image.
     *
     * @param size output side in pixels (the classifier's input size)
     */
    public FaceCrop(int size) {
        this(DEFAULT_MARGIN, size, Border.SHIFT);
    }

    /**
     * Returns these options with another margin.
     *
     * @param newMargin the margin
     * @return the options
     */
    public FaceCrop withMargin(double newMargin) {
        return new FaceCrop(newMargin, size, border);
    }

    /**
     * Returns these options with another border mode.
     *
     * @param newBorder the border mode
     * @return the options
     */
    public FaceCrop withBorder(Border newBorder) {
        return new FaceCrop(margin, size, newBorder);
    }

    /**
     * The square cut for a face, in whole image pixels. With {@link Border#SHIFT} it lies inside
     * the image; with {@link Border#PAD} it may reach past it.
     *
     * @param face the face box
     * @param imageWidth the image's width, &ge; 1
     * @param imageHeight the image's height, &ge; 1
     * @return the square: {@code width == height}
     */
    public Rectangle region(Box face, int imageWidth, int imageHeight) {
        if (imageWidth < 1 || imageHeight < 1) {
            throw new IllegalArgumentException(
                    "image size must be >= 1, found " + imageWidth + "x" + imageHeight);
        }
        double wanted = margin * Math.max(face.width(), face.height());
        int side = (int) Math.max(1, Math.min(Math.round(wanted), Integer.MAX_VALUE / 4));
        if (border == Border.SHIFT) {
            side = Math.min(side, Math.min(imageWidth, imageHeight));
        } else if (side > MAX_PADDED_SIDE) {
            throw new IllegalArgumentException(
                    "a padded crop of "
                            + side
                            + " pixels is larger than "
                            + MAX_PADDED_SIDE
                            + ": the box "
                            + face
                            + " is not a face of a "
                            + imageWidth
                            + "x"
                            + imageHeight
                            + " image");
        }
        long x0 = Math.round(face.centerX() - side / 2.0);
        long y0 = Math.round(face.centerY() - side / 2.0);
        if (border == Border.SHIFT) {
            x0 = Math.max(0, Math.min(x0, imageWidth - side));
            y0 = Math.max(0, Math.min(y0, imageHeight - side));
        }
        return new Rectangle(clampToInt(x0), clampToInt(y0), side, side);
    }

    /**
     * Crops and resizes one face.
     *
     * @param image the image the face was found in
     * @param face the face
     * @return a {@code size × size} {@link BufferedImage#TYPE_INT_RGB} image
     */
    public BufferedImage crop(BufferedImage image, Face face) {
        return crop(image, face.box());
    }

    /**
     * Crops and resizes the square around a box.
     *
     * @param image the image
     * @param face the face box, in the image's pixels
     * @return a {@code size × size} {@link BufferedImage#TYPE_INT_RGB} image
     */
    public BufferedImage crop(BufferedImage image, Box face) {
        Rectangle r = region(face, image.getWidth(), image.getHeight());
        byte[] rgb;
        if (r.x >= 0
                && r.y >= 0
                && (long) r.x + r.width <= image.getWidth()
                && (long) r.y + r.height <= image.getHeight()) {
            rgb = Resampler.resize(image, r.x, r.y, r.width, r.height, size, size);
        } else {
            rgb = Resampler.resize(padded(image, r), 0, r.width, r.width, r.height, size, size);
        }
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, size, size, Resampler.pack(rgb), 0, size);
        return out;
    }

    /** The square's pixels, black outside the image. */
    private static int[] padded(BufferedImage image, Rectangle r) {
        int[] pixels = new int[Math.multiplyExact(r.width, r.height)];
        Rectangle inside = r.intersection(new Rectangle(image.getWidth(), image.getHeight()));
        if (!inside.isEmpty()) {
            BufferedImage rgb = ImageDecoder.toRgb(image);
            rgb.getRGB(
                    inside.x,
                    inside.y,
                    inside.width,
                    inside.height,
                    pixels,
                    (inside.y - r.y) * r.width + (inside.x - r.x),
                    r.width);
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] &= 0xffffff;
            }
        }
        return pixels;
    }

    private static int clampToInt(long v) {
        return (int) Math.max(Integer.MIN_VALUE / 2, Math.min(Integer.MAX_VALUE / 2, v));
    }
}
