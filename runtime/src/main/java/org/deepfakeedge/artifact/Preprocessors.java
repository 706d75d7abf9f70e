package org.deepfakeedge.artifact;

import org.deepfakeedge.data.ImagePreprocessor;
import org.deepfakeedge.data.Normalization;
import org.deepfakeedge.data.ResizeMode;

/** Builds the data loader's preprocessor from an artifact's recorded preprocessing. */
public final class Preprocessors {
    private Preprocessors() {}

    /** Returns the preprocessor that reproduces {@code p} exactly. */
    public static ImagePreprocessor of(Preprocessing p) {
        ResizeMode mode =
                "center-crop".equals(p.resize()) ? ResizeMode.CENTER_CROP : ResizeMode.STRETCH;
        return new ImagePreprocessor(p.imageSize(), new Normalization(p.mean(), p.std()), mode);
    }
}
