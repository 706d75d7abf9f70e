package org.deepfakeedge.verify;

import java.nio.file.Path;
import org.deepfakeedge.artifact.ModelArtifact;
import org.deepfakeedge.engine.DjlNetwork;
import org.deepfakeedge.export.ExportCheck;
import org.deepfakeedge.export.ExportException;
import org.deepfakeedge.export.OnnxExporter;
import org.deepfakeedge.export.OnnxModel;
import org.deepfakeedge.io.AtomicFiles;
import org.deepfakeedge.model.ModelSpec;
import org.deepfakeedge.model.Weights;
import org.deepfakeedge.runtime.OrtDetector;
import org.deepfakeedge.runtime.Scorer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares an exported ONNX model with the DJL network it came from on a sample batch, and exports
 * artifacts with that check ({@link #export}). Lives beside the DJL engine: the runtime module,
 * which writes the ONNX files, has no DJL.
 *
 * <p>Stateless and thread-safe (each call builds its own DJL network and ORT session).
 */
public final class ExportVerifier {
    private static final Logger LOG = LoggerFactory.getLogger(ExportVerifier.class);

    private ExportVerifier() {}

    /**
     * Runs {@code sampleBatch} through the artifact on DJL and through {@code onnx} on ONNX
     * Runtime.
     *
     * @param a the source artifact
     * @param onnx the exported file
     * @param sampleBatch {@code n} images packed as N·C·H·W normalised floats
     * @param n number of images
     */
    public static ExportCheck verify(ModelArtifact a, Path onnx, float[] sampleBatch, int n) {
        return verify(
                a.manifest().spec(),
                a.weights(),
                a.manifest().appliedTemperature(),
                onnx,
                sampleBatch,
                n);
    }

    /**
     * Like {@link #verify(ModelArtifact, Path, float[], int)} with a spec and weights in memory,
     * uncalibrated.
     */
    public static ExportCheck verify(
            ModelSpec spec, Weights weights, Path onnx, float[] sampleBatch, int n) {
        return verify(spec, weights, 1.0, onnx, sampleBatch, n);
    }

    /**
     * Like {@link #verify(ModelSpec, Weights, Path, float[], int)} for a model with temperature
     * {@code t}: the DJL logits are divided by {@code t} as {@code DjlDetector} divides them, and
     * compared with the file's output, which divides in its graph. The difference is in units of
     * the calibrated logits the file outputs.
     */
    public static ExportCheck verify(
            ModelSpec spec, Weights weights, double t, Path onnx, float[] sampleBatch, int n) {
        float[] ref;
        try (DjlNetwork net = DjlNetwork.create(spec, weights)) {
            ref = Scorer.temperatureScaled(net.logits(sampleBatch, n), t);
        }
        float[] got;
        try (OrtDetector d = OrtDetector.load(onnx, 1)) {
            got = d.logits(sampleBatch, n);
        }
        return ExportCheck.compare(ref, got, n);
    }

    /**
     * Exports an artifact to {@code target} (written atomically) and checks the file against DJL on
     * a seeded random batch.
     *
     * <p>The check runs the ONNX model against DJL with the spec in float form: a
     * dynamic_quant_linear layer is compared with a float linear layer holding the same dequantized
     * weights, because the export does not quantize activations (see the class javadoc). The
     * difference to the quantized DJL model is logged.
     *
     * @return the check against the float reference
     * @throws ExportException if the logits differ by more than {@link
     *     OnnxExporter#FP32_TOLERANCE}; the file is deleted then
     */
    public static ExportCheck export(ModelArtifact artifact, Path target)
            throws java.io.IOException {
        OnnxModel m = OnnxExporter.toOnnx(artifact.manifest(), artifact.weights());
        AtomicFiles.write(target, m.bytes());
        ModelSpec spec = artifact.manifest().spec();
        float[] batch =
                OnnxExporter.randomBatch(spec, OnnxExporter.CHECK_IMAGES, OnnxExporter.CHECK_SEED);
        ModelSpec floatSpec = OnnxExporter.floatSpec(spec);
        ExportCheck check =
                verify(
                        floatSpec,
                        OnnxExporter.floatWeights(spec, artifact.weights()),
                        artifact.manifest().appliedTemperature(),
                        target,
                        batch,
                        OnnxExporter.CHECK_IMAGES);
        if (!floatSpec.equals(spec)) {
            ExportCheck q = verify(artifact, target, batch, OnnxExporter.CHECK_IMAGES);
            LOG.info(
                    "{}: ONNX vs DJL with run-time activation quantization: max |logit diff| {},"
                            + " agreement {}",
                    target,
                    q.maxAbsLogitDiff(),
                    q.agreement());
        }
        if (!check.passes(OnnxExporter.FP32_TOLERANCE)) {
            java.nio.file.Files.deleteIfExists(target);
            throw new ExportException(
                    "ONNX export of "
                            + spec.arch()
                            + " does not reproduce DJL: max |logit diff| "
                            + check.maxAbsLogitDiff()
                            + " (tolerance "
                            + OnnxExporter.FP32_TOLERANCE
                            + "), prediction agreement "
                            + check.agreement()
                            + "; "
                            + target
                            + " was not kept. Please report this with the model.json");
        }
        LOG.info(
                "exported {} to {} ({} bytes): max |logit diff| to DJL {}",
                spec.arch(),
                target,
                m.bytes().length,
                check.maxAbsLogitDiff());
        return check;
    }
}
