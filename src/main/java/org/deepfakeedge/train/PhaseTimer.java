package org.deepfakeedge.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Wall time of one epoch split by what the training loop was doing, for the benchmark and the
 * epoch record.
 *
 * <p>Phases, in loop order: {@code data} (waiting for the loader's next batch: decoding,
 * augmentation and normalisation that the background threads did not finish in time), {@code
 * to_tensor} (copying the batch into native memory), {@code forward} (network and loss, including
 * the teacher's forward pass when distilling), {@code backward}, {@code optimizer} (parameter
 * updates, masks, clearing gradients), {@code metrics} (reading the batch's loss and accuracy back),
 * {@code validation}. libtorch runs CPU operators synchronously, so each phase's time is the time
 * its operators ran. Not thread-safe: one training loop.
 */
final class PhaseTimer {
    static final String[] PHASES = {"data", "to_tensor", "forward", "backward", "optimizer", "metrics", "validation"};

    private final long[] nanos = new long[PHASES.length];
    private long mark = System.nanoTime();

    /** Restarts the clock without charging the time since the last mark to any phase. */
    void restart() {
        mark = System.nanoTime();
    }

    /** Charges the time since the last mark to phase {@code index} of {@link #PHASES}. */
    void charge(int index) {
        long now = System.nanoTime();
        nanos[index] += now - mark;
        mark = now;
    }

    /** Seconds per phase, in {@link #PHASES} order. */
    Map<String, Double> seconds() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < PHASES.length; i++) {
            m.put(PHASES[i], nanos[i] / 1e9);
        }
        return m;
    }

    static final int DATA = 0;
    static final int TO_TENSOR = 1;
    static final int FORWARD = 2;
    static final int BACKWARD = 3;
    static final int OPTIMIZER = 4;
    static final int METRICS = 5;
    static final int VALIDATION = 6;
}
