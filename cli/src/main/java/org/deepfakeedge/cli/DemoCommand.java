package org.deepfakeedge.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.deepfakeedge.experiment.ExperimentRunner;
import org.deepfakeedge.experiment.ExperimentSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code deepfake-edge demo}: the built-in {@code demo} experiment, paper-mini at the levels 40%
 * and 10% (sized for 10 minutes on a 2-core AVX2-only CPU; see demo.yaml).
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Run the paper's study on built-in data (the built-in demo experiment) and write its report.",
            "Synthesises real/fake data sets, trains the teacher, compresses it by pruning, "
                    + "distillation, INT8 quantization and low-rank factorization at the paper's levels 40%% "
                    + "and 10%%, transfers it to a second task by every transfer method, measures each model's "
                    + "size and CPU latency (fp32 and INT8), and writes report.md and report.html. About 10 "
                    + "minutes on 2 cores; nothing is downloaded. Run it again to continue an interrupted demo: "
                    + "finished steps are skipped. All four levels (40/30/20/10%%): experiment --spec "
                    + "paper-mini."
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
        ExperimentSpec.Loaded spec = ExperimentSpec.load("demo", java.util.Map.of());
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
