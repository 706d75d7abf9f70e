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
                names = "--labels",
                paramLabel = "layout|MANIFEST.csv",
                description = {
                    "Also evaluate the rows against labels and write --output/_evaluation.json,"
                            + " with the keys of 'deepfake-edge evaluate --json' (ROC exact, from"
                            + " globally sorted scores):",
                    "layout: from the class folders below --input (real|0_X, fake|1_X; a split"
                            + " folder above, a generator folder below, as the dataset layouts);",
                    "a CSV manifest URI with header path,label[,split][,generator][,video], paths"
                            + " relative to its folder; with a video column, per-video rows go to"
                            + " --output/_videos and their metrics to video_level."
                })
        String labels;

        @Option(
                names = "--split",
                description =
                        "With --labels: evaluate only this split (train, val or test) of the"
                                + " layout's split folders or the manifest's split column"
                                + " (default: every labelled row).")
        String split;

        @Option(
                names = "--unsure",
                paramLabel = "LOW,HIGH",
                description =
                        "Abstain band, as scan --unsure: a file with LOW <= p_fake < HIGH is"
                                + " labelled unsure; needs 0 <= LOW <= threshold <= HIGH <= 1"
                                + " (checked before any task). Rows a rerun skips keep their label.")
        String unsure;

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
                                model,
                                faces,
                                frames,
                                aggregate,
                                cpus,
                                filesPerTask,
                                unsure,
                                Map.of());
                if (split != null) {
                    if (labels == null) {
                        throw new org.deepfakeedge.InvalidInputException(
                                "--split " + split + " needs --labels: give layout or a manifest");
                    }
                    org.deepfakeedge.data.Split.parse(split); // before the scan, not after it
                }
                SparkScan.Summary s =
                        SparkScan.run(
                                spark,
                                o,
                                input,
                                output,
                                line -> System.err.println("deepfake-edge spark scan: " + line));
                PrintWriter out = spec.commandLine().getOut();
                out.println(Json.line(SparkScan.summaryFields(s)));
                out.flush();
                if (labels != null) {
                    SparkEvaluation.run(
                            spark, output, input, labels, split, s.modelId(), s.threshold());
                    out.println(
                            "evaluation: "
                                    + new org.apache.hadoop.fs.Path(
                                            new org.apache.hadoop.fs.Path(output),
                                            SparkEvaluation.FILE));
                    out.flush();
                }
                return 0;
            }
        }
    }
}
