package org.deepfakeedge.data.synth;

import java.util.Locale;
import org.deepfakeedge.InvalidInputException;

/**
 * What synthetic dataset to generate: image size, images per class, seed, generator and split
 * fractions.
 *
 * <p>{@code count} is the number of images <em>per class</em> across all splits, so {@code count =
 * 600} gives 1200 images. Each class is split by index: the first {@code round(count *
 * valFraction)} go to {@code val}, the next {@code round(count * testFraction)} to {@code test} and
 * the rest to {@code train} (see {@link #countPerClass(String)}).
 *
 * <p>{@code generator} is one of {@link SyntheticDatasets#generatorNames()}: {@code mixed} (fakes
 * evenly from all families, the default), {@code checkerboard}, {@code smooth}, {@code spectral},
 * or the unrelated task {@code shapes}. It is matched case-insensitively and stored in lower case.
 *
 * <p>{@code fakeRegion}, when set, plants the fakes' fingerprint inside that region only ({@link
 * FakeRegion}); real images are the same either way. Not with {@code shapes}, which has no fakes.
 *
 * <p>Immutable and thread-safe. Invalid values throw {@link InvalidInputException} naming the CLI
 * option, the value found and what is expected.
 *
 * @param imageSize the width and height of every image in pixels, in [16, 2048]; models use
 *     multiples of 32
 * @param count the number of images per class across all splits, >= 1
 * @param seed the master seed; every image's randomness is derived from it
 * @param generator the generator name, see {@link SyntheticDatasets#generatorNames()}
 * @param valFraction the fraction of each class that goes to {@code val}, in [0, 1)
 * @param testFraction the fraction of each class that goes to {@code test}, in [0, 1)
 * @param fakeRegion where fakes carry their fingerprint, or null for the whole image (the default)
 */
public record SynthSpec(
        int imageSize,
        int count,
        long seed,
        String generator,
        double valFraction,
        double testFraction,
        FakeRegion fakeRegion) {

    /** The smallest image size the renderer supports. */
    public static final int MIN_IMAGE_SIZE = 16;

    /** The largest image size, a guard against typing an extra digit. */
    public static final int MAX_IMAGE_SIZE = 2048;

    /** Validates every value; see the class javadoc for the ranges. */
    public SynthSpec {
        if (imageSize < MIN_IMAGE_SIZE) {
            throw new InvalidInputException(
                    "--image-size must be >= " + MIN_IMAGE_SIZE + ", found " + imageSize);
        }
        if (imageSize > MAX_IMAGE_SIZE) {
            throw new InvalidInputException(
                    "--image-size must be <= " + MAX_IMAGE_SIZE + ", found " + imageSize);
        }
        if (count < 1) {
            throw new InvalidInputException("--count must be >= 1, found " + count);
        }
        String name = generator == null ? null : generator.trim().toLowerCase(Locale.ROOT);
        if (name == null || !SyntheticDatasets.generatorNames().contains(name)) {
            throw new InvalidInputException(
                    "--generator must be one of "
                            + String.join(", ", SyntheticDatasets.generatorNames())
                            + ", found "
                            + (generator == null ? "nothing" : "'" + generator + "'"));
        }
        generator = name;
        checkFraction("--val-fraction", valFraction);
        checkFraction("--test-fraction", testFraction);
        if (count - splitCount(count, valFraction) - splitCount(count, testFraction) < 1) {
            throw new InvalidInputException(
                    "--count "
                            + count
                            + " with --val-fraction "
                            + valFraction
                            + " and --test-fraction "
                            + testFraction
                            + " leaves no training images; raise --count or lower the fractions");
        }
        if (fakeRegion != null && SyntheticDatasets.SHAPES.equals(generator)) {
            throw new InvalidInputException(
                    "--fake-region plants a fake fingerprint; the generator 'shapes' has no fakes."
                            + " Choose checkerboard, smooth, spectral or mixed");
        }
    }

    /** A spec whose fakes carry their fingerprint over the whole image. */
    public SynthSpec(
            int imageSize,
            int count,
            long seed,
            String generator,
            double valFraction,
            double testFraction) {
        this(imageSize, count, seed, generator, valFraction, testFraction, null);
    }

    /**
     * Returns the defaults: 64×64 images, 600 per class, seed 42, generator {@code mixed}, 15% val
     * and 15% test.
     *
     * @return the default spec
     */
    public static SynthSpec defaults() {
        return new SynthSpec(64, 600, 42L, "mixed", 0.15, 0.15);
    }

    /**
     * Returns the number of images of each class in one split.
     *
     * @param split {@code train}, {@code val} or {@code test}
     * @return the images per class in that split, >= 1 for {@code train}, >= 0 otherwise
     * @throws IllegalArgumentException if the split is not one of the three
     */
    public int countPerClass(String split) {
        int val = splitCount(count, valFraction);
        int test = splitCount(count, testFraction);
        return switch (split) {
            case "train" -> count - val - test;
            case "val" -> val;
            case "test" -> test;
            default ->
                    throw new IllegalArgumentException(
                            "split must be train, val or test, found '" + split + "'");
        };
    }

    /**
     * Returns a copy with another image size.
     *
     * @param imageSize the width and height in pixels, in [16, 2048]
     * @return the new spec
     */
    public SynthSpec withImageSize(int imageSize) {
        return new SynthSpec(
                imageSize, count, seed, generator, valFraction, testFraction, fakeRegion);
    }

    /**
     * Returns a copy with another number of images per class.
     *
     * @param count the images per class across all splits, >= 1
     * @return the new spec
     */
    public SynthSpec withCount(int count) {
        return new SynthSpec(
                imageSize, count, seed, generator, valFraction, testFraction, fakeRegion);
    }

    /**
     * Returns a copy with another master seed.
     *
     * @param seed the master seed
     * @return the new spec
     */
    public SynthSpec withSeed(long seed) {
        return new SynthSpec(
                imageSize, count, seed, generator, valFraction, testFraction, fakeRegion);
    }

    /**
     * Returns a copy with another generator.
     *
     * @param generator one of {@link SyntheticDatasets#generatorNames()}
     * @return the new spec
     */
    public SynthSpec withGenerator(String generator) {
        return new SynthSpec(
                imageSize, count, seed, generator, valFraction, testFraction, fakeRegion);
    }

    /**
     * Returns a copy with another validation fraction.
     *
     * @param valFraction the fraction of each class for {@code val}, in [0, 1)
     * @return the new spec
     */
    public SynthSpec withValFraction(double valFraction) {
        return new SynthSpec(
                imageSize, count, seed, generator, valFraction, testFraction, fakeRegion);
    }

    /**
     * Returns a copy with another test fraction.
     *
     * @param testFraction the fraction of each class for {@code test}, in [0, 1)
     * @return the new spec
     */
    public SynthSpec withTestFraction(double testFraction) {
        return new SynthSpec(
                imageSize, count, seed, generator, valFraction, testFraction, fakeRegion);
    }

    /**
     * Returns a copy whose fakes carry their fingerprint inside {@code region} only.
     *
     * @param region the region, or null for the whole image
     * @return the new spec
     */
    public SynthSpec withFakeRegion(FakeRegion region) {
        return new SynthSpec(imageSize, count, seed, generator, valFraction, testFraction, region);
    }

    private static void checkFraction(String option, double value) {
        // Written as a negation so that NaN fails too.
        if (!(value >= 0.0 && value < 1.0)) {
            throw new InvalidInputException(option + " must be in [0, 1), found " + value);
        }
    }

    private static int splitCount(int count, double fraction) {
        return (int) Math.round(count * fraction);
    }
}
