package org.deepfakeedge.artifact;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.deepfakeedge.eval.TemperatureScaling;
import org.deepfakeedge.model.ModelSpec;
import org.deepfakeedge.provenance.JsonOptional;
import org.deepfakeedge.provenance.Provenance;

/**
 * The content of {@code model.json}: everything needed to use, trust and reproduce a model.
 *
 * <p><b>Temperature.</b> A calibrated model ({@code deepfake-edge calibrate}) divides its logits by
 * {@code temperature} before the softmax, so p_fake = sigmoid((l_fake − l_real) / T). Every runtime
 * applies it: the DJL detector in Java, ONNX Runtime through a {@code Div} node the exporter puts
 * before the graph's output. A manifest without the field (every file written before calibration
 * existed, and every uncalibrated model) means T = 1 and is written exactly as before: the field is
 * left out, {@code schema_version} stays {@value #SCHEMA_VERSION} and the artifact id stays the
 * weights' SHA-256. A calibrated manifest is written with {@code schema_version} {@value
 * #TEMPERATURE_SCHEMA_VERSION}, so that a build that would ignore the temperature (and then apply
 * the re-mapped threshold to uncalibrated scores) refuses the file instead.
 *
 * @param schemaVersion format version of this file
 * @param kind trained | pruned | distilled | quantized | lowrank | finetuned | adapted
 * @param spec the model's layers (the weights file must match it)
 * @param preprocessing how images become input
 * @param classNames class 0 and class 1 names (real, fake for detectors)
 * @param threshold decision threshold on p(class 1), chosen on validation data; on a calibrated
 *     model the threshold on the calibrated p (the validation threshold mapped through T)
 * @param temperature the logit temperature T &gt; 0 of a calibrated model; null for T = 1
 * @param history lineage, oldest first
 * @param weights the weights file's name, size and SHA-256 (its artifact id)
 * @param provenance environment, tool, data fingerprint, seed and timing of the last step ({@link
 *     Provenance#NONE} when unknown)
 */
public record ArtifactManifest(
        int schemaVersion,
        String kind,
        ModelSpec spec,
        Preprocessing preprocessing,
        List<String> classNames,
        double threshold,
        @JsonOptional Double temperature,
        List<HistoryEntry> history,
        WeightsInfo weights,
        Provenance provenance) {

    /** The {@code model.json} format version of an uncalibrated model. */
    public static final int SCHEMA_VERSION = 1;

    /** The format version of a calibrated model: the first with {@code temperature}. */
    public static final int TEMPERATURE_SCHEMA_VERSION = 2;

    /** The newest format version this build reads. */
    public static final int READABLE_SCHEMA_VERSION = TEMPERATURE_SCHEMA_VERSION;

    public ArtifactManifest {
        classNames = List.copyOf(classNames);
        history = List.copyOf(history);
        provenance = provenance == null ? Provenance.NONE : provenance;
        // T = 1 is "uncalibrated": kept as no field, so such a file is the one written before
        if (temperature != null && temperature == 1.0) {
            temperature = null;
        }
        if (temperature != null && !(temperature > 0 && Double.isFinite(temperature))) {
            throw new org.deepfakeedge.InvalidInputException(
                    "model temperature must be a finite number > 0, found " + temperature);
        }
    }

    /** A manifest without a temperature (T = 1), as every manifest was before calibration. */
    public ArtifactManifest(
            int schemaVersion,
            String kind,
            ModelSpec spec,
            Preprocessing preprocessing,
            List<String> classNames,
            double threshold,
            List<HistoryEntry> history,
            WeightsInfo weights,
            Provenance provenance) {
        this(
                schemaVersion,
                kind,
                spec,
                preprocessing,
                classNames,
                threshold,
                null,
                history,
                weights,
                provenance);
    }

    /**
     * The weights file record.
     *
     * @param file file name inside the artifact directory
     * @param bytes file size
     * @param sha256 hex SHA-256 of the file, also the artifact id
     */
    public record WeightsInfo(String file, long bytes, String sha256) {}

    /**
     * Returns the artifact id: the SHA-256 of the weights file; for a calibrated model the SHA-256
     * of that hex, a space and the temperature's {@link Double#toString}, because the same weights
     * with another temperature give other scores (a resumed scan must not mix them).
     */
    public String artifactId() {
        if (weights == null) {
            return null;
        }
        if (temperature == null) {
            return weights.sha256();
        }
        return ModelArtifact.sha256(
                (weights.sha256() + " " + temperature).getBytes(StandardCharsets.US_ASCII));
    }

    /** Returns the temperature every runtime divides the logits by: 1 when there is none. */
    public double appliedTemperature() {
        return temperature == null ? 1.0 : temperature;
    }

    /** Returns true if the model carries a temperature other than 1. */
    public boolean calibrated() {
        return temperature != null;
    }

    /** Returns a copy with the weights record replaced. */
    public ArtifactManifest withWeights(WeightsInfo w) {
        return new ArtifactManifest(
                schemaVersion,
                kind,
                spec,
                preprocessing,
                classNames,
                threshold,
                temperature,
                history,
                w,
                provenance);
    }

    /** Returns a copy with another threshold (on this manifest's, possibly calibrated, p). */
    public ArtifactManifest withThreshold(double t) {
        return new ArtifactManifest(
                schemaVersion,
                kind,
                spec,
                preprocessing,
                classNames,
                t,
                temperature,
                history,
                weights,
                provenance);
    }

    /**
     * Returns a copy with temperature {@code t} (1 for none) and the threshold mapped from this
     * temperature to {@code t}, so that every verdict stays the same ({@link
     * TemperatureScaling#mapThreshold}); the schema version is the one the temperature needs.
     */
    public ArtifactManifest withTemperature(double t) {
        Double next = t == 1.0 ? null : t;
        return new ArtifactManifest(
                next == null ? SCHEMA_VERSION : TEMPERATURE_SCHEMA_VERSION,
                kind,
                spec,
                preprocessing,
                classNames,
                TemperatureScaling.mapThreshold(threshold, appliedTemperature(), t),
                next,
                history,
                weights,
                provenance);
    }

    /** Returns a copy with {@code step} appended to the lineage. */
    public ArtifactManifest withStep(HistoryEntry step) {
        List<HistoryEntry> h = new ArrayList<>(history);
        h.add(step);
        return new ArtifactManifest(
                schemaVersion,
                kind,
                spec,
                preprocessing,
                classNames,
                threshold,
                temperature,
                h,
                weights,
                provenance);
    }

    /** Returns a copy with other class names (a model transferred to a new task). */
    public ArtifactManifest withClassNames(List<String> names) {
        return new ArtifactManifest(
                schemaVersion,
                kind,
                spec,
                preprocessing,
                names,
                threshold,
                temperature,
                history,
                weights,
                provenance);
    }

    /**
     * Returns a derived manifest: new kind/spec, this lineage plus {@code step}, new provenance.
     *
     * <p>The derived model is uncalibrated: its weights, hence its logits, differ from this one's,
     * so a temperature fitted here would not describe it. The threshold is mapped back to the
     * uncalibrated p (verdicts unchanged); run {@code calibrate} on the derived model.
     */
    public ArtifactManifest derive(
            String newKind, ModelSpec newSpec, HistoryEntry step, Provenance newProvenance) {
        List<HistoryEntry> h = new ArrayList<>(history);
        h.add(step);
        return new ArtifactManifest(
                SCHEMA_VERSION,
                newKind,
                newSpec,
                preprocessing,
                classNames,
                withTemperature(1.0).threshold(),
                null,
                h,
                null,
                newProvenance);
    }
}
