package org.deepfakeedge.scan;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.deepfakeedge.runtime.Detector;

/**
 * A whole scan: inputs streamed from {@link ScanInputs}, each file scored by a {@link FileScanner}
 * (or skipped when {@code --resume} finds its key in the output, or when the same file was met
 * earlier in this run), each result written to the {@link ScanOutput}.
 *
 * <p>With W workers ({@link ScanWorkers}), W files are scored at once, each worker with a scanner
 * of its own, the classifier shared (it is thread-safe). Results are written <em>in input
 * order</em>, by the calling thread, which walks the inputs too: the files between the walk and the
 * output (being scored, or scored and waiting for an earlier slow one) are at most {@value
 * #WINDOW_PER_WORKER} per worker, so memory stays bounded on any number of files, and the output is
 * the same bytes whatever W is. A kill leaves a prefix of that output (and at most one partial
 * line), so {@code --resume} works as with one worker.
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
     * @param framesRead frames decoded over the files scanned (an image is one)
     */
    public record Summary(
            long files,
            long images,
            long videos,
            long errors,
            long noFace,
            long skipped,
            double seconds,
            long framesRead) {

        /** Frames decoded per second in this run. */
        public double framesPerSecond() {
            return seconds > 0 ? framesRead / seconds : 0;
        }

        /** Files scanned per second in this run. */
        public double filesPerSecond() {
            return seconds > 0 ? files / seconds : 0;
        }

        /** Files with a score (not an error). */
        public long scored() {
            return files - errors;
        }
    }

    /**
     * Files per worker that may be between the walk and the output: enough to keep every worker
     * busy behind a slow file for a while, few enough that pending results never matter in memory.
     */
    static final int WINDOW_PER_WORKER = 16;

    private ScanJob() {}

    /**
     * Runs a scan with one scanner: files one after another.
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

    /**
     * Runs a scan on {@code workers.workers()} workers, each with a scanner of its own ({@link
     * ScanWorkers#scannerOptions}, {@link ScanWorkers#videoOptions}), closed at the end.
     *
     * @param paths files, folders and CSV lists
     * @param detector the classifier, shared by the workers (load it with {@link
     *     ScanWorkers#threadsPerWorker} intra-op threads; not closed here)
     * @param options how to scan
     * @param workers how many workers and threads
     * @param output where results go (opened with or without resume)
     * @param total the file count for the progress bar, or -1
     * @param listener progress, called on the calling thread only
     */
    public static Summary run(
            List<Path> paths,
            Detector detector,
            ScanOptions options,
            ScanWorkers workers,
            ScanOutput output,
            long total,
            Listener listener) {
        return run(paths, detector, options, workers, output, total, listener, false);
    }

    /**
     * {@link #run(List, Detector, ScanOptions, ScanWorkers, ScanOutput, long, Listener)} decoding
     * each file as the scan would ({@link FileScanner#decode}) without finding faces or scoring:
     * how fast decoding alone goes ({@code scan --decode-only}).
     */
    public static Summary decode(
            List<Path> paths,
            Detector detector,
            ScanOptions options,
            ScanWorkers workers,
            ScanOutput output,
            long total,
            Listener listener) {
        return run(paths, detector, options, workers, output, total, listener, true);
    }

    private static Summary run(
            List<Path> paths,
            Detector detector,
            ScanOptions options,
            ScanWorkers workers,
            ScanOutput output,
            long total,
            Listener listener,
            boolean decodeOnly) {
        List<FileScanner> scanners = new ArrayList<>(workers.workers());
        try {
            for (int i = 0; i < workers.workers(); i++) {
                scanners.add(
                        new FileScanner(
                                detector, workers.scannerOptions(options), workers.videoOptions()));
            }
            List<Function<ScanInput, ScanResult>> score = new ArrayList<>();
            for (FileScanner s : scanners) {
                score.add(decodeOnly ? s::decode : s::scan);
            }
            return run(paths, score, scanners.get(0)::keyOf, output, total, listener);
        } finally {
            scanners.forEach(FileScanner::close);
        }
    }

    /** {@link #run} with the scoring and key functions given (tests count calls). */
    static Summary run(
            List<Path> paths,
            Function<ScanInput, ScanResult> score,
            Function<ScanInput, ScanResult.Key> key,
            ScanOutput output,
            long total,
            Listener listener) {
        return run(paths, List.of(score), key, output, total, listener);
    }

    /**
     * The scan itself: one worker thread per scoring function (each function used by one thread at
     * a time), the walk, the skip decisions and the writes on the calling thread.
     */
    static Summary run(
            List<Path> paths,
            List<Function<ScanInput, ScanResult>> workers,
            Function<ScanInput, ScanResult.Key> key,
            ScanOutput output,
            long total,
            Listener listener) {
        long start = System.nanoTime();
        Writer writer = new Writer(output, listener);
        listener.onStart(total, output.finishedCount());
        BlockingQueue<Function<ScanInput, ScanResult>> idle =
                new ArrayBlockingQueue<>(workers.size(), false, workers);
        ExecutorService pool = Executors.newFixedThreadPool(workers.size(), workerThreads());
        int window = WINDOW_PER_WORKER * workers.size();
        try (Stream<ScanInput> inputs = ScanInputs.stream(paths)) {
            for (Iterator<ScanInput> it = inputs.iterator(); it.hasNext(); ) {
                ScanInput in = it.next();
                ScanResult.Key k = key.apply(in);
                // a file met twice (two arguments naming it) is scored once, as when each result
                // was written before the next file was looked at
                if (output.isFinished(k) || !writer.inFlight.add(k)) {
                    writer.pending.add(new Pending(null, null));
                } else {
                    writer.pending.add(new Pending(k, pool.submit(() -> score(idle, in))));
                }
                writer.writeDone(window);
            }
            writer.writeDone(0);
        } finally {
            stop(pool);
        }
        return writer.summary((System.nanoTime() - start) / 1e9);
    }

    /** Scores with whichever worker's function is free (one is: W tasks run on W threads). */
    private static ScanResult score(
            BlockingQueue<Function<ScanInput, ScanResult>> idle, ScanInput in)
            throws InterruptedException {
        Function<ScanInput, ScanResult> f = idle.take();
        try {
            return f.apply(in);
        } finally {
            idle.add(f);
        }
    }

    private static java.util.concurrent.ThreadFactory workerThreads() {
        AtomicInteger n = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, "scan-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Drops queued files and waits for the running ones: their scanners (face detector, reader)
     * must not be closed under them. Scoring one file is bounded work (see docs/video.md).
     */
    private static void stop(ExecutorService pool) {
        pool.shutdownNow();
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** A file between the walk and the output: a result to come, or a skip (null future). */
    private record Pending(ScanResult.Key key, Future<ScanResult> result) {}

    /** The in-order end of the scan: writes results as the head of the window completes. */
    private static final class Writer {
        final ArrayDeque<Pending> pending = new ArrayDeque<>();
        final Set<ScanResult.Key> inFlight = new HashSet<>();
        private final ScanOutput output;
        private final Listener listener;
        private long files;
        private long images;
        private long videos;
        private long errors;
        private long noFace;
        private long skipped;
        private long done;
        private long framesRead;

        Writer(ScanOutput output, Listener listener) {
            this.output = output;
            this.listener = listener;
        }

        /**
         * Writes the finished head of the window; waits for the head while {@code keep} or more
         * files are pending (0: until all are written).
         */
        void writeDone(int keep) {
            while (!pending.isEmpty()) {
                Pending p = pending.peekFirst();
                if (p.result() != null && !p.result().isDone() && pending.size() < keep) {
                    return;
                }
                pending.removeFirst();
                done++;
                if (p.result() == null) {
                    skipped++;
                    listener.onFile(null, true, done);
                } else {
                    ScanResult r = await(p.result());
                    output.write(r);
                    inFlight.remove(p.key());
                    count(r);
                    listener.onFile(r, false, done);
                }
            }
        }

        private void count(ScanResult r) {
            files++;
            framesRead += r.framesRead();
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
        }

        Summary summary(double seconds) {
            return new Summary(files, images, videos, errors, noFace, skipped, seconds, framesRead);
        }

        private static ScanResult await(Future<ScanResult> f) {
            try {
                return f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("the scan was interrupted", e);
            } catch (ExecutionException e) {
                // FileScanner turns every bad file into a result; this is a bug or a broken JVM
                Throwable c = e.getCause();
                if (c instanceof RuntimeException re) {
                    throw re;
                }
                if (c instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException("a scan worker failed: " + c, c);
            }
        }
    }
}
