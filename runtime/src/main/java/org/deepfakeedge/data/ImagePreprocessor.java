package org.deepfakeedge.data;

import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * Turns decoded images into the network's input: a square RGB image of {@code size} pixels, then a
 * normalised float tensor in CHW order (channels R, G, B).
 *
 * <p>Resizing uses an antialiased bilinear filter (an area-weighted average when shrinking, as
 * Pillow and torchvision do), never nearest-neighbour sampling, whose aliasing would add exactly
 * the kind of high-frequency artefacts a DeepFake detector learns from. Immutable and thread-safe.
 */
public final class ImagePreprocessor {

    private final int size;
    private final Normalization normalization;
    private final ResizeMode resizeMode;

    /** {@code lut[c][v] = (v / 255 - mean[c]) / std[c]}, so normalising is one lookup per value. */
    private final float[][] lut = new float[3][256];

    /**
     * Creates a preprocessor.
     *
     * @param size output side in pixels, &ge; 1 (the paper uses 224)
     * @param normalization per-channel normalisation
     * @param resizeMode how non-square images are mapped to the square
     */
    public ImagePreprocessor(int size, Normalization normalization, ResizeMode resizeMode) {
        if (size < 1 || size > 8192) {
            throw new IllegalArgumentException("size must be in [1, 8192], found " + size);
        }
        this.size = size;
        this.normalization = Objects.requireNonNull(normalization, "normalization");
        this.resizeMode = Objects.requireNonNull(resizeMode, "resizeMode");
        float[] mean = normalization.mean();
        float[] std = normalization.std();
        for (int c = 0; c < 3; c++) {
            for (int v = 0; v < 256; v++) {
                lut[c][v] = (v / 255f - mean[c]) / std[c];
            }
        }
    }

    /**
     * Creates a preprocessor with ImageNet normalisation and {@link ResizeMode#STRETCH}.
     *
     * @param size output side in pixels
     */
    public ImagePreprocessor(int size) {
        this(size, Normalization.imagenet(), ResizeMode.STRETCH);
    }

    /**
     * Returns the output side in pixels.
     *
     * @return the size
     */
    public int size() {
        return size;
    }

    /**
     * Returns the normalisation.
     *
     * @return the normalisation
     */
    public Normalization normalization() {
        return normalization;
    }

    /**
     * Returns the resize mode.
     *
     * @return the mode
     */
    public ResizeMode resizeMode() {
        return resizeMode;
    }

    /**
     * Returns the number of floats of one image tensor.
     *
     * @return {@code 3 * size * size}
     */
    public int tensorLength() {
        return 3 * size * size;
    }

    /**
     * Resizes an image to {@code size × size} RGB bytes.
     *
     * @param image any image; non-RGB types are converted as {@link ImageDecoder} does
     * @return {@code size * size * 3} bytes, HWC order (row-major pixels, R G B per pixel)
     */
    public byte[] resizeToRgb(BufferedImage image) {
        BufferedImage rgb = ImageDecoder.toRgb(image);
        java.awt.Rectangle r = resizeMode.region(rgb.getWidth(), rgb.getHeight());
        return Resampler.resize(rgb, r.x, r.y, r.width, r.height, size, size);
    }

    /**
     * Normalises RGB bytes into a float tensor in CHW order.
     *
     * @param rgb {@code size * size * 3} bytes as returned by {@link #resizeToRgb}
     * @param dest destination array
     * @param offset index in {@code dest} of the first value; {@code 3 * size * size} values are
     *     written
     */
    public void toChw(byte[] rgb, float[] dest, int offset) {
        int plane = size * size;
        if (rgb.length != plane * 3) {
            throw new IllegalArgumentException(
                    "rgb must hold size*size*3 = " + plane * 3 + " bytes, found " + rgb.length);
        }
        if (offset < 0 || offset + plane * 3 > dest.length) {
            throw new IllegalArgumentException(
                    "dest too small: need "
                            + (plane * 3)
                            + " floats from offset "
                            + offset
                            + ", length is "
                            + dest.length);
        }
        float[] r = lut[0];
        float[] g = lut[1];
        float[] b = lut[2];
        int gOffset = offset + plane;
        int bOffset = offset + 2 * plane;
        for (int i = 0, j = 0; i < plane; i++, j += 3) {
            dest[offset + i] = r[rgb[j] & 0xff];
            dest[gOffset + i] = g[rgb[j + 1] & 0xff];
            dest[bOffset + i] = b[rgb[j + 2] & 0xff];
        }
    }

    /**
     * Resizes and normalises one image.
     *
     * @param image any image
     * @return {@code 3 * size * size} floats, CHW, RGB
     */
    public float[] toTensor(BufferedImage image) {
        float[] tensor = new float[tensorLength()];
        toChw(resizeToRgb(image), tensor, 0);
        return tensor;
    }

    @Override
    public String toString() {
        return "ImagePreprocessor[size="
                + size
                + ", "
                + normalization
                + ", resizeMode="
                + resizeMode
                + "]";
    }
}
