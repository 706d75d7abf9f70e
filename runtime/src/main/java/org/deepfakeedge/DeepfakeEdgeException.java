package org.deepfakeedge;

/**
 * Base of the unchecked exceptions that deepfake-edge throws for problems a user can fix.
 *
 * <p>Every message names what was wrong, the value found, what was expected and the fix, e.g.
 * {@code "--keep must be in (0,1], found 1.2"}. The CLI maps each subclass to one exit code.
 */
public class DeepfakeEdgeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DeepfakeEdgeException(String message) {
        super(message);
    }

    public DeepfakeEdgeException(String message, Throwable cause) {
        super(message, cause);
    }
}
