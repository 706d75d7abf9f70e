package org.deepfakeedge.runtime;

import java.util.Locale;
import org.deepfakeedge.InvalidInputException;

/**
 * Which runtime runs a model: ONNX Runtime ({@code onnx}, this module), DJL's PyTorch engine
 * ({@code djl}, the train module's {@link DetectorProvider}), or {@code auto}: ONNX Runtime unless
 * the model has layers only DJL reproduces (see {@link Detector#preferredRuntime}).
 */
public enum RuntimeChoice {
    AUTO,
    ONNX,
    DJL;

    /** Returns the name as {@code --runtime}, results and reports spell it. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return id();
    }

    /**
     * Parses {@code auto}, {@code onnx} or {@code djl} (any case).
     *
     * @throws InvalidInputException for anything else, naming the choices
     */
    public static RuntimeChoice parse(String text) {
        for (RuntimeChoice r : values()) {
            if (r.id().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return r;
            }
        }
        throw new InvalidInputException(
                "--runtime must be auto, djl or onnx, found '" + text + "'");
    }
}
