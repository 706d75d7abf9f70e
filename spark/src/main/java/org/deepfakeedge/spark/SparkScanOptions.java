package org.deepfakeedge.spark;

import java.io.Serializable;
import java.util.Map;
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
 * @param hadoop the driver's Hadoop settings, so that a task reads a video from any file system the
 *     driver can list
 */
public record SparkScanOptions(
        String model,
        String faces,
        int frames,
        String aggregate,
        int threadsPerTask,
        Map<String, String> hadoop)
        implements Serializable {

    /** The scan module's options these stand for (checked on the driver before the job starts). */
    public ScanOptions scanOptions() {
        return ScanOptions.defaults()
                .withFaces(ScanOptions.FaceMode.parse(faces))
                .withSampling(FrameSampling.evenly(frames))
                .withAggregation(Aggregation.parse(aggregate))
                .withThreads(threadsPerTask);
    }

    /** The same options with the driver's Hadoop settings. */
    public SparkScanOptions withHadoop(Map<String, String> settings) {
        return new SparkScanOptions(
                model, faces, frames, aggregate, threadsPerTask, Map.copyOf(settings));
    }
}
