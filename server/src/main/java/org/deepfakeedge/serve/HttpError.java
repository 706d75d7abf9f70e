package org.deepfakeedge.serve;

/**
 * A request the service answers with an error status and a one-line JSON message {@code {"error":
 * "...", "status": N}}; {@code reason} labels the error in the metrics.
 */
final class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final int status;
    final String reason;

    HttpError(int status, String reason, String message) {
        super(message);
        this.status = status;
        this.reason = reason;
    }
}
