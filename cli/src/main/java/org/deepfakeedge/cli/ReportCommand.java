package org.deepfakeedge.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.deepfakeedge.experiment.ExperimentResults;
import org.deepfakeedge.report.ExperimentReport;
import org.deepfakeedge.report.MarkdownReport;
import org.deepfakeedge.report.ModelSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code deepfake-edge report}: a Markdown table from model folders, without re-running anything.
 */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "Print a Markdown table comparing models, or render an experiment's report again.",
            "Metrics, parameters, non-zero parameters, size and training time, read only from each folder's",
            "model.json and metrics.json (nothing is re-run)."
        })
public final class ReportCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec commandSpec;

    @Parameters(
            arity = "0..*",
            paramLabel = "MODEL",
            description = "Model folders; NAME=DIR sets the row label.")
    List<String> models = List.of();

    @picocli.CommandLine.Option(
            names = "--experiment",
            paramLabel = "DIR",
            description =
                    "Render an experiment folder's report.md/report.html again from its results.json.")
    Path experiment;

    @Override
    public Integer call() throws java.io.IOException {
        if (experiment != null) {
            Path results = experiment.resolve(ExperimentResults.FILE);
            if (!java.nio.file.Files.isRegularFile(results)) {
                throw new org.deepfakeedge.InvalidInputException(
                        experiment
                                + " has no results.json: not a finished "
                                + "experiment folder (run experiment --resume to finish it)");
            }
            ExperimentReport.Files files = ExperimentReport.write(experiment);
            commandSpec
                    .commandLine()
                    .getOut()
                    .println("report: " + files.markdown().toAbsolutePath());
            commandSpec.commandLine().getOut().println("html:   " + files.html().toAbsolutePath());
            return ExitCodes.OK;
        }
        if (models.isEmpty()) {
            throw new org.deepfakeedge.InvalidInputException(
                    "report needs MODEL folders or --experiment DIR");
        }
        List<ModelSummary> rows = new ArrayList<>();
        for (String m : models) {
            int eq = m.indexOf('=');
            String name = eq > 0 ? m.substring(0, eq) : Path.of(m).getFileName().toString();
            Path dir = Path.of(eq > 0 ? m.substring(eq + 1) : m);
            rows.add(ModelSummary.read(name, dir));
        }
        commandSpec.commandLine().getOut().print(MarkdownReport.modelTable(rows));
        String gens = MarkdownReport.perGeneratorTable(rows);
        if (!gens.isEmpty()) {
            commandSpec.commandLine().getOut().print(System.lineSeparator() + gens);
        }
        return ExitCodes.OK;
    }
}
