package org.deepfakeedge.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.deepfakeedge.experiment.ExperimentRunner;
import org.deepfakeedge.experiment.ExperimentSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code deepfake-edge demo}: the built-in {@code paper-mini} experiment. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Run the paper's study on built-in data (the paper-mini experiment) and write its report.",
            "Synthesises real/fake data sets, trains the teacher, compresses it by pruning, distillation, INT8",
            "quantization and low-rank factorization at the paper's levels, transfers it to a second task by",
            "every transfer method, measures each model's size and CPU latency (fp32 and INT8), and writes",
            "report.md and report.html. About 12 minutes on 2 cores; nothing is downloaded. Run it again to",
            "continue an interrupted demo: finished steps are skipped."
        })
public final class DemoCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec commandSpec;

    @Option(
            names = "--out",
            defaultValue = "demo-out",
            description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        ExperimentSpec.Loaded spec = ExperimentSpec.load("paper-mini", java.util.Map.of());
        boolean resume = Files.isRegularFile(out.resolve(ExperimentRunner.MARKER));
        return ExperimentCommand.printOutcome(
                commandSpec.commandLine().getOut(),
                ExperimentRunner.run(
                        spec,
                        List.of(),
                        out,
                        resume,
                        new ExperimentCommand.ConsoleListener(commandSpec.commandLine().getErr())));
    }
}
