package org.deepfakeedge.calibrate;

import java.nio.file.Path;
import java.util.Objects;
import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.data.DatasetOptions;
import org.deepfakeedge.data.Split;

/**
 * What to calibrate, on which data, and where to write the result.
 *
 * @param model the model artifact folder
 * @param data the data set (folder or CSV manifest) holding the held-out split
 * @param split the split the temperature is fitted on ({@link Split#VAL} by default: data the model
 *     was not trained on, and not the test split its metrics are reported on)
 * @param out where the calibrated artifact goes; null, or the model's own folder, for in place
 * @param dataOptions the seeded split of data without splits of its own
 * @param batchSize images per inference call
 * @param threads CPU threads of the runtime and the image decoding, 0 for all cores
 */
public record CalibrateSpec(
        Path model,
        Path data,
        Split split,
        Path out,
        DatasetOptions dataOptions,
        int batchSize,
        int threads) {

    public CalibrateSpec {
        Objects.requireNonNull(model, "model must be given");
        Objects.requireNonNull(data, "data must be given");
        Objects.requireNonNull(split, "split must be given");
        Objects.requireNonNull(dataOptions, "dataOptions must be given");
        if (batchSize < 1) {
            throw new InvalidInputException("--batch-size must be >= 1, found " + batchSize);
        }
        if (threads < 0) {
            throw new InvalidInputException("--threads must be >= 0, found " + threads);
        }
    }

    /** In place, on the validation split, default data options, batches of 32, all cores. */
    public static CalibrateSpec of(Path model, Path data) {
        return new CalibrateSpec(model, data, Split.VAL, null, DatasetOptions.defaults(), 32, 0);
    }

    /** Returns a copy writing to {@code dir} (null: in place). */
    public CalibrateSpec withOut(Path dir) {
        return new CalibrateSpec(model, data, split, dir, dataOptions, batchSize, threads);
    }

    /** Returns a copy fitting on {@code s}. */
    public CalibrateSpec withSplit(Split s) {
        return new CalibrateSpec(model, data, s, out, dataOptions, batchSize, threads);
    }

    /** Returns a copy on {@code t} threads. */
    public CalibrateSpec withThreads(int t) {
        return new CalibrateSpec(model, data, split, out, dataOptions, batchSize, t);
    }

    /** Returns a copy with other data-set options. */
    public CalibrateSpec withDataOptions(DatasetOptions o) {
        return new CalibrateSpec(model, data, split, out, o, batchSize, threads);
    }

    /** Returns true if the result replaces the model's own {@code model.json}. */
    public boolean inPlace() {
        return out == null
                || out.toAbsolutePath().normalize().equals(model.toAbsolutePath().normalize());
    }
}
