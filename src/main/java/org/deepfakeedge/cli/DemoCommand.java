package org.deepfakeedge.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.deepfakeedge.workflow.DemoWorkflow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code deepfake-edge demo}: the main job on built-in data. */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the main job on built-in data and write a report.",
            "Synthesises a real/fake dataset, trains the teacher and the 10%% student, evaluates both and writes a",
            "Markdown report with their metrics, sizes and training times. Nothing is downloaded."})
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--out", defaultValue = "demo-out", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--image-size", defaultValue = "64", description = "Image size (default: ${DEFAULT-VALUE}).")
    int imageSize;

    @Option(names = "--count", defaultValue = "600", description = "Synthetic images per class (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--epochs", defaultValue = "8", description = "Epochs per model (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--seed", defaultValue = "42", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", defaultValue = "0", description = "CPU threads, 0 = all cores.")
    int threads;

    @Option(names = "--archs", split = ",", defaultValue = "teacher,student-10", description = "Models to train (default: ${DEFAULT-VALUE}).")
    List<String> archs;

    @Override
    public Integer call() throws Exception {
        DemoWorkflow.DemoSpec spec = new DemoWorkflow.DemoSpec(out, imageSize, count, epochs, seed, threads, archs);
        Path report = DemoWorkflow.run(spec, ConsoleProgress::new);
        System.out.println(Files.readString(report));
        System.out.println("report: " + report.toAbsolutePath());
        return ExitCodes.OK;
    }
}
