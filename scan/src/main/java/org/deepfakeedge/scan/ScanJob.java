package org.deepfakeedge.scan;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A whole scan: inputs streamed from {@link ScanInputs}, each file scored by a {@link FileScanner}
 * (or skipped when {@code --resume} finds its key in the output), each result written to the {@link
 * ScanOutput} before the next file is read. Files are scored one after another.
 */
public final class ScanJob {

    /** Progress callbacks (the CLI draws a bar; a batch job may log). */
    public interface Listener {
        /** Called once before the first file; {@code total} is -1 when not counted. */
        default void onStart(long total, int alreadyFinished) {}

        /** Called after each file, scanned or skipped as finished. */
        default void onFile(ScanResult result, boolean skipped, long done) {}
    }

    /**
     * What a scan did.
     *
     * @param files results written in this run (scanned files)
     * @param images images scored
     * @param videos videos scored
     * @param errors files that ended in an error result
     * @param noFace files scored or not with no face found
     * @param skipped files skipped because a resumed output held them
     * @param seconds wall time of this run
     */
    public record Summary(
            long files,
            long images,
            long videos,
            long errors,
            long noFace,
            long skipped,
            double seconds) {

        /** Files scanned per second in this run. */
        public double filesPerSecond() {
            return seconds > 0 ? files / seconds : 0;
        }

        /** Files with a score (not an error). */
        public long scored() {
            return files - errors;
        }
    }

    private ScanJob() {}

    /**
     * Runs a scan.
     *
     * @param paths files, folders and CSV lists
     * @param scanner scores one file
     * @param output where results go (opened with or without resume)
     * @param total the file count for the progress bar, or -1
     * @param listener progress
     */
    public static Summary run(
            List<Path> paths,
            FileScanner scanner,
            ScanOutput output,
            long total,
            Listener listener) {
        return run(paths, scanner::scan, scanner::keyOf, output, total, listener);
    }

    /** {@link #run} with the scoring and key functions given (tests count calls). */
    static Summary run(
            List<Path> paths,
            Function<ScanInput, ScanResult> score,
            Function<ScanInput, ScanResult.Key> key,
            ScanOutput output,
            long total,
            Listener listener) {
        long start = System.nanoTime();
        long files = 0;
        long images = 0;
        long videos = 0;
        long errors = 0;
        long noFace = 0;
        long skipped = 0;
        long done = 0;
        listener.onStart(total, output.finishedCount());
        try (Stream<ScanInput> inputs = ScanInputs.stream(paths)) {
            for (Iterator<ScanInput> it = inputs.iterator(); it.hasNext(); ) {
                ScanInput in = it.next();
                done++;
                if (output.isFinished(key.apply(in))) {
                    skipped++;
                    listener.onFile(null, true, done);
                    continue;
                }
                ScanResult r = score.apply(in);
                output.write(r);
                files++;
                if (r.failed()) {
                    errors++;
                } else if (r.kind().equals("video")) {
                    videos++;
                } else {
                    images++;
                }
                if (r.noFace()) {
                    noFace++;
                }
                listener.onFile(r, false, done);
            }
        }
        return new Summary(
                files, images, videos, errors, noFace, skipped, (System.nanoTime() - start) / 1e9);
    }
}
