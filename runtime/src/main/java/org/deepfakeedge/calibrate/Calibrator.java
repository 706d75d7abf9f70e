package org.deepfakeedge.calibrate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deepfakeedge.ArtifactException;
import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.artifact.ArtifactManifest;
import org.deepfakeedge.artifact.HistoryEntry;
import org.deepfakeedge.artifact.ModelArtifact;
import org.deepfakeedge.artifact.Preprocessors;
import org.deepfakeedge.data.DatasetIndex;
import org.deepfakeedge.data.DatasetLoader;
import org.deepfakeedge.data.Sample;
import org.deepfakeedge.eval.TemperatureFit;
import org.deepfakeedge.eval.TemperatureScaling;
import org.deepfakeedge.provenance.Provenance;
import org.deepfakeedge.runtime.DatasetScorer;
import org.deepfakeedge.runtime.DatasetScores;
import org.deepfakeedge.runtime.Detector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fits a model artifact's logit temperature on a held-out split and writes it into the artifact.
 *
 * <p>Steps: score the split's images with the model at temperature 1 on its preferred runtime
 * (logit differences, not rounded p_fake); fit T ({@link TemperatureScaling#fit}); write {@code
 * model.json} with {@code temperature} T, the threshold mapped through T so that every verdict
 * stays the same ({@link ArtifactManifest#withTemperature}), and a history step {@code calibrate}
 * with T, the split and the numbers before and after. A model calibrated before is fitted afresh
 * from its uncalibrated logits (the previous temperature is replaced, not compounded). The weights
 * file is never rewritten; {@code metrics.json} is left as it is (its threshold-based metrics and
 * ROC curve hold for the calibrated model too, its calibration block is the uncalibrated model's:
 * run {@code evaluate} to measure the calibrated one).
 *
 * <p>Stateless and thread-safe.
 */
public final class Calibrator {
    private static final Logger LOG = LoggerFactory.getLogger(Calibrator.class);

    /** The history step's method (the CLI verb, as every step names itself). */
    public static final String METHOD = "calibrate";

    private Calibrator() {}

    /**
     * Calibrates {@code spec.model()}.
     *
     * @throws ArtifactException if the model is not an artifact folder (an exported {@code .onnx}
     *     file cannot be calibrated: its graph is fixed)
     * @throws InvalidInputException if the split is empty, lacks a class, or {@code --out} holds
     *     another model
     */
    public static CalibrationResult calibrate(CalibrateSpec spec) throws IOException {
        Path model = spec.model();
        if (Files.isRegularFile(model)) {
            throw new ArtifactException(
                    model
                            + " is a model file, which cannot be calibrated in place (an exported"
                            + " graph is fixed): calibrate the model artifact folder it was"
                            + " exported from, then export it again; the new file carries the"
                            + " temperature in its graph");
        }
        boolean inPlace = spec.inPlace();
        if (!inPlace && ModelArtifact.exists(spec.out())) {
            throw new InvalidInputException(
                    "--out "
                            + spec.out()
                            + " already holds a model; choose another folder, or leave --out"
                            + " out to calibrate "
                            + model
                            + " in place");
        }
        ModelArtifact src = ModelArtifact.load(model);
        DatasetIndex index = DatasetLoader.open(spec.data(), spec.dataOptions());
        String split = spec.split().name().toLowerCase(java.util.Locale.ROOT);
        List<Sample> samples = index.split(spec.split());
        if (samples.isEmpty()) {
            throw new InvalidInputException(
                    "split '"
                            + split
                            + "' of "
                            + index.root()
                            + " has no images; calibrate fits on held-out images the model was"
                            + " not trained on: give data with a val split, or choose another"
                            + " --split (have "
                            + index.counts().keySet()
                            + ")");
        }
        ArtifactManifest raw = src.manifest().withTemperature(1.0);
        DatasetScores s;
        try (Detector d =
                Detector.forArtifact(
                        new ModelArtifact(src.dir(), raw, src.weights()), spec.threads())) {
            s =
                    DatasetScorer.score(
                            d.logitScorer(),
                            samples,
                            Preprocessors.of(raw.preprocessing()),
                            spec.batchSize(),
                            spec.threads(),
                            0L); // one pass: a cache would only hold memory
        }
        float[] z = s.scores();
        int[] labels = s.labels();
        long fakes = java.util.Arrays.stream(labels).filter(y -> y == 1).count();
        if (fakes == 0 || fakes == z.length) {
            throw new InvalidInputException(
                    "split '"
                            + split
                            + "' of "
                            + index.root()
                            + " has "
                            + fakes
                            + " readable fake and "
                            + (z.length - fakes)
                            + " readable real images; a temperature needs both classes");
        }
        TemperatureFit fit = TemperatureScaling.fit(z, labels);
        double previous = src.manifest().appliedTemperature();
        TemperatureFit.Quality before = TemperatureFit.Quality.of(z, labels, previous);
        ArtifactManifest calibrated = raw.withTemperature(fit.temperature());
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("data", index.root().toString());
        options.put("data_fingerprint", index.fingerprint());
        options.put("split", split);
        options.put("n", z.length);
        options.put("temperature", fit.temperature());
        options.put("previous_temperature", previous);
        options.put("at_bound", fit.atBound());
        options.put("threshold_before", src.manifest().threshold());
        options.put("threshold_after", calibrated.threshold());
        options.put("nll_before", before.nll());
        options.put("nll_after", fit.after().nll());
        options.put("ece_before", before.ece());
        options.put("ece_after", fit.after().ece());
        options.put("brier_before", before.brier());
        options.put("brier_after", fit.after().brier());
        calibrated =
                calibrated.withStep(
                        new HistoryEntry(
                                METHOD,
                                options,
                                Provenance.timestamp(),
                                src.manifest().artifactId(),
                                src.dir().toString()));
        Path target = inPlace ? src.dir() : spec.out();
        ModelArtifact saved = src.withManifest(target, calibrated);
        LOG.info(
                "calibrated {} on {} {} images: T {} -> {}, NLL {} -> {}, ECE {} -> {}",
                model,
                z.length,
                split,
                previous,
                fit.temperature(),
                before.nll(),
                fit.after().nll(),
                before.ece(),
                fit.after().ece());
        return new CalibrationResult(
                model.toString(),
                target.toString(),
                inPlace,
                index.root().toString(),
                split,
                z.length,
                s.skipped().size(),
                fit.temperature(),
                previous,
                fit.atBound(),
                src.manifest().threshold(),
                saved.manifest().threshold(),
                before,
                fit.after(),
                saved.manifest().artifactId());
    }
}
