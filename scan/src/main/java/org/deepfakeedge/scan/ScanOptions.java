package org.deepfakeedge.scan;

import java.util.Locale;
import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.eval.UnsureBand;
import org.deepfakeedge.faces.BlazeFaceModel;
import org.deepfakeedge.faces.FaceCrop;
import org.deepfakeedge.faces.FaceDetectorOptions;
import org.deepfakeedge.video.FrameSampling;

/**
 * How files are scanned.
 *
 * @param faces {@code AUTO}: score the faces found, frames without one per {@code noFace}; {@code
 *     ON}: score faces only, frames without a face are not scored; {@code OFF}: score whole frames
 * @param sampling which frames of a video are scored
 * @param aggregation how a video's frame scores become its score
 * @param noFace what {@code AUTO} does with a frame without a face: {@code WHOLE} scores the whole
 *     frame, {@code SKIP} leaves it unscored
 * @param details whether results carry per-frame and per-face scores and boxes
 * @param faceMargin the face crop's side over the face box's longer side
 * @param threads CPU threads of the face detector (ONNX Runtime intra-op), 0 = all cores
 * @param faceModel which BlazeFace network finds the faces ({@code FRONT_128} by default; {@code
 *     BACK_256} also finds small and turned faces, with more false faces: docs/faces.md)
 * @param faceThreshold the lowest face detector score a face needs, in [0, 1]
 * @param unsure the abstain band: a file whose p_fake lies in it is labelled {@value
 *     UnsureBand#LABEL} ({@code --unsure LOW,HIGH}); null for none
 * @param explain the folder heatmap overlays are written to ({@code --explain DIR}, {@link
 *     ExplanationWriter}); null for none
 */
