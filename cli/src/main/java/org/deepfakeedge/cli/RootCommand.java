package org.deepfakeedge.cli;

import picocli.CommandLine.Command;

/** {@code deepfake-edge}: the root command; every verb is a subcommand. */
@Command(
        name = "deepfake-edge",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Train DeepFake image detectors, compress them for edge devices, and measure every result.",
            "",
            "Start with: deepfake-edge demo"
        },
        subcommands = {
            DemoCommand.class,
            ExperimentCommand.class,
            ModelsCommand.class,
            DatasetCommand.class,
            TrainCommand.class,
            EvaluateCommand.class,
            CalibrateCommand.class,
            PredictCommand.class,
            ScanCommand.class,
            PruneCommand.class,
            DistillCommand.class,
            QuantizeCommand.class,
            FactorizeCommand.class,
            ExportCommand.class,
            BenchCommand.class,
            ServeCommand.class,
            LoadtestCommand.class,
            TransferCommand.class,
            ReportCommand.class,
            SparkCommand.class,
            picocli.CommandLine.HelpCommand.class
        })
public final class RootCommand implements Runnable {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
