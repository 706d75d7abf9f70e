package org.deepfakeedge.train;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Wall time of one epoch split by what the training loop was doing, for the benchmark and the epoch
 * record.
 *
 * <p>Phases, in loop order: {@code data} (waiting for the loader's next batch: decoding,
 * augmentation and normalisation that the background threads did not finish in time), {@code
 * to_tensor} (copying the batch into native memory), {@code forward} (network and loss, including
 * the teacher's forward pass when distilling), {@code backward}, {@code optimizer} (parameter
 * updates, masks, clearing gradients), {@code metrics} (reading the batch's loss and accuracy
 * back), {@code validation}. libtorch runs CPU operators synchronously, so each phase's time is the
 * time its operators ran. Not thread-safe: one training loop.
 */
final class PhaseTimer {
    /** The phases, in loop order; their JSON names are the lower-case names. */
    enum Phase {
        DATA,
        TO_TENSOR,
        FORWARD,
        BACKWARD,
        OPTIMIZER,
        METRICS,
        VALIDATION
    }

    private final long[] nanos = new long[Phase.values().length];
    private long mark = System.nanoTime();

    /** Restarts the clock without charging the time since the last mark to any phase. */
    void restart() {
        mark = System.nanoTime();
    }

    /** Charges the time since the last mark to {@code phase}. */
    void charge(Phase phase) {
        long now = System.nanoTime();
        nanos[phase.ordinal()] += now - mark;
        mark = now;
    }

    /** Seconds per phase, in loop order, keyed by the lower-case phase name. */
    Map<String, Double> seconds() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (Phase p : Phase.values()) {
            m.put(p.name().toLowerCase(Locale.ROOT), nanos[p.ordinal()] / 1e9);
        }
        return m;
    }
}
