package org.deepfakeedge.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Hands out DJL gradient collectors one at a time per process.
 *
 * <p>DJL's PyTorch engine allows one open {@link GradientCollector} per process: opening a second
 * one, from any thread, throws {@code IllegalStateException} ("A PtGradientCollector is already
 * collecting"). Training steps, the convolution kernel check and Grad-CAM each open one, possibly
 * from different threads (a scan explaining images while another model loads); taking them here
 * makes the later caller wait instead of failing. Close the collector on the thread that opened it.
 * Thread-safe.
 */
public final class Gradients {
    private static final ReentrantLock LOCK = new ReentrantLock();

    private Gradients() {}

    /**
     * Opens a gradient collector of the PyTorch engine, waiting while another thread holds one.
     * Nested calls on one thread fail as DJL's own would.
     */
    public static GradientCollector collector() {
        LOCK.lock();
        try {
            return new Exclusive(DjlEngine.get().newGradientCollector());
        } catch (RuntimeException | Error e) {
            LOCK.unlock();
            throw e;
        }
    }

    /** A collector that releases the process-wide lock when closed. */
    private static final class Exclusive implements GradientCollector {
        private final GradientCollector inner;
        private boolean closed;

        Exclusive(GradientCollector inner) {
            this.inner = inner;
        }

        @Override
        public void backward(NDArray target) {
            inner.backward(target);
        }

        @Override
        public void zeroGradients() {
            inner.zeroGradients();
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                inner.close();
            } finally {
                LOCK.unlock();
            }
        }
    }
}
