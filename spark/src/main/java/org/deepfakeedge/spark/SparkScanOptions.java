package org.deepfakeedge.spark;

import java.io.Serializable;
import java.util.Map;
import org.deepfakeedge.eval.UnsureBand;
import org.deepfakeedge.scan.Aggregation;
import org.deepfakeedge.scan.ScanOptions;
import org.deepfakeedge.video.FrameSampling;

/**
 * What a Spark scan does, as it travels to the executors.
 *
 * @param model the model file or artifact folder, at a local path every executor can read (ship it
 *     with {@code --files} or put it on a shared mount)
 * @param faces {@code auto}, {@code on} or {@code off}, as {@code scan --faces}
 * @param frames frames sampled evenly from each video
 * @param aggregate how a video's frame scores become its score, as {@code scan --aggregate}
 * @param threadsPerTask ONNX Runtime intra-op threads of each executor's session ({@code
 *     spark.task.cpus})
 * @param filesPerTask files one task scores: the scoring runs in {@code max(2 × default
 *     parallelism, files / filesPerTask)} tasks, each writing one Parquet file (Spark's listing
 *     would make a task of every few small files, and each output file costs a process start on a
 *     local file system without Hadoop's native library)
 * @param unsure the abstain band {@code LOW,HIGH} as {@code scan --unsure}, or null for none
 * @param hadoop the driver's Hadoop settings, so that a task reads a video from any file system the
 *     driver can list
 */
public record SparkScanOptions(
        String model,
        String faces,
        int frames,
        String aggregate,
        int threadsPerTask,
        int filesPerTask,
        String unsure,
        Map<String, String> hadoop)
        implements Serializable {

    /** Checks the counts. */
    public SparkScanOptions {
        if (frames < 1 || threadsPerTask < 1 || filesPerTask < 1) {
            throw new org.deepfakeedge.InvalidInputException(
                    "frames, threads per task and files per task must be >= 1, found "
                            + frames
                            + ", "
                            + threadsPerTask
                            + ", "
                            + filesPerTask);
        }
    }

    /** The scan module's options these stand for (checked on the driver before the job starts). */
    public ScanOptions scanOptions() {
        return ScanOptions.defaults()
                .withFaces(ScanOptions.FaceMode.parse(faces))
                .withSampling(FrameSampling.evenly(frames))
                .withAggregation(Aggregation.parse(aggregate))
                .withThreads(threadsPerTask)
                .withUnsure(unsure == null ? null : UnsureBand.parse(unsure));
    }

    /** The same options with the driver's Hadoop settings. */
    public SparkScanOptions withHadoop(Map<String, String> settings) {
        return new SparkScanOptions(
                model,
                faces,
                frames,
                aggregate,
                threadsPerTask,
                filesPerTask,
                unsure,
                Map.copyOf(settings));
    }
}
