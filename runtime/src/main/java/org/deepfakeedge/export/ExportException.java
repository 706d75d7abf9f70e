package org.deepfakeedge.export;

import org.deepfakeedge.DeepfakeEdgeException;

/**
 * An export produced a model that does not reproduce its source (for example, its logits differ
 * from DJL's by more than the tolerance).
 */
public class ExportException extends DeepfakeEdgeException {
    private static final long serialVersionUID = 1L;

    public ExportException(String message) {
        super(message);
    }

    public ExportException(String message, Throwable cause) {
        super(message, cause);
    }
}
