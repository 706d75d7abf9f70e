package org.deepfakeedge.workflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.deepfakeedge.artifact.Preprocessing;
import org.deepfakeedge.artifact.Preprocessors;
import org.deepfakeedge.data.DatasetIndex;
import org.deepfakeedge.data.DatasetLoader;
import org.deepfakeedge.data.DatasetOptions;
import org.deepfakeedge.data.Split;
import org.deepfakeedge.data.synth.ProgressListener;
import org.deepfakeedge.data.synth.SynthSpec;
import org.deepfakeedge.data.synth.SyntheticDatasets;
import org.deepfakeedge.engine.DjlEngine;
import org.deepfakeedge.model.ModelSpec;
import org.deepfakeedge.model.ModelZoo;
import org.deepfakeedge.provenance.EnvironmentInfo;
import org.deepfakeedge.train.DetectorTrainer;
import org.deepfakeedge.train.EpochRecord;
import org.deepfakeedge.train.TrainListener;
import org.deepfakeedge.train.TrainResult;
import org.deepfakeedge.train.TrainSpec;
import org.deepfakeedge.train.TrainingPlan;

/**
 * Measures training throughput the way {@code train} trains: real image files decoded by the batch
 * loader, the default recipe (Adam, cosine schedule, flips), the same {@link DetectorTrainer} loop,
 * without validation or checkpoints, which are not training.
 *
 * <p>Without a data folder, built-in images are written as PNG files into a temporary folder first
 * (not timed) and deleted afterwards. The first epoch decodes every file; later epochs take the
 * decoded images from the loader's cache, as a real run does. Stateless; one benchmark at a time
 * per machine (two would share the cores).
 */
public final class TrainBenchmark {
    private TrainBenchmark() {}

    /** Runs the benchmark; {@code listener} sees every step (for a progress bar). */
    public static TrainBenchResult run(TrainBenchSpec spec, TrainListener listener)
            throws IOException {
        ModelSpec model = ModelZoo.build(spec.arch(), spec.imageSize());
        Path temp = null;
        try {
            Path root = spec.data();
            String source;
            if (root == null) {
                temp = Files.createTempDirectory("deepfake-edge-bench-");
                root = temp.resolve("data");
                SyntheticDatasets.write(
                        new SynthSpec(
                                spec.imageSize(), spec.images() / 2, spec.seed(), "mixed", 0, 0),
                        root,
                        ProgressListener.NONE);
                source =
                        "built-in mixed data, "
                                + spec.images()
                                + " PNG files at "
                                + spec.imageSize()
                                + " px";
            } else {
                source = root.toString();
            }
            DatasetIndex data = DatasetLoader.open(root, new DatasetOptions(spec.seed(), 0, 0));
            TrainSpec train =
                    TrainSpec.defaults()
                            .withEpochs(spec.epochs())
                            .withBatchSize(spec.batchSize())
                            .withSeed(spec.seed())
                            .withThreads(spec.threads());
            DjlEngine.start(spec.threads());
            Preprocessing prep =
                    TrainWorkflow.preprocessing(spec.imageSize(), "imagenet", "stretch");
            TrainResult r =
                    new DetectorTrainer(train, Preprocessors.of(prep), listener)
                            .train(
                                    TrainingPlan.fromScratch(model, spec.seed()),
                                    data.split(Split.TRAIN),
                                    List.of(),
                                    null,
                                    false,
                                    "bench");
            double gflopPerImage = 3 * 2 * model.multiplyAdds() / 1e9;
            List<TrainBenchResult.Epoch> epochs = new ArrayList<>();
            for (EpochRecord e : r.epochs()) {
                epochs.add(
                        new TrainBenchResult.Epoch(
                                e.epoch(),
                                e.seconds(),
                                e.imagesPerSecond(),
                                e.imagesPerSecond() * gflopPerImage,
                                e.phaseSeconds()));
            }
            return new TrainBenchResult(
                    spec,
                    DjlEngine.threads(),
                    data.split(Split.TRAIN).size(),
                    gflopPerImage,
                    epochs,
                    EnvironmentInfo.current(),
                    DjlEngine.versions(),
                    source);
        } finally {
            if (temp != null) {
                deleteTree(temp);
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
