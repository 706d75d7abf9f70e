package org.deepfakeedge.faces;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.deepfakeedge.ArtifactException;

/**
 * The two BlazeFace networks bundled in this jar (see {@code
 * org/deepfakeedge/faces/blazeface/ORIGIN.md} for where they come from). Both decode the same way
 * (16×16×2 + 8×8×6 anchors); they differ in input size and in which faces they find.
 */
public enum BlazeFaceModel {
    /**
     * MediaPipe's short-range ("front camera") model, 128×128 input: faces that fill a good part of
     * the frame, as in the portraits and talking heads DeepFakes are made of. The default: on the
     * test photos it finds every frame-filling face and gives the non-face photos low scores.
     */
    FRONT_128(
            "face_detection_front_128x128_barracuda.onnx",
            128,
            "d388b1cf8a5f6f1af2b3f4c14f6d0f138bab970cd618cccd12dddb7484e82e51"),
    /**
     * The older rear-camera model, 256×256 input: also finds faces about a tenth of the frame wide
     * (group shots, several people side by side), at about three times the cost and with more
     * confident false detections on non-faces.
     */
    BACK_256(
            "face_detection_back_256x256_barracuda.onnx",
            256,
            "427cbbe0fc41448d09e1dc9cfabe2423d997cf2faaeab91fadd09a510b63b8e2");

    /** Classpath folder of the bundled files (models, LICENSE, NOTICE, ORIGIN.md). */
    public static final String RESOURCE_DIR = "/org/deepfakeedge/faces/blazeface/";

    private final String fileName;
    private final int inputSize;
    private final String sha256;

    BlazeFaceModel(String fileName, int inputSize, String sha256) {
        this.fileName = fileName;
        this.inputSize = inputSize;
        this.sha256 = sha256;
    }

    /**
     * Returns the file's name in {@link #RESOURCE_DIR}.
     *
     * @return the file name
     */
    public String fileName() {
        return fileName;
    }

    /**
     * Returns the side of the square input in pixels.
     *
     * @return 128 or 256
     */
    public int inputSize() {
        return inputSize;
    }

    /**
     * Returns the SHA-256 the bundled file must have (lower-case hex).
     *
     * @return the digest
     */
    public String sha256() {
        return sha256;
    }

    /**
     * Reads the bundled file and checks its SHA-256.
     *
     * @return the ONNX bytes
     * @throws ArtifactException if the file is missing from the classpath or damaged
     */
    public byte[] readBytes() {
        String path = RESOURCE_DIR + fileName;
        byte[] bytes;
        try (InputStream in = BlazeFaceModel.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new ArtifactException(
                        "the face detection model "
                                + path
                                + " is not on the classpath; use an intact"
                                + " deepfake-edge-runtime jar");
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new ArtifactException("cannot read " + path + ": " + e.getMessage(), e);
        }
        String actual = sha256Hex(bytes);
        if (!actual.equals(sha256)) {
            throw new ArtifactException(
                    "the face detection model "
                            + path
                            + " is damaged (SHA-256 "
                            + actual
                            + ", expected "
                            + sha256
                            + "); use an intact deepfake-edge-runtime jar");
        }
        return bytes;
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
