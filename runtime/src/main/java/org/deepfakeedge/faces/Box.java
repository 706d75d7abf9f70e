package org.deepfakeedge.faces;

/**
 * An axis-aligned rectangle in continuous pixel coordinates: {@code (x, y)} is the top-left corner,
 * x grows to the right and y downwards. Pixel {@code (i, j)} covers {@code [i, i + 1) × [j, j +
 * 1)}. A face box may reach past the image's border; {@link FaceCrop} decides what happens there.
 *
 * @param x left edge
 * @param y top edge
 * @param width width, &ge; 0
 * @param height height, &ge; 0
 */
public record Box(double x, double y, double width, double height) {

    /** Checks the sides. */
    public Box {
        if (!(width >= 0) || !(height >= 0) || !Double.isFinite(x) || !Double.isFinite(y)) {
            throw new IllegalArgumentException(
                    "a box needs finite coordinates and sides >= 0, found x="
                            + x
                            + " y="
                            + y
                            + " width="
                            + width
                            + " height="
                            + height);
        }
    }

    /**
     * The box with these corners.
     *
     * @param left left edge
     * @param top top edge
     * @param right right edge, &ge; left
     * @param bottom bottom edge, &ge; top
     * @return the box
     */
    public static Box ofCorners(double left, double top, double right, double bottom) {
        return new Box(left, top, right - left, bottom - top);
    }

    /**
     * The box of this centre and size.
     *
     * @param centerX centre x
     * @param centerY centre y
     * @param width width
     * @param height height
     * @return the box
     */
    public static Box ofCenter(double centerX, double centerY, double width, double height) {
        return new Box(centerX - width / 2, centerY - height / 2, width, height);
    }

    /**
     * Returns the right edge.
     *
     * @return {@code x + width}
     */
    public double right() {
        return x + width;
    }

    /**
     * Returns the bottom edge.
     *
     * @return {@code y + height}
     */
    public double bottom() {
        return y + height;
    }

    /**
     * Returns the centre's x.
     *
     * @return {@code x + width / 2}
     */
    public double centerX() {
        return x + width / 2;
    }

    /**
     * Returns the centre's y.
     *
     * @return {@code y + height / 2}
     */
    public double centerY() {
        return y + height / 2;
    }

    /**
     * Returns the area.
     *
     * @return {@code width * height}
     */
    public double area() {
        return width * height;
    }

    /**
     * Intersection over union with another box: 0 for disjoint boxes, 1 for equal ones (and 0 when
     * both are empty).
     *
     * @param other the other box
     * @return the IoU in [0, 1]
     */
    public double iou(Box other) {
        double iw = Math.min(right(), other.right()) - Math.max(x, other.x);
        double ih = Math.min(bottom(), other.bottom()) - Math.max(y, other.y);
        if (iw <= 0 || ih <= 0) {
            return 0;
        }
        double inter = iw * ih;
        return inter / (area() + other.area() - inter);
    }
}
