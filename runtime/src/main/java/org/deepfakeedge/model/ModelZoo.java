package org.deepfakeedge.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deepfakeedge.InvalidInputException;

/**
 * The paper's five detector architectures, built for any input size that is a multiple of 32.
 *
 * <p>Every conv block is Conv(3×3, stride 1, pad 1, bias) → BatchNorm → ReLU, followed by a 2×2/2
 * max-pool where the paper marks one; five pools take 224 to 7. Every hidden fully connected block
 * is Dropout(0.5) → Linear → ReLU (dropout before the linear layer, as the paper's code). At
 * 224×224 the trainable parameter counts are exactly the paper's: teacher 4,590,786, student-40
 * 1,800,066, student-30 1,340,418, student-20 902,146, student-10 441,378. See Karathanasis et al.,
 * <a href="https://doi.org/10.3390/math13050887">Mathematics 13(5) 887, 2025</a>, Section 3.
 */
public final class ModelZoo {

    /** Zoo names in size order. */
    public static final List<String> NAMES =
            List.of("teacher", "student-40", "student-30", "student-20", "student-10");

    /** The paper's input size. */
    public static final int PAPER_IMAGE_SIZE = 224;

    private static final int NUM_CLASSES = 2;
    private static final double HEAD_DROPOUT = 0.5;

    private ModelZoo() {}

    /**
     * Builds a zoo architecture for square RGB input of {@code imageSize} pixels.
     *
     * @throws InvalidInputException for an unknown name or a size that is not a positive multiple
     *     of 32
     */
    public static ModelSpec build(String name, int imageSize) {
        if (imageSize < 32 || imageSize % 32 != 0) {
            throw new InvalidInputException(
                    "--image-size must be a positive multiple of 32 (five 2×2 max-pools), found "
                            + imageSize);
        }
        String key = name.toLowerCase(Locale.ROOT);
        return switch (key) {
            case "teacher" ->
                    vgg(
                            key,
                            imageSize,
                            new int[] {64, 64, -1, 128, 128, -1, 256, 256, -1, 512, -1, 128, -1},
                            new int[] {256, 256});
            case "student-40" ->
                    vgg(
                            key,
                            imageSize,
                            new int[] {32, -1, 64, -1, 128, -1, 256, -1, 128, -1, 128, 128},
                            new int[] {128, 128});
            case "student-30" ->
                    vgg(
                            key,
                            imageSize,
                            new int[] {32, -1, 64, -1, 128, -1, 128, -1, 128, -1, 128},
                            new int[] {128});
            case "student-20" ->
                    vgg(
                            key,
                            imageSize,
                            new int[] {32, -1, 64, -1, 128, -1, 128, -1, 128, -1, 64, 64},
                            new int[] {128});
            case "student-10" -> separable(key, imageSize);
            default ->
                    throw new InvalidInputException(
                            "unknown architecture '" + name + "'; choose one of " + NAMES);
        };
    }

    /** Returns true if {@code name} is a zoo architecture. */
    public static boolean contains(String name) {
        return NAMES.contains(name.toLowerCase(Locale.ROOT));
    }

    /**
     * A VGG-style stack: {@code convs} lists output channels, -1 marking a max-pool after the
     * previous conv block; {@code hidden} lists the hidden fully connected widths.
     */
    private static ModelSpec vgg(String arch, int size, int[] convs, int[] hidden) {
        List<Layer> layers = new ArrayList<>();
        int c = 3;
        int block = 0;
        int pool = 0;
        for (int out : convs) {
            if (out < 0) {
                layers.add(new Layer.MaxPool("pool" + (++pool), 2, 2));
                continue;
            }
            block++;
            layers.add(Layer.Conv.c3("conv" + block, c, out));
            layers.add(new Layer.BatchNorm("bn" + block, out));
            layers.add(new Layer.Relu("relu" + block));
            c = out;
        }
        addHead(layers, c * (size / 32) * (size / 32), hidden);
        return new ModelSpec(arch, size, 3, NUM_CLASSES, layers);
    }

    /**
     * The 10% student: five blocks of a 3×3 conv (grouped from the second block on) immediately
     * followed by a 1×1 conv, then BatchNorm → ReLU → max-pool.
     */
    private static ModelSpec separable(String arch, int size) {
        int[][] blocks = { // in, mid, groups, out
            {3, 32, 1, 32},
            {32, 64, 32, 64},
            {64, 64, 64, 64},
            {64, 128, 64, 128},
            {128, 128, 128, 64}
        };
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < blocks.length; i++) {
            int[] b = blocks[i];
            int n = i + 1;
            layers.add(new Layer.Conv("conv" + n + "_dw", b[0], b[1], 3, 1, 1, b[2], true));
            layers.add(new Layer.Conv("conv" + n + "_pw", b[1], b[3], 1, 1, 0, 1, true));
            layers.add(new Layer.BatchNorm("bn" + n, b[3]));
            layers.add(new Layer.Relu("relu" + n));
            layers.add(new Layer.MaxPool("pool" + n, 2, 2));
        }
        addHead(layers, 64 * (size / 32) * (size / 32), new int[] {128});
        return new ModelSpec(arch, size, 3, NUM_CLASSES, layers);
    }

    private static void addHead(List<Layer> layers, int features, int[] hidden) {
        layers.add(new Layer.Flatten("flatten"));
        int in = features;
        for (int i = 0; i < hidden.length; i++) {
            int n = i + 1;
            layers.add(new Layer.Dropout("drop" + n, HEAD_DROPOUT));
            layers.add(new Layer.Linear("fc" + n, in, hidden[i], true));
            layers.add(new Layer.Relu("fc" + n + "_relu"));
            in = hidden[i];
        }
        layers.add(new Layer.Linear("fc" + (hidden.length + 1), in, NUM_CLASSES, true));
    }
}
