package org.deepfakeedge;

/**
 * A model artifact is missing, corrupt or incompatible with the requested operation (CLI exit code
 * 3).
 */
public class ArtifactException extends DeepfakeEdgeException {
    private static final long serialVersionUID = 1L;

    public ArtifactException(String message) {
        super(message);
    }

    public ArtifactException(String message, Throwable cause) {
        super(message, cause);
    }
}
