package org.deepfakeedge.data;

/**
 * An image file cannot be decoded: empty, truncated, corrupt or not an image at all.
 *
 * <p>Checked on purpose: a data set of 100k files nearly always holds a few bad ones, and the
 * caller decides whether to skip them ({@link BatchLoader} does) or to fail. Immutable.
 */
public class BadImageException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The one-line reason, without the file name. */
    private final String reason;

    /**
     * Creates the exception.
     *
     * @param name the file name or path, for the message
     * @param reason a one-line reason, e.g. {@code "empty file (0 bytes)"}
     */
    public BadImageException(String name, String reason) {
        super(name + ": " + reason);
        this.reason = reason;
    }

    /**
     * Creates the exception with its cause.
     *
     * @param name the file name or path, for the message
     * @param reason a one-line reason
     * @param cause the decoder's exception
     */
    public BadImageException(String name, String reason, Throwable cause) {
        super(name + ": " + reason, cause);
        this.reason = reason;
    }

    /**
     * Returns the reason without the file name.
     *
     * @return a one-line reason
     */
    public String reason() {
        return reason;
    }
}
