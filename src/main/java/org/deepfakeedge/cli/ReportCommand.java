package org.deepfakeedge.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.deepfakeedge.report.MarkdownReport;
import org.deepfakeedge.report.ModelSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code deepfake-edge report}: a Markdown table from model folders, without re-running anything. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Print a Markdown table comparing models.",
            "Metrics, parameters, non-zero parameters, size and training time, read only from each folder's",
            "model.json and metrics.json (nothing is re-run)."})
public final class ReportCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "MODEL", description = "Model folders; NAME=DIR sets the row label.")
    List<String> models;

    @Override
    public Integer call() {
        List<ModelSummary> rows = new ArrayList<>();
        for (String m : models) {
            int eq = m.indexOf('=');
            String name = eq > 0 ? m.substring(0, eq) : Path.of(m).getFileName().toString();
            Path dir = Path.of(eq > 0 ? m.substring(eq + 1) : m);
            rows.add(ModelSummary.read(name, dir));
        }
        System.out.print(MarkdownReport.modelTable(rows));
        String gens = MarkdownReport.perGeneratorTable(rows);
        if (!gens.isEmpty()) {
            System.out.print(System.lineSeparator() + gens);
        }
        return ExitCodes.OK;
    }
}
