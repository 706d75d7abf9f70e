package org.deepfakeedge.data;

import java.util.Locale;
import org.deepfakeedge.InvalidInputException;

/**
 * Training-time augmentation settings, applied by {@link BatchLoader} after its cache so that every
 * epoch sees fresh variants.
 *
 * <p>The steps run in this order, each with its own probability: horizontal flip; random-resized
 * crop (an area fraction in [{@code cropMinScale}, 1] and an aspect ratio in [3/4, 4/3], resized
 * back to the input size); Gaussian blur with sigma uniform in (0, {@code blurMaxSigma}]; JPEG
 * re-compression at a quality uniform in [{@code jpegMinQuality}, {@code jpegMaxQuality}]. Blur and
 * JPEG are the augmentations Wang et al. (CVPR 2020, "CNN-generated images are surprisingly easy to
 * spot... for now") found to help detectors generalise to unseen generators. Immutable and
 * thread-safe.
 *
 * @param flipProb probability of a horizontal flip, in [0, 1]
 * @param cropProb probability of a random-resized crop, in [0, 1]
 * @param cropMinScale smallest kept area fraction of a crop, in (0, 1]
 * @param jpegProb probability of JPEG re-compression, in [0, 1]
 * @param jpegMinQuality lowest JPEG quality, in [1, 100]
 * @param jpegMaxQuality highest JPEG quality, in [{@code jpegMinQuality}, 100]
 * @param blurProb probability of a Gaussian blur, in [0, 1]
 * @param blurMaxSigma largest blur sigma in pixels, &ge; 0
 */
public record Augmentation(
        double flipProb,
        double cropProb,
        double cropMinScale,
        double jpegProb,
        int jpegMinQuality,
        int jpegMaxQuality,
        double blurProb,
        double blurMaxSigma) {

    private static final String PARSE_HELP =
            "expected 'none', 'standard' or a comma-separated list of flip, crop, jpeg, blur,"
                    + " each optionally with a probability (e.g. 'flip,jpeg=0.3')";

    /** Validates the ranges. */
    public Augmentation {
        checkProbability("flipProb", flipProb);
        checkProbability("cropProb", cropProb);
        checkProbability("jpegProb", jpegProb);
        checkProbability("blurProb", blurProb);
        if (!(cropMinScale > 0 && cropMinScale <= 1)) {
            throw new IllegalArgumentException(
                    "cropMinScale must be in (0, 1], found " + cropMinScale);
        }
        if (jpegMinQuality < 1 || jpegMaxQuality > 100 || jpegMinQuality > jpegMaxQuality) {
            throw new IllegalArgumentException(
                    "JPEG qualities must satisfy 1 <= min <= max <= 100, found min="
                            + jpegMinQuality
                            + " max="
                            + jpegMaxQuality);
        }
        if (!(blurMaxSigma >= 0) || !Double.isFinite(blurMaxSigma)) {
            throw new IllegalArgumentException(
                    "blurMaxSigma must be finite and >= 0, found " + blurMaxSigma);
        }
    }

    /**
     * Returns no augmentation at all (evaluation, or training without it).
     *
     * @return all probabilities 0
     */
    public static Augmentation none() {
        return new Augmentation(0, 0, 1.0, 0, 100, 100, 0, 0);
    }

    /**
     * Returns the standard training augmentation.
     *
     * <p>Flip 0.5; crop 0.5 keeping at least half the area; blur 0.1 with sigma up to 3; JPEG 0.1
     * at quality 30–100 (Wang et al.'s "Blur+JPEG (0.1)" setting, which kept accuracy on clean
     * images while adding robustness).
     *
     * @return the standard settings
     */
    public static Augmentation standard() {
        return new Augmentation(0.5, 0.5, 0.5, 0.1, 30, 100, 0.1, 3.0);
    }

    /**
     * Parses a CLI string.
     *
     * <p>{@code none} gives {@link #none()}, {@code standard} gives {@link #standard()}. Otherwise
     * a comma-separated list of {@code flip}, {@code crop}, {@code jpeg}, {@code blur} enables
     * those steps with the probability and parameters of {@link #standard()}; {@code name=p} sets
     * the probability to {@code p}. Case-insensitive, blanks ignored.
     *
     * @param text e.g. {@code "flip,crop,jpeg,blur"}, {@code "flip,jpeg=0.5"} or {@code "none"}
     * @return the settings
     * @throws InvalidInputException if a token is unknown or a probability is not in [0, 1]
     */
    public static Augmentation parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("Empty augmentation: " + PARSE_HELP);
        }
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        if (trimmed.equals("none")) {
            return none();
        }
        if (trimmed.equals("standard")) {
            return standard();
        }
        Augmentation std = standard();
        double flip = 0;
        double crop = 0;
        double jpeg = 0;
        double blur = 0;
        for (String token : trimmed.split(",")) {
            String t = token.trim();
            String name = t;
            Double prob = null;
            int eq = t.indexOf('=');
            if (eq >= 0) {
                name = t.substring(0, eq).trim();
                prob = parseProbability(text, t.substring(eq + 1).trim());
            }
            switch (name) {
                case "flip" -> flip = prob != null ? prob : std.flipProb();
                case "crop" -> crop = prob != null ? prob : std.cropProb();
                case "jpeg" -> jpeg = prob != null ? prob : std.jpegProb();
                case "blur" -> blur = prob != null ? prob : std.blurProb();
                default ->
                        throw new InvalidInputException(
                                "Unknown augmentation '"
                                        + t
                                        + "' in '"
                                        + text
                                        + "': "
                                        + PARSE_HELP);
            }
        }
        return new Augmentation(
                flip,
                crop,
                std.cropMinScale(),
                jpeg,
                std.jpegMinQuality(),
                std.jpegMaxQuality(),
                blur,
                std.blurMaxSigma());
    }

    /**
     * Tells whether no step can ever fire.
     *
     * @return true when every probability is 0
     */
    public boolean isNone() {
        return flipProb == 0 && cropProb == 0 && jpegProb == 0 && blurProb == 0;
    }

    private static double parseProbability(String text, String value) {
        try {
            double p = Double.parseDouble(value);
            if (p >= 0 && p <= 1) {
                return p;
            }
        } catch (NumberFormatException e) {
            // fall through to the error below, which names the bad value
        }
        throw new InvalidInputException(
                "Augmentation probability must be a number in [0, 1], found '"
                        + value
                        + "' in '"
                        + text
                        + "'");
    }

    private static void checkProbability(String name, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], found " + p);
        }
    }
}
