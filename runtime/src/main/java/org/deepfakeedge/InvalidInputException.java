package org.deepfakeedge;

/** An option, spec, file or data set given by the user is invalid (CLI exit code 2). */
public class InvalidInputException extends DeepfakeEdgeException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
