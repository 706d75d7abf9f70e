package org.deepfakeedge.eval;

import java.util.Locale;
import org.deepfakeedge.InvalidInputException;

/**
 * An abstain band: p_fake in {@code [low, high)} gets the label {@value #LABEL} instead of a
 * verdict, for users who must not be wrong silently.
 *
 * <p>The rule: {@code low ≤ p < high} is unsure; below {@code low} the image is real, at or above
 * {@code high} fake. The band must contain the model's threshold ({@code 0 ≤ low ≤ threshold ≤ high
 * ≤ 1}, {@link #checkContains}), so every decided image keeps the verdict it has without the band
 * (fake when p ≥ threshold). {@code low = high} abstains on nothing; {@code high = 1} still calls p
 * = 1 fake. The band is on the p_fake the model reports, so it means most on a calibrated model
 * ({@code deepfake-edge calibrate}). Immutable and thread-safe.
 *
 * @param low lowest p_fake that is unsure, in [0, 1]
 * @param high lowest p_fake above the band (fake), in [low, 1]
 */
public record UnsureBand(double low, double high) {
    /** The label of an image inside the band. */
    public static final String LABEL = "unsure";

    /** Checks {@code 0 ≤ low ≤ high ≤ 1}. */
    public UnsureBand {
        if (!(low >= 0 && high <= 1 && low <= high)) {
            throw new InvalidInputException(
                    "--unsure "
                            + text(low)
                            + ","
                            + text(high)
                            + ": need 0 <= LOW <= HIGH <= 1, e.g. --unsure 0.3,0.7");
        }
    }

    /**
     * Parses {@code LOW,HIGH} (the {@code --unsure} value).
     *
     * @throws InvalidInputException naming the value and the expected form
     */
    public static UnsureBand parse(String text) {
        String[] parts = text == null ? new String[0] : text.split(",", -1);
        if (parts.length == 2) {
            try {
                return new UnsureBand(
                        Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim()));
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new InvalidInputException(
                "--unsure '"
                        + text
                        + "': expected LOW,HIGH, two numbers with 0 <= LOW <= threshold <= HIGH <="
                        + " 1, e.g. --unsure 0.3,0.7");
    }

    /**
     * Checks that the band contains the model's threshold, so that no decided image changes
     * verdict.
     *
     * @return this band
     * @throws InvalidInputException naming the band and the threshold
     */
    public UnsureBand checkContains(double threshold) {
        if (!(low <= threshold && threshold <= high)) {
            throw new InvalidInputException(
                    "--unsure "
                            + this
                            + " must contain the model's threshold "
                            + String.format(Locale.ROOT, "%.4f", threshold)
                            + " (need 0 <= LOW <= threshold <= HIGH <= 1), e.g. --unsure "
                            // the nearest band with two decimals that holds the threshold
                            + text(low <= threshold ? low : Math.floor(threshold * 100) / 100)
                            + ","
                            + text(high >= threshold ? high : Math.ceil(threshold * 100) / 100));
        }
        return this;
    }

    /** Returns true if {@code p} lies in the band: {@code low ≤ p < high}. */
    public boolean contains(double p) {
        return low <= p && p < high;
    }

    /**
     * The label of score {@code p}: {@value #LABEL} inside the band, else {@code fake} when p ≥
     * threshold, {@code real} below (the given class names).
     *
     * @param real the name of class 0
     * @param fake the name of class 1
     */
    public String label(double p, double threshold, String real, String fake) {
        return contains(p) ? LABEL : p >= threshold ? fake : real;
    }

    /** Returns {@code LOW,HIGH} as the option is written. */
    @Override
    public String toString() {
        return text(low) + "," + text(high);
    }

    private static String text(double v) {
        String s = Double.toString(v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
}
