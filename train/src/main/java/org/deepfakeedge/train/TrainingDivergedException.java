package org.deepfakeedge.train;

import org.deepfakeedge.DeepfakeEdgeException;

/** The loss became NaN or infinite (CLI exit code 1); the message says which knob to turn. */
public class TrainingDivergedException extends DeepfakeEdgeException {
    private static final long serialVersionUID = 1L;

    public TrainingDivergedException(String message) {
        super(message);
    }
}
