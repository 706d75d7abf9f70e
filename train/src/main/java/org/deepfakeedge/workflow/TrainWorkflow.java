package org.deepfakeedge.workflow;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.artifact.ArtifactKind;
import org.deepfakeedge.artifact.ArtifactManifest;
import org.deepfakeedge.artifact.HistoryEntry;
import org.deepfakeedge.artifact.ModelArtifact;
import org.deepfakeedge.artifact.Preprocessing;
import org.deepfakeedge.artifact.Preprocessors;
import org.deepfakeedge.data.DatasetIndex;
import org.deepfakeedge.data.DatasetLoader;
import org.deepfakeedge.data.Split;
import org.deepfakeedge.engine.DjlEngine;
import org.deepfakeedge.model.ModelSpec;
import org.deepfakeedge.model.ModelZoo;
import org.deepfakeedge.provenance.DataProvenance;
import org.deepfakeedge.provenance.Json;
import org.deepfakeedge.provenance.Provenance;
import org.deepfakeedge.provenance.Timing;
import org.deepfakeedge.runtime.Detector;
import org.deepfakeedge.train.DetectorTrainer;
import org.deepfakeedge.train.TrainListener;
import org.deepfakeedge.train.TrainResult;
import org.deepfakeedge.train.TrainingPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a zoo architecture from scratch on a dataset, saves the artifact with its threshold and
 * provenance, and evaluates it on the test split ({@code metrics.json}, {@code roc.svg}).
 */
public final class TrainWorkflow {
    private static final Logger LOG = LoggerFactory.getLogger(TrainWorkflow.class);

    /** Folder of the training checkpoint inside the output folder. */
    public static final String CHECKPOINT = "checkpoint";

    private TrainWorkflow() {}

    /** Runs the request; progress goes to {@code listener}. */
    public static TrainOutcome run(TrainRequest req, TrainListener listener) throws IOException {
        Path out = req.out();
        if (ModelArtifact.exists(out) && !req.force()) {
            throw new InvalidInputException(
                    "--out "
                            + out
                            + " already holds a model; choose another folder or add --force");
        }
        ModelSpec spec = ModelZoo.build(req.arch(), req.imageSize());
        DatasetIndex data = DatasetLoader.open(req.data(), req.split());
        data.warnings().forEach(w -> LOG.warn("{}", w));
        Preprocessing prep = preprocessing(req.imageSize(), req.normalization(), req.resize());
        LOG.info(
                "training {} ({} params, {} MMACs at {}px) on {} [{}]: {}",
                spec.arch(),
                String.format("%,d", spec.parameterCount()),
                spec.multiplyAdds() / 1_000_000,
                req.imageSize(),
                data.root(),
                data.layout(),
                data.counts());

        Map<String, Object> options = options(req);
        String dataFingerprint = data.fingerprint(); // reads every file: once per run
        String fingerprint =
                ModelArtifact.sha256(
                        (Json.line(spec) + Json.line(withoutEpochs(options)) + dataFingerprint)
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        DetectorTrainer trainer =
                new DetectorTrainer(req.train(), Preprocessors.of(prep), listener);
        Path checkpoint = out.resolve(CHECKPOINT);
        TrainResult result =
                trainer.train(
                        TrainingPlan.fromScratch(spec, req.train().seed()),
                        data.split(Split.TRAIN),
                        data.split(Split.VAL),
                        checkpoint,
                        req.resume(),
                        fingerprint);

        Provenance prov =
                Provenance.of(DjlEngine.environment(), req.train().seed())
                        .withData(DataProvenance.of(data, dataFingerprint))
                        .withTiming(
                                new Timing(
                                        result.trainSeconds(),
                                        result.epochs().size(),
                                        result.bestEpoch(),
                                        result.imagesSeen()));
        ArtifactManifest manifest =
                new ArtifactManifest(
                        ArtifactManifest.SCHEMA_VERSION,
                        ArtifactKind.TRAINED.id(),
                        spec,
                        prep,
                        data.classNames(),
                        result.threshold(),
                        List.of(
                                new HistoryEntry(
                                        "train", options, Provenance.timestamp(), null, null)),
                        null,
                        prov);
        ModelArtifact artifact = ModelArtifact.save(out, manifest, result.weights());
        EvaluationReport test = null;
        if (!data.split(Split.TEST).isEmpty()) {
            try (Detector det = Detector.forArtifact(artifact, req.train().threads())) {
                test =
                        Evaluator.evaluate(
                                det,
                                data,
                                dataFingerprint,
                                Split.TEST,
                                out.resolve("roc.svg"),
                                req.train().batchSize(),
                                req.train().threads());
            }
        }
        MetricsFile.write(artifact, test, result, null);
        DetectorTrainer.deleteCheckpoint(checkpoint);
        return new TrainOutcome(artifact, result, test);
    }

    /** Builds the preprocessing record from CLI names. */
    public static Preprocessing preprocessing(int size, String normalization, String resize) {
        float[][] ms =
                switch (normalization) {
                    case "imagenet" ->
                            new float[][] {Preprocessing.IMAGENET_MEAN, Preprocessing.IMAGENET_STD};
                    case "half" -> new float[][] {{0.5f, 0.5f, 0.5f}, {0.5f, 0.5f, 0.5f}};
                    default ->
                            throw new InvalidInputException(
                                    "--normalization must be imagenet or half, found "
                                            + normalization);
                };
        return new Preprocessing(size, resize, ms[0], ms[1]);
    }

    private static Map<String, Object> options(TrainRequest req) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("arch", req.arch());
        o.put("image_size", req.imageSize());
        o.put("normalization", req.normalization());
        o.put("resize", req.resize());
        @SuppressWarnings("unchecked")
        Map<String, Object> t = Json.MAPPER.convertValue(req.train(), Map.class);
        o.putAll(t);
        return o;
    }

    private static Map<String, Object> withoutEpochs(Map<String, Object> options) {
        Map<String, Object> o = new LinkedHashMap<>(options);
        o.remove("epochs"); // a resumed run may extend its epoch budget
        o.remove("threads");
        return o;
    }
}
