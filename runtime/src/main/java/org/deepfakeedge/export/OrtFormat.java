package org.deepfakeedge.export;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deepfakeedge.io.AtomicFiles;

/**
 * Converts an ONNX model to ONNX Runtime's {@code .ort} format, the input of minimal and mobile
 * ONNX Runtime builds.
 *
 * <p>ONNX Runtime itself writes the file: a session is created with only the basic,
 * hardware-independent graph optimisations and asked to save its model in ORT format, so the file
 * runs on any CPU; the metadata (the deepfake-edge manifest) is carried over. Thread-safe.
 */
public final class OrtFormat {
    private OrtFormat() {}

    /** Writes {@code ort} from {@code onnx} atomically and checks that it loads. */
    public static void convert(Path onnx, Path ort) throws IOException {
        Path dir = ort.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + ort.getFileName() + ".", ".ort");
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try {
            try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
                o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.BASIC_OPT);
                o.addConfigEntry("session.save_model_format", "ORT");
                o.setOptimizedModelFilePath(tmp.toString());
                env.createSession(onnx.toString(), o).close();
            }
            try (OrtSession.SessionOptions o = new OrtSession.SessionOptions();
                    OrtSession s = env.createSession(tmp.toString(), o)) {
                if (!s.getOutputNames().contains(OnnxExporter.OUTPUT)) {
                    throw new ExportException(
                            "the .ort file written from "
                                    + onnx
                                    + " lacks the output '"
                                    + OnnxExporter.OUTPUT
                                    + "'");
                }
            }
            AtomicFiles.move(tmp, ort);
        } catch (OrtException e) {
            throw new ExportException(
                    "ONNX Runtime could not convert " + onnx + " to .ort: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
