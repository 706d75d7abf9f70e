package org.deepfakeedge.faces;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deepfakeedge.data.Resampler;

/**
 * Fits a frame of any shape into the detector's square input without distorting it, and maps
 * detections back.
 *
 * <p>The frame is resized (antialiased, {@link org.deepfakeedge.data.Resampler}) so that its longer
 * side fills the square, {@code scaledWidth × scaledHeight} pixels (the shorter side rounded, at
 * least 1), and centred with black borders ({@code padX}, {@code padY} pixels on the left and top).
 * The resampler maps the continuous coordinate {@code u} of the scaled image to {@code u · width /
 * scaledWidth} in the frame, so input coordinates go back to the frame exactly with {@code x = (u −
 * padX) · width / scaledWidth} and {@code y = (v − padY) · height / scaledHeight}: the two axes
 * keep their own factors, which differ by the rounding of the shorter side. Immutable.
 */
final class Letterbox {

    final int size;
    final int width;
    final int height;
    final int scaledWidth;
    final int scaledHeight;
    final int padX;
    final int padY;

    private Letterbox(int size, int width, int height, int scaledWidth, int scaledHeight) {
        this.size = size;
        this.width = width;
        this.height = height;
        this.scaledWidth = scaledWidth;
        this.scaledHeight = scaledHeight;
        this.padX = (size - scaledWidth) / 2;
        this.padY = (size - scaledHeight) / 2;
    }

    /**
     * The letterbox of a {@code width × height} frame in a square of side {@code size}.
     *
     * @param width frame width, &ge; 1
     * @param height frame height, &ge; 1
     * @param size the square's side, &ge; 1
     */
    static Letterbox of(int width, int height, int size) {
        if (width < 1 || height < 1 || size < 1) {
            throw new IllegalArgumentException(
                    "sizes must be >= 1, found " + width + "x" + height + " into " + size);
        }
        int sw;
        int sh;
        if (width >= height) {
            sw = size;
            sh = (int) Math.max(1, Math.round((double) height * size / width));
        } else {
            sh = size;
            sw = (int) Math.max(1, Math.round((double) width * size / height));
        }
        return new Letterbox(size, width, height, sw, sh);
    }

    /**
     * The detector's input: {@code size × size × 3} floats, NHWC, RGB scaled to [−1, 1], borders −1
     * (black).
     *
     * @param image the frame, {@code width × height}
     */
    float[] toInput(BufferedImage image) {
        if (image.getWidth() != width || image.getHeight() != height) {
            throw new IllegalArgumentException(
                    "this letterbox is for "
                            + width
                            + "x"
                            + height
                            + " frames, found "
                            + image.getWidth()
                            + "x"
                            + image.getHeight());
        }
        byte[] rgb = Resampler.resize(image, 0, 0, width, height, scaledWidth, scaledHeight);
        float[] input = new float[size * size * 3];
        Arrays.fill(input, -1f);
        int row = scaledWidth * 3;
        for (int y = 0; y < scaledHeight; y++) {
            int src = y * row;
            int dst = ((y + padY) * size + padX) * 3;
            for (int j = 0; j < row; j++) {
                input[dst + j] = (rgb[src + j] & 0xff) / 127.5f - 1f;
            }
        }
        return input;
    }

    /** Input x (pixels of the square) to frame x. */
    double toFrameX(double u) {
        return (u - padX) * width / scaledWidth;
    }

    /** Input y (pixels of the square) to frame y. */
    double toFrameY(double v) {
        return (v - padY) * height / scaledHeight;
    }

    /** Maps a detection from input pixels to frame pixels. */
    Face toFrame(Face f) {
        Box b = f.box();
        Box box =
                Box.ofCorners(
                        toFrameX(b.x()),
                        toFrameY(b.y()),
                        toFrameX(b.right()),
                        toFrameY(b.bottom()));
        List<Keypoint> keypoints = new ArrayList<>(f.keypoints().size());
        for (Keypoint k : f.keypoints()) {
            keypoints.add(new Keypoint(toFrameX(k.x()), toFrameY(k.y())));
        }
        return new Face(box, f.score(), keypoints);
    }
}
