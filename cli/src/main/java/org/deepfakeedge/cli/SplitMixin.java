package org.deepfakeedge.cli;

import org.deepfakeedge.data.DatasetOptions;
import picocli.CommandLine.Option;

/**
 * Options for data sets without splits of their own (seeded, stratified split) and for class
 * folders whose names do not say which class is positive.
 */
public final class SplitMixin {
    @Option(
            names = "--split-seed",
            defaultValue = "42",
            description =
                    "Seed of the split for data without train/val/test folders (default: ${DEFAULT-VALUE}).")
    long splitSeed;

    @Option(
            names = "--val-fraction",
            defaultValue = "0.2",
            description = "Validation share for data without splits (default: ${DEFAULT-VALUE}).")
    double valFraction;

    @Option(
            names = "--test-fraction",
            defaultValue = "0.2",
            description =
                    "Test share for data without splits; the paper's Synthbuster split is 0.4 (default: ${DEFAULT-VALUE}).")
    double testFraction;

    @Option(
            names = "--positive-class",
            paramLabel = "NAME",
            description =
                    "For two class folders not named real/fake or 0_X/1_X (e.g. cat/ and dog/): the folder that is class 1, the positive class.")
    String positiveClass;

    DatasetOptions toOptions() {
        return new DatasetOptions(splitSeed, valFraction, testFraction, positiveClass);
    }
}
