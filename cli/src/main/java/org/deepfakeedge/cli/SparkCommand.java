package org.deepfakeedge.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.deepfakeedge.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code deepfake-edge spark}: names the Spark job in the command list. The job runs in its own JVM
 * with Spark's jars, which this CLI does not carry, so {@code bin/deepfake-edge} hands the
 * arguments to {@code bin/deepfake-edge-spark} before Java starts; this command is reached only
 * when the CLI jar is run directly, and says how to run the job.
 */
@Command(
        name = "spark",
        mixinStandardHelpOptions = true,
        description = {
            "Scan and evaluate on Apache Spark: 'deepfake-edge spark scan --master local[2]"
                    + " --model M --input URI --output URI [--labels layout|MANIFEST.csv]'.",
            "Runs through bin/deepfake-edge (which starts bin/deepfake-edge-spark, building the"
                    + " Spark jar on first use) or spark-submit on a cluster; see docs/spark.md."
        })
public final class SparkCommand implements Callable<Integer> {
    // everything after 'spark' belongs to the Spark job, whose options this CLI does not know
    @Unmatched List<String> args;

    @Override
    public Integer call() {
        throw new InvalidInputException(
                "'spark' runs the Spark job in its own JVM with Spark's jars, which this jar does"
                        + " not hold. Fix: run bin/deepfake-edge spark "
                        + String.join(
                                " ",
                                args == null || args.isEmpty() ? List.of("scan", "--help") : args)
                        + " (or spark-submit, see docs/spark.md).");
    }
}
