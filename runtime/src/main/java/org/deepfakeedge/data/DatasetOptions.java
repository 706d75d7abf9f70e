package org.deepfakeedge.data;

/**
 * How {@link DatasetLoader} splits data that comes without splits of its own.
 *
 * <p>Used only for layouts without split folders (class folders, Synthbuster + RAISE, a CSV
 * manifest without a {@code split} column) and, with {@code valFraction} alone, to carve a
 * validation split out of {@code train} when a data set has only train and test. Splits are
 * stratified by class and generator and depend only on the seed and the file names, not on the
 * order in which the file system lists them. Immutable and thread-safe.
 *
 * @param splitSeed seed of the split; the same seed gives the same split
 * @param valFraction fraction of the samples put in {@link Split#VAL}, in [0, 1); when carving
 *     validation out of {@code train}, the fraction of {@code train}
 * @param testFraction fraction of the samples put in {@link Split#TEST}, in [0, 1)
 * @param positiveClass for two class folders with other names than {@code real}/{@code fake} (or
 *     {@code 0_X}/{@code 1_X}), e.g. {@code cat}/{@code dog}: the folder name that is class 1,
 *     matched case-insensitively; {@code ""} when not given
 */
public record DatasetOptions(
        long splitSeed, double valFraction, double testFraction, String positiveClass) {

    /** Validates the fractions. */
    public DatasetOptions {
        positiveClass = positiveClass == null ? "" : positiveClass.trim();
        checkFraction("valFraction", valFraction);
        checkFraction("testFraction", testFraction);
        if (valFraction + testFraction >= 1.0) {
            throw new IllegalArgumentException(
                    "valFraction + testFraction must be < 1 so that train keeps samples, found "
                            + valFraction
                            + " + "
                            + testFraction);
        }
    }

    /**
     * Options without a positive class name.
     *
     * @param splitSeed seed of the split
     * @param valFraction validation fraction
     * @param testFraction test fraction
     */
    public DatasetOptions(long splitSeed, double valFraction, double testFraction) {
        this(splitSeed, valFraction, testFraction, "");
    }

    /**
     * Returns the defaults: seed 42, 20% validation, 20% test.
     *
     * @return the default options
     */
    public static DatasetOptions defaults() {
        return new DatasetOptions(42, 0.2, 0.2);
    }

    private static void checkFraction(String name, double value) {
        if (!(value >= 0.0 && value < 1.0)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), found " + value);
        }
    }
}
