package org.deepfakeedge.scan;

import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.video.VideoOptions;

/**
 * How a scan spends its CPU threads: {@code workers} files are scanned at once, each worker with
 * its own {@link FileScanner} (own face detector, own video reader), and every worker gets {@code
 * threadsPerWorker} threads for each native stage it runs (the shared classifier's ONNX Runtime
 * intra-op threads, its face detector's intra-op threads, FFmpeg's decoder threads).
 *
 * <p>The rule ({@link #plan}): {@code T = --threads} (0 = all cores), {@code W = --workers}
 * (default {@code T}), {@code threadsPerWorker = max(1, floor(T / W))}, decoder threads at most
 * {@link VideoOptions#DEFAULT_THREADS}. So by default every core scans a file of its own with one
 * thread per stage: decoding one video is mostly single-threaded work and batch-1 inference scales
 * poorly over intra-op threads, so W files in parallel beat one file on W threads. {@code W} may
 * not exceed {@code T}, so a scan never uses more threads than {@code --threads} says (the stages
 * of a worker run one after another).
 *
 * @param threads the CPU threads of the scan, {@code T}, resolved (>= 1)
 * @param workers files scanned at once, {@code W}, in [1, T]
 * @param threadsPerWorker threads of each worker's stages, {@code max(1, T / W)}
 */
public record ScanWorkers(int threads, int workers, int threadsPerWorker) {

    public ScanWorkers {
        if (threads < 1 || workers < 1 || workers > threads || threadsPerWorker < 1) {
            throw new IllegalArgumentException(
                    "need 1 <= workers <= threads and threadsPerWorker >= 1, found "
                            + threads
                            + ", "
                            + workers
                            + ", "
                            + threadsPerWorker);
        }
    }

    /**
     * The rule of the class comment.
     *
     * @param threads {@code --threads}, 0 = all cores
     * @param workers {@code --workers}, 0 = as many as threads
     * @throws InvalidInputException if either is negative, or workers exceed the threads
     */
    public static ScanWorkers plan(int threads, int workers) {
        if (threads < 0) {
            throw new InvalidInputException("--threads must be >= 0, found " + threads);
        }
        if (workers < 0) {
            throw new InvalidInputException(
                    "--workers must be >= 0 (0: one per thread), found " + workers);
        }
        int t = resolve(threads);
        int w = workers == 0 ? t : workers;
        if (w > t) {
            throw new InvalidInputException(
                    "--workers "
                            + w
                            + " exceeds the "
                            + t
                            + " threads of this scan (--threads "
                            + threads
                            + (threads == 0 ? ", all cores" : "")
                            + "); fix: raise --threads or lower --workers");
        }
        return new ScanWorkers(t, w, Math.max(1, t / w));
    }

    /** The scan options a worker's scanner uses: its face detector on its share of threads. */
    public ScanOptions scannerOptions(ScanOptions options) {
        return options.withThreads(threadsPerWorker);
    }

    /** The video options a worker's reader uses: FFmpeg's decoder on its share of threads. */
    public VideoOptions videoOptions() {
        return VideoOptions.defaults()
                .withDecoderThreads(Math.min(VideoOptions.DEFAULT_THREADS, threadsPerWorker));
    }

    private static int resolve(int threads) {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }
}
