package org.deepfakeedge.experiment;

import java.util.List;
import org.deepfakeedge.train.TrainListener;

/** Progress of an experiment run. Every method has a do-nothing default. */
public interface ExperimentListener {

    /** Does nothing. */
    ExperimentListener NONE = new ExperimentListener() {};

    /** A listener for one training run (teacher, fine-tuning, distillation) named {@code label}. */
    default TrainListener training(String label) {
        return TrainListener.NONE;
    }

    /** The grid is about to run: its cells in order (finished ones included). */
    default void gridStarted(List<Cell> cells) {}

    /** Cell {@code index} of {@code total} (1-based) starts. */
    default void cellStarted(Cell cell, int index, int total) {}

    /** A cell ended (ok or failed). */
    default void cellFinished(CellRecord record, int index, int total) {}

    /** A cell finished in an earlier run and is skipped. */
    default void cellSkipped(CellRecord record, int index, int total) {}
}