public record ScanOptions(
        FaceMode faces,
        FrameSampling sampling,
        Aggregation aggregation,
        NoFace noFace,
        boolean details,
        double faceMargin,
        int threads,
        BlazeFaceModel faceModel,
        double faceThreshold,
        UnsureBand unsure,
        java.nio.file.Path explain) {

    /** Whether faces are looked for. */
    public enum FaceMode {
        AUTO,
        ON,
        OFF;

        /** Parses {@code auto|on|off}. */
        public static FaceMode parse(String s) {
            return ScanOptions.parse(FaceMode.class, "--faces", s);
        }
    }

    /** What a frame without a face gets when faces are {@code AUTO}. */
    public enum NoFace {
        WHOLE,
        SKIP;

        /** Parses {@code whole|skip}. */
        public static NoFace parse(String s) {
            return ScanOptions.parse(NoFace.class, "--no-face", s);
        }
    }

    public ScanOptions {
        if (!(faceMargin >= 1.0) || faceMargin > 4.0) {
            throw new InvalidInputException("--face-margin must be in [1, 4], found " + faceMargin);
        }
        if (threads < 0) {
            throw new InvalidInputException("--threads must be >= 0, found " + threads);
        }
        if (faceModel == null) {
            throw new InvalidInputException("--face-model must be front or back");
        }
        if (!(faceThreshold >= 0 && faceThreshold <= 1)) {
            throw new InvalidInputException(
                    "--face-threshold must be in [0, 1], found " + faceThreshold);
        }
    }

    /**
     * faces auto, 32 evenly spaced frames, mean, no-face whole, no details, margin 1.3, front face
     * model at its default threshold, no unsure band, no explanations.
     */
    public static ScanOptions defaults() {
        return new ScanOptions(
                FaceMode.AUTO,
                FrameSampling.defaults(),
                Aggregation.mean(),
                NoFace.WHOLE,
                false,
                FaceCrop.DEFAULT_MARGIN,
                0,
                BlazeFaceModel.FRONT_128,
                FaceDetectorOptions.DEFAULT_SCORE_THRESHOLD,
                null,
                null);
    }

    public ScanOptions withFaces(FaceMode f) {
        return new ScanOptions(
                f,
                sampling,
                aggregation,
                noFace,
                details,
                faceMargin,
                threads,
                faceModel,
                faceThreshold,
                unsure,
                explain);
    }

    public ScanOptions withSampling(FrameSampling s) {
        return new ScanOptions(
                faces,
                s,
                aggregation,
                noFace,
                details,
                faceMargin,
                threads,
                faceModel,
                faceThreshold,
                unsure,
                explain);
    }

    public ScanOptions withAggregation(Aggregation a) {
        return new ScanOptions(
                faces,
                sampling,
                a,
                noFace,
                details,
                faceMargin,
                threads,
                faceModel,
                faceThreshold,
                unsure,
                explain);
    }

    public ScanOptions withNoFace(NoFace n) {
        return new ScanOptions(
                faces,
                sampling,
                aggregation,
                n,
                details,
                faceMargin,
                threads,
                faceModel,
                faceThreshold,
                unsure,
                explain);
    }

    public ScanOptions withDetails(boolean d) {
        return new ScanOptions(
                faces,
                sampling,
                aggregation,
                noFace,
                d,
                faceMargin,
                threads,
                faceModel,
                faceThreshold,
                unsure,
                explain);
    }

    public ScanOptions withFaceMargin(double m) {
        return new ScanOptions(
                faces,
                sampling,
                aggregation,
                noFace,
                details,
                m,
                threads,
                faceModel,
                faceThreshold,
                unsure,
                explain);
    }

    public ScanOptions withThreads(int t) {
        return new ScanOptions(
                faces,
                sampling,
                aggregation,
                noFace,
                details,
                faceMargin,
                t,
                faceModel,
                faceThreshold,
                unsure,
                explain);
    }

    public ScanOptions withFaceModel(BlazeFaceModel m) {
        return new ScanOptions(
                faces,
                sampling,
                aggregation,
                noFace,
                details,
                faceMargin,
                threads,
                m,
                faceThreshold,
                unsure,
                explain);
    }

    public ScanOptions withFaceThreshold(double t) {
        return new ScanOptions(
                faces,
                sampling,
                aggregation,
                noFace,
                details,
                faceMargin,
                threads,
                faceModel,
                t,
                unsure,
                explain);
    }

    /** Returns a copy with abstain band {@code band} (null: none). */
    public ScanOptions withUnsure(UnsureBand band) {
        return new ScanOptions(
                faces,
                sampling,
                aggregation,
                noFace,
                details,
                faceMargin,
                threads,
                faceModel,
                faceThreshold,
                band,
                explain);
    }

    /** Returns a copy that writes heatmap overlays into {@code dir} (null: none). */
    public ScanOptions withExplain(java.nio.file.Path dir) {
        return new ScanOptions(
                faces,
                sampling,
                aggregation,
                noFace,
                details,
                faceMargin,
                threads,
                faceModel,
                faceThreshold,
                unsure,
                dir);
    }

    /** The face detector these options ask for: model, score threshold and {@code threads}. */
    public FaceDetectorOptions faceDetectorOptions() {
        return FaceDetectorOptions.defaults()
                .withModel(faceModel)
                .withScoreThreshold(faceThreshold)
                .withThreads(threads);
    }

    /** Parses {@code front|back} ({@code --face-model}). */
    public static BlazeFaceModel parseFaceModel(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "front" -> BlazeFaceModel.FRONT_128;
            case "back" -> BlazeFaceModel.BACK_256;
            default ->
                    throw new InvalidInputException(
                            "--face-model must be front|back, found '" + s + "'");
        };
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String option, String s) {
        try {
            return Enum.valueOf(type, s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            StringBuilder names = new StringBuilder();
            for (E c : type.getEnumConstants()) {
                names.append(names.length() == 0 ? "" : "|")
                        .append(c.name().toLowerCase(Locale.ROOT));
            }
            throw new InvalidInputException(option + " must be " + names + ", found '" + s + "'");
        }
    }
}
