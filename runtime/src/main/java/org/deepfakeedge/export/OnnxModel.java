package org.deepfakeedge.export;

/**
 * A serialised ONNX model and the names of its graph input and output.
 *
 * <p>Holds the bytes by reference: treat them as read-only. Immutable in use and thread-safe.
 *
 * @param bytes the {@code ModelProto} bytes, ready to write to a {@code .onnx} file
 * @param inputName graph input: float32 [N, C, S, S], N symbolic
 * @param outputName graph output: float32 [N, classes] logits
 */
public record OnnxModel(byte[] bytes, String inputName, String outputName) {}
