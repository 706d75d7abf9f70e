package org.deepfakeedge.serve;

/** The service is shutting down and accepts no new work (HTTP 503). */
public final class ShuttingDownException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ShuttingDownException() {
        super("the service is shutting down; send the request to another instance or retry later");
    }
}
