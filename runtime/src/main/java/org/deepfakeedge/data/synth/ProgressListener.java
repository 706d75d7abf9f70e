package org.deepfakeedge.data.synth;

/**
 * Receives progress reports while a synthetic dataset is written.
 *
 * <p>{@link SyntheticDatasets#write} calls it once per image written, from its worker threads; the
 * calls are serialised (never concurrent) and {@code done} increases by one each time, so an
 * implementation needs no locking of its own. It should return quickly.
 */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that ignores every report. */
    ProgressListener NONE = (done, total) -> {};

    /**
     * Reports that {@code done} of {@code total} images have been written.
     *
     * @param done the number of images written so far, in [1, total]
     * @param total the number of images the dataset will hold
     */
    void onProgress(long done, long total);
}
