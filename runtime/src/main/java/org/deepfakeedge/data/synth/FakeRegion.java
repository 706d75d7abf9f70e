package org.deepfakeedge.data.synth;

import java.awt.Rectangle;
import java.util.Locale;
import org.deepfakeedge.InvalidInputException;

/**
 * Where a fake image's fingerprint is planted ({@code dataset synth --fake-region X,Y,W,H}): a
 * rectangle in fractions of the image's width and height, the left, top, width and height. Inside
 * it a fake holds its generator family's image; outside it holds exactly the real photograph of the
 * same scene (same optical blur, same sensor noise), so the only evidence of "fake" lies in the
 * region. What explanation tests check a heatmap against.
 *
 * <p>Immutable and thread-safe.
 *
 * @param x left edge, in [0, 1)
 * @param y top edge, in [0, 1)
 * @param width in (0, 1], with {@code x + width <= 1}
 * @param height in (0, 1], with {@code y + height <= 1}
 */
public record FakeRegion(double x, double y, double width, double height) {
    /** Checks the bounds. */
    public FakeRegion {
        if (!(x >= 0 && x < 1 && y >= 0 && y < 1)) {
            throw invalid("X and Y must be in [0, 1)", x, y, width, height);
        }
        if (!(width > 0 && height > 0)) {
            throw invalid("W and H must be > 0", x, y, width, height);
        }
        // a little slack, so that 0.7 + 0.3 is allowed whatever the rounding of the sum
        if (x + width > 1 + 1e-9 || y + height > 1 + 1e-9) {
            throw invalid(
                    "the region must lie inside the image (X + W <= 1, Y + H <= 1)",
                    x,
                    y,
                    width,
                    height);
        }
    }

    /**
     * Parses {@code X,Y,W,H}, four fractions of the image's size.
     *
     * @throws InvalidInputException naming the option and the value
     */
    public static FakeRegion parse(String text) {
        String[] parts = text == null ? new String[0] : text.split(",", -1);
        if (parts.length != 4) {
            throw new InvalidInputException(
                    "--fake-region must be X,Y,W,H (four fractions of the image size, e.g."
                            + " 0.5,0,0.5,0.5 for the top-right quarter), found '"
                            + text
                            + "'");
        }
        double[] v = new double[4];
        for (int i = 0; i < 4; i++) {
            try {
                v[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new InvalidInputException(
                        "--fake-region must be X,Y,W,H with four numbers, found '" + text + "'");
            }
        }
        return new FakeRegion(v[0], v[1], v[2], v[3]);
    }

    /**
     * Returns the region in the pixels of a {@code size}-square image: edges at {@code round(x ·
     * size)} and {@code round((x + width) · size)} (likewise vertically), at least one pixel wide
     * and high.
     */
    public Rectangle pixels(int size) {
        int x0 = Math.min(size - 1, (int) Math.round(x * size));
        int y0 = Math.min(size - 1, (int) Math.round(y * size));
        int x1 = Math.max(x0 + 1, Math.min(size, (int) Math.round((x + width) * size)));
        int y1 = Math.max(y0 + 1, Math.min(size, (int) Math.round((y + height) * size)));
        return new Rectangle(x0, y0, x1 - x0, y1 - y0);
    }

    /** Returns the share of a {@code size}-square image's pixels inside the region. */
    public double areaShare(int size) {
        Rectangle r = pixels(size);
        return (double) r.width * r.height / ((double) size * size);
    }

    /** Returns {@code X,Y,W,H} as {@link #parse} reads it. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s,%s,%s,%s", num(x), num(y), num(width), num(height));
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static InvalidInputException invalid(
            String rule, double x, double y, double width, double height) {
        return new InvalidInputException(
                "--fake-region "
                        + rule
                        + ", found "
                        + num(x)
                        + ","
                        + num(y)
                        + ","
                        + num(width)
                        + ","
                        + num(height));
    }
}
