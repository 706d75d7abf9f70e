package org.example.embed;

import java.io.PrintStream;
import java.nio.file.Path;
import org.deepfakeedge.DeepfakeEdgeException;
import org.deepfakeedge.runtime.Detection;
import org.deepfakeedge.runtime.Detector;
import org.deepfakeedge.runtime.RuntimeChoice;

/**
 * Scores images with an exported model, the way a service would embed deepfake-edge:
 *
 * <pre>
 * java -cp ... org.example.embed.DetectImages model.onnx photo1.jpg photo2.png
 * </pre>
 *
 * prints one line per image: {@code path label p_fake}. The model is an {@code .onnx} file written
 * by {@code deepfake-edge export} (or a model folder whose layers ONNX Runtime runs).
 */
public final class DetectImages {
    private DetectImages() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the example; returns the process exit code (0 ok, 1 a bad image, 2 bad usage or model).
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 2) {
            err.println("usage: DetectImages MODEL.onnx IMAGE...");
            return 2;
        }
        int code = 0;
        try (Detector detector = Detector.load(Path.of(args[0]), RuntimeChoice.ONNX, 1)) {
            for (int i = 1; i < args.length; i++) {
                try {
                    Detection d = detector.detect(Path.of(args[i]));
                    out.printf("%s %s %.6f%n", args[i], d.label(), d.pFake());
                } catch (DeepfakeEdgeException e) { // a bad image: report it, go on with the rest
                    err.println(args[i] + ": " + e.getMessage());
                    code = 1;
                }
            }
        } catch (DeepfakeEdgeException e) {
            err.println(e.getMessage());
            return 2;
        }
        return code;
    }
}
