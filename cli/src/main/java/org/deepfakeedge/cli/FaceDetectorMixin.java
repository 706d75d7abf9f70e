package org.deepfakeedge.cli;

import org.deepfakeedge.faces.FaceDetectorOptions;
import org.deepfakeedge.scan.ScanOptions;
import picocli.CommandLine.Option;

/**
 * The face detector's options of every command that takes {@code --faces} ({@code scan}, {@code
 * predict}, {@code serve}): which BlazeFace network and the lowest score a face needs. {@code
 * --faces} itself stays with each command, whose defaults differ (scan: auto; predict and serve:
 * off, so that their output is what it was).
 */
final class FaceDetectorMixin {
    @Option(
            names = "--face-model",
            defaultValue = "front",
            paramLabel = "front|back",
            description =
                    "With --faces auto|on: front (BlazeFace front 128: frontal faces that fill much"
                            + " of the frame, no false face on the test photos) or back (BlazeFace"
                            + " back 256: also small and profile faces, at about 3x the cost and"
                            + " with false faces on face-like objects; docs/faces.md) (default:"
                            + " ${DEFAULT-VALUE}).")
    String faceModel;

    @Option(
            names = "--face-threshold",
            defaultValue = "" + FaceDetectorOptions.DEFAULT_SCORE_THRESHOLD,
            description =
                    "With --faces auto|on: the lowest face detector score, in [0, 1], a face needs"
                            + " (default: ${DEFAULT-VALUE}).")
    double faceThreshold;

    /** Returns {@code options} with this face model and threshold. */
    ScanOptions applyTo(ScanOptions options) {
        return options.withFaceModel(ScanOptions.parseFaceModel(faceModel))
                .withFaceThreshold(faceThreshold);
    }
}
