package org.deepfakeedge.spark;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.deepfakeedge.DeepfakeEdgeException;
import org.deepfakeedge.provenance.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The Spark job's command line, what {@code spark-submit} runs ({@code --class
 * org.deepfakeedge.spark.SparkMain deepfake-edge-spark.jar scan …}) and {@code
 * bin/deepfake-edge-spark} runs in local mode. A thin shell over {@link SparkScan}.
 */
@Command(
        name = "deepfake-edge-spark",
        mixinStandardHelpOptions = true,
        subcommands = {SparkMain.Scan.class},
        description = "Scan images and videos on Apache Spark. See docs/spark.md.")
public final class SparkMain implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Exit code: 0 ok, 1 failure, 2 bad input (as the main command line). */
    public static void main(String[] args) {
        CommandLine cl = new CommandLine(new SparkMain());
        cl.setExecutionExceptionHandler(
                (e, line, parsed) -> {
                    line.getErr().println("error: " + e.getMessage());
                    return e instanceof DeepfakeEdgeException ? 2 : 1;
                });
        System.exit(cl.execute(args));
    }

    /** {@code scan}: one Parquet row per file, resumable. */
    @Command(
            name = "scan",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = {
                "Score every image and video under --input (searched recursively; any Hadoop file"
                        + " system URI) and append one Parquet row per file to --output (path, size,"
                        + " mtime, kind, model_id, p_fake, label, threshold, frames, frames_read,"
                        + " faces, no_face, error), then write --output/_scan-summary.json.",
                "A rerun on the same output scores only the files it does not hold yet for this"
                        + " model (same path, size and mtime). A bad file is a row with an error."
            })
    static final class Scan implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Option(
                names = "--model",
                required = true,
                description =
                        "Model file (.onnx) or artifact folder, at a local path the driver and"
                                + " every executor can read (e.g. shipped with spark-submit --files).")
        String model;

        @Option(names = "--input", required = true, description = "Folder or glob URI to scan.")
        String input;

        @Option(names = "--output", required = true, description = "Parquet folder URI.")
        String output;

        @Option(
                names = "--faces",
                defaultValue = "auto",
                description =
                        "auto, on or off, as 'deepfake-edge scan' (default: ${DEFAULT-VALUE}).")
        String faces;

        @Option(
                names = "--frames",
                defaultValue = "32",
                description = "Frames per video, spread evenly (default: ${DEFAULT-VALUE}).")
        int frames;

        @Option(
                names = "--aggregate",
                defaultValue = "mean",
                description =
                        "mean, max or topk:K over a video's frames (default: ${DEFAULT-VALUE}).")
        String aggregate;

        @Option(
                names = "--files-per-task",
                defaultValue = "1000",
                description =
                        "Files one task scores (more tasks when the cores need them); each task"
                                + " writes one Parquet file (default: ${DEFAULT-VALUE}).")
        int filesPerTask;

        @Option(
                names = "--master",
                description =
                        "Spark master, e.g. local[2] to run on this machine; without it the master"
                                + " spark-submit set.")
        String master;

        @Override
        public Integer call() throws Exception {
            SparkSession.Builder b = SparkSession.builder().appName("deepfake-edge scan");
            if (master != null) {
                b.master(master);
            }
            try (SparkSession spark = b.getOrCreate()) {
                // Spark logs every task at INFO; a job of thousands of tasks drowns its output
                spark.sparkContext().setLogLevel("WARN");
                int cpus = spark.sparkContext().getConf().getInt("spark.task.cpus", 1);
                SparkScanOptions o =
                        new SparkScanOptions(
                                model, faces, frames, aggregate, cpus, filesPerTask, Map.of());
                SparkScan.Summary s = SparkScan.run(spark, o, input, output);
                PrintWriter out = spec.commandLine().getOut();
                out.println(Json.line(SparkScan.summaryFields(s)));
                out.flush();
                return 0;
            }
        }
    }
}
