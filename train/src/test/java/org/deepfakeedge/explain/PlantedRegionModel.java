package org.deepfakeedge.explain;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.deepfakeedge.artifact.ModelArtifact;
import org.deepfakeedge.data.DatasetOptions;
import org.deepfakeedge.data.synth.FakeRegion;
import org.deepfakeedge.data.synth.ProgressListener;
import org.deepfakeedge.data.synth.SynthSpec;
import org.deepfakeedge.data.synth.SyntheticDatasets;
import org.deepfakeedge.train.TrainListener;
import org.deepfakeedge.train.TrainSpec;
import org.deepfakeedge.workflow.TrainOutcome;
import org.deepfakeedge.workflow.TrainRequest;
import org.deepfakeedge.workflow.TrainWorkflow;

/**
 * A small detector trained on built-in data whose fakes carry their fingerprint in a known region
 * ({@code dataset synth --fake-region}), for tests that check where an explanation method looks:
 * {@link #get()} trains it once per test JVM (student-10 at 64 px, about 30 s) and every
 * explanation test, occlusion or Grad-CAM, can measure its maps with {@link #meanMassInside}.
 */
public final class PlantedRegionModel {
    /** The top-right quarter: a quarter of the area, away from the centre. */
    public static final FakeRegion REGION = new FakeRegion(0.5, 0, 0.5, 0.5);

    /** The model's input and the images' size. */
    public static final int SIZE = 64;

    /** The data: checkerboard fakes planted in {@link #REGION}, 300 images per class. */
    public static final SynthSpec DATA =
            new SynthSpec(SIZE, 300, 11, "checkerboard", 0.15, 0.15, REGION);

    /**
     * The architecture and its epochs: measured on this data, student-10 reached a test ROC-AUC of
     * 0.63 after 6 epochs and 0.79 after 8, about 3.5 s an epoch on 2 idle cores.
     */
    static final String ARCH = "student-10";

    static final int EPOCHS = 8;

    private static Trained trained;

    private PlantedRegionModel() {}

    /**
     * The trained model.
     *
     * @param data the dataset folder ({@link #DATA})
     * @param model the artifact folder
     * @param outcome what training reported (test metrics of the DJL runtime)
     * @param seconds data generation and training time
     */
    public record Trained(Path data, Path model, TrainOutcome outcome, double seconds) {
        /** The region in the model's input pixels. */
        public Rectangle region() {
            return REGION.pixels(SIZE);
        }

        /** The region's share of the input's area. */
        public double areaShare() {
            return REGION.areaShare(SIZE);
        }

        /** Loads the artifact. */
        public ModelArtifact artifact() {
            return ModelArtifact.load(model);
        }

        /** The first {@code n} fake test images, in name order. */
        public List<BufferedImage> testFakes(int n) {
            List<BufferedImage> images = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                images.add(SyntheticDatasets.render(DATA, "test", 1, i));
            }
            return images;
        }
    }

    /** Trains the model on first use (into a temporary folder deleted when the JVM exits). */
    public static synchronized Trained get() {
        if (trained == null) {
            try {
                trained = train();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return trained;
    }

    private static Trained train() throws IOException {
        long start = System.nanoTime();
        Path dir = Files.createTempDirectory("planted-region-");
        dir.toFile().deleteOnExit();
        Path data = dir.resolve("data");
        Path model = dir.resolve("model");
        SyntheticDatasets.write(DATA, data, ProgressListener.NONE);
        TrainSpec spec =
                TrainSpec.defaults()
                        .withEpochs(EPOCHS)
                        .withLr(1e-3)
                        .withSeed(5)
                        // no flips: they would move the region to the other side
                        .withAugmentation("none");
        TrainOutcome outcome =
                TrainWorkflow.run(
                        new TrainRequest(
                                data,
                                DatasetOptions.defaults(),
                                ARCH,
                                SIZE,
                                spec,
                                "imagenet",
                                "stretch",
                                model,
                                false,
                                true),
                        TrainListener.NONE);
        deleteOnExit(dir);
        return new Trained(data, model, outcome, (System.nanoTime() - start) / 1e9);
    }

    /**
     * The mean over {@code images} of the share of each map's mass inside the region: the number to
     * compare with {@link Trained#areaShare} (a map that ignores the region scores about that).
     */
    public static double meanMassInside(
            Function<BufferedImage, Heatmap> explain, List<BufferedImage> images) {
        Rectangle r = REGION.pixels(SIZE);
        double sum = 0;
        for (BufferedImage image : images) {
            sum += explain.apply(image).massInside(r.x, r.y, r.x + r.width, r.y + r.height);
        }
        return sum / images.size();
    }

    private static void deleteOnExit(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            walk.forEach(p -> p.toFile().deleteOnExit());
        }
    }
}
