package org.deepfakeedge.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.experiment.Cell;
import org.deepfakeedge.experiment.CellRecord;
import org.deepfakeedge.experiment.ExperimentListener;
import org.deepfakeedge.experiment.ExperimentRunner;
import org.deepfakeedge.experiment.ExperimentSpec;
import org.deepfakeedge.report.ExperimentReport;
import org.deepfakeedge.train.TrainListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code deepfake-edge experiment}: the paper's study (or any grid) as one command. */
@Command(
        name = "experiment",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Run a grid of compression and transfer methods × levels and write one report.",
            "The spec (YAML) names the data sets, the teacher's training and the grid; built-in "
                    + "specs: paper-mini (built-in data, < 20 min on 2 cores), demo (paper-mini at the levels "
                    + "40%% and 10%%, what demo runs), paper (the paper's data sets at 224 px; paths with "
                    + "--set) and robustness-mini (compression under JPEG, resize, blur, noise; augmentation, "
                    + "QAT and chains). Every cell's model and metrics go under --out; a killed run continues "
                    + "with --resume (finished cells are skipped); a failing cell is recorded with its error "
                    + "and the others go on. Writes results.json, report.md and report.html (tables like the "
                    + "paper's, sizes, fp32/INT8 latency, ROC and charts)."
        })
public final class ExperimentCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec commandSpec;

    @Option(
            names = "--spec",
            defaultValue = "paper-mini",
            paramLabel = "FILE|NAME",
            description =
                    "Spec file, or a built-in spec: paper-mini, demo, paper, robustness-mini (default: ${DEFAULT-VALUE}).")
    String spec;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Experiment folder (new or empty, or the one to resume).")
    Path out;

    @Option(
            names = "--resume",
            description =
                    "Continue the experiment in --out: finished cells are skipped, failed ones run again.")
    boolean resume;

    @Option(
            names = "--set",
            paramLabel = "NAME=VALUE",
            description =
                    "Fill a ${NAME} placeholder of the spec (data set paths of the paper spec).")
    List<String> params = List.of();

    @Option(
            names = "--only",
            split = ",",
            paramLabel = "ID",
            description = "Run only these experiments of the spec.")
    List<String> only = List.of();

    @Option(
            names = "--print-spec",
            description = "Print the spec's text (e.g. a built-in one, to copy and edit) and exit.")
    boolean printSpec;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description =
                    "CPU threads for every training and benchmark of the grid, 0 = all cores (default: the spec's).")
    Integer threads;

    @Option(names = "--dry-run", description = "List the grid's cells and exit.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        Map<String, String> values = new LinkedHashMap<>();
        for (String p : params) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new InvalidInputException("--set takes NAME=VALUE, found '" + p + "'");
            }
            values.put(p.substring(0, eq), p.substring(eq + 1));
        }
        if (printSpec) {
            commandSpec
                    .commandLine()
                    .getOut()
                    .print(
                            ExperimentSpec.BUILT_IN.contains(spec)
                                    ? ExperimentSpec.builtInText(spec)
                                    : ExperimentSpec.load(spec, values).text());
            return ExitCodes.OK;
        }
        ExperimentSpec.Loaded loaded = ExperimentSpec.load(spec, values);
        if (threads != null) {
            loaded = new ExperimentSpec.Loaded(loaded.spec().withThreads(threads), loaded.text());
        }
        if (dryRun) {
            List<Cell> cells = ExperimentRunner.cells(loaded.spec().only(only));
            cells.forEach(c -> commandSpec.commandLine().getOut().println(c.id()));
            commandSpec.commandLine().getOut().println(cells.size() + " cells");
            return ExitCodes.OK;
        }
        if (out == null) {
            throw new InvalidInputException(
                    "--out DIR is required: the folder for the experiment's models and report");
        }
        return printOutcome(
                commandSpec.commandLine().getOut(),
                ExperimentRunner.run(
                        loaded,
                        only,
                        out,
                        resume,
                        new ConsoleListener(commandSpec.commandLine().getErr())));
    }

    /**
     * Renders the report of a run from its {@code results.json}, prints what the run did and where
     * the report is; exit code 1 if a cell failed.
     */
    static int printOutcome(java.io.PrintWriter out, ExperimentRunner.Outcome o)
            throws java.io.IOException {
        ExperimentReport.Files report = ExperimentReport.write(o.out());
        out.printf(
                Locale.ROOT,
                "%d cells: %d run now, %d finished before, %d failed; this run %.1f min%n",
                o.cells(),
                o.ran(),
                o.skipped(),
                o.failed(),
                o.seconds() / 60);
        out.println("report: " + report.markdown().toAbsolutePath());
        out.println("html:   " + report.html().toAbsolutePath());
        out.println("data:   " + o.results().toAbsolutePath());
        return o.failed() == 0 ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /** One line per cell on stderr, a progress bar per training run. */
    static final class ConsoleListener implements ExperimentListener {
        private final java.io.PrintWriter err;
        private final org.deepfakeedge.experiment.EtaEstimator eta =
                new org.deepfakeedge.experiment.EtaEstimator();
        private final long t0 = System.nanoTime();
        private List<Cell> cells = List.of();

        ConsoleListener(java.io.PrintWriter err) {
            this.err = err;
        }

        @Override
        public void gridStarted(List<Cell> all) {
            cells = List.copyOf(all);
        }

        @Override
        public TrainListener training(String label) {
            return new ConsoleProgress(label);
        }

        @Override
        public void cellStarted(Cell cell, int index, int total) {
            err.printf(Locale.ROOT, "[%d/%d] %s ...%n", index, total, cell.id());
        }

        @Override
        public void cellFinished(CellRecord r, int index, int total) {
            eta.finished(r.method(), r.seconds());
            double left =
                    eta.remainingSeconds(
                            cells.subList(Math.min(index, cells.size()), cells.size()));
            err.printf(
                    Locale.ROOT,
                    "[%d/%d] %s %s in %.1f s%s | %.1f min so far, about %.1f min left%n",
                    index,
                    total,
                    r.id(),
                    r.ok() ? "done" : "FAILED",
                    r.seconds(),
                    r.ok() ? "" : ": " + r.error(),
                    (System.nanoTime() - t0) / 60e9,
                    left / 60);
        }

        @Override
        public void cellSkipped(CellRecord r, int index, int total) {
            err.printf(Locale.ROOT, "[%d/%d] %s finished before, skipped%n", index, total, r.id());
        }
    }
}
