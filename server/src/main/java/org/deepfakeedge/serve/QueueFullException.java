package org.deepfakeedge.serve;

/**
 * The inference queue has no room for the submitted images: the service is overloaded and the
 * caller should retry later (HTTP 429). Thrown at once, so overload costs no memory.
 */
public final class QueueFullException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    QueueFullException(int requested, int capacity, int waiting) {
        super(
                "inference queue full ("
                        + waiting
                        + " of "
                        + capacity
                        + " images waiting, "
                        + requested
                        + " more requested); retry later");
    }
}
