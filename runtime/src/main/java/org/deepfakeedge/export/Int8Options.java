package org.deepfakeedge.export;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.deepfakeedge.InvalidInputException;

/**
 * Options of a static INT8 export.
 *
 * <p>Immutable and thread-safe.
 *
 * @param calibrationDir data set (any layout {@link org.deepfakeedge.data.DatasetLoader} reads);
 *     its train split is used if present, else all images
 * @param calibrationCount images used for calibration, ≥ 1 (default {@value #DEFAULT_COUNT})
 * @param method how activation ranges are taken from the calibration tensors
 * @param keepFp32 layer names kept in fp32 (e.g. {@code conv1}, the first conv, which sees the raw
 *     image and is the most sensitive layer)
 * @param layerTiming measure every layer's INT8 vs fp32 speed and keep the slower ones fp32 (see
 *     {@link MeasuredFallback}); off = the rules only, so the same inputs give the same file
 * @param threads intra-op threads the model will run with, for the timing; ≤ 0 = all cores
 * @param form how the INT8 graph is encoded, for which runtime; the portable form is never timed
 *     (its runtimes are not ONNX Runtime), so {@code layerTiming} applies to {@link Form#ORT} only
 */
public record Int8Options(
        Path calibrationDir,
        int calibrationCount,
        Method method,
        Set<String> keepFp32,
        boolean layerTiming,
        int threads,
        Form form) {
    /** Default calibration image count. */
    public static final int DEFAULT_COUNT = 100;

    /** Activation range estimator. */
    public enum Method {
        /** Min and max over all calibration values. */
        MINMAX,
        /** The 99.99th percentile of |x|, clipped to the observed min/max. */
        PERCENTILE;

        /** Parses {@code minmax} or {@code percentile}, case-insensitively. */
        public static Method parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(
                        "--calibration-method must be minmax or percentile, found " + s);
            }
        }
    }

    /**
     * How the INT8 graph is encoded. Both carry the same int8 per-output-channel weights, int32
     * biases and calibrated uint8 activation parameters; they differ in the operators that carry
     * them, and so in which runtimes load the file.
     */
    public enum Form {
        /**
         * QDQ: float operators between QuantizeLinear/DequantizeLinear pairs, weights behind a
         * per-channel DequantizeLinear (axis 0). ONNX Runtime fuses it into integer kernels and can
         * time each layer; OpenCV 4.6 refuses the first DequantizeLinear on a weight.
         */
        ORT,
        /**
         * QOperator: QLinearConv (Gemms as convolutions), 8-bit MaxPool, QuantizeLinear and
         * DequantizeLinear on activations only, no DequantizeLinear on a weight. OpenCV's DNN
         * module 4.6 imports it, and ONNX Runtime runs it; the layer writing the logits stays fp32
         * (see {@link org.deepfakeedge.export.onnx.QOperatorRewrite}).
         */
        PORTABLE;

        /** Parses {@code ort} or {@code portable}, case-insensitively. */
        public static Form parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("--int8-form must be ort or portable, found " + s);
            }
        }

        /** The name used on the command line, in the JSON result and in the metadata. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Validates and copies. */
    public Int8Options {
        Objects.requireNonNull(calibrationDir, "calibrationDir must not be null");
        Objects.requireNonNull(method, "method must not be null");
        Objects.requireNonNull(form, "form must not be null");
        if (calibrationCount < 1) {
            throw new InvalidInputException(
                    "--calibration-count must be >= 1, found " + calibrationCount);
        }
        keepFp32 = keepFp32 == null ? Set.of() : Set.copyOf(keepFp32);
    }

    /** The {@link Form#ORT} form, as before forms existed. */
    public Int8Options(
            Path calibrationDir,
            int calibrationCount,
            Method method,
            Set<String> keepFp32,
            boolean layerTiming,
            int threads) {
        this(calibrationDir, calibrationCount, method, keepFp32, layerTiming, threads, Form.ORT);
    }

    /**
     * Defaults: {@value #DEFAULT_COUNT} images, min/max, nothing kept in fp32 by name, layer timing
     * on all cores, the {@link Form#ORT} form.
     */
    public static Int8Options defaults(Path calibrationDir) {
        return new Int8Options(calibrationDir, DEFAULT_COUNT, Method.MINMAX, Set.of(), true, 0);
    }

    /** Parses {@code on} or {@code off} (the CLI's {@code --int8-layer-timing}). */
    public static boolean parseTiming(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "on" -> true;
            case "off" -> false;
            default ->
                    throw new InvalidInputException(
                            "--int8-layer-timing must be on or off, found " + s);
        };
    }
}
