package org.deepfakeedge.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.deepfakeedge.workflow.CompressionWorkflow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code deepfake-edge prune}. */
@Command(
        name = "prune",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Prune a model by weight magnitude (L1), optionally fine-tuning it.",
            "Default = the paper's: unstructured, local (the same",
            "fraction of every conv/linear weight tensor; biases and BatchNorm untouched). --keep 0.4/0.3/0.2/0.1 are the",
            "paper's levels. Fine-tuning keeps pruned weights at zero. The weights file stores them sparsely, so it shrinks.",
            "--structured removes whole filters and neurons instead: a smaller dense model that is really faster."
        })
public final class PruneCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec commandSpec;

    @Option(names = "--model", required = true, description = "Model artifact to prune.")
    Path model;

    @Option(
            names = "--keep",
            required = true,
            description = "Fraction of weights (or filters, with --structured) to keep, in (0,1].")
    double keep;

    @Option(
            names = "--scope",
            defaultValue = "local",
            description = "local (per tensor, the paper) or global (default: ${DEFAULT-VALUE}).")
    String scope;

    @Option(
            names = "--structured",
            description = "Remove whole conv filters and hidden neurons by L1 norm.")
    boolean structured;

    @Option(
            names = "--fine-tune-epochs",
            defaultValue = "0",
            description =
                    "Epochs of fine-tuning on --data after pruning (default: ${DEFAULT-VALUE}).")
    int fineTuneEpochs;

    @Mixin CompressMixin common;

    @Override
    public Integer call() throws Exception {
        if (!scope.equals("local") && !scope.equals("global")) {
            throw new org.deepfakeedge.InvalidInputException(
                    "--scope must be local or global, found " + scope);
        }
        CompressionWorkflow wf =
                new CompressionWorkflow(
                        common.toOptions(
                                fineTuneEpochs,
                                fineTuneEpochs,
                                org.deepfakeedge.train.Recipes.PRUNE_FINETUNE_LR),
                        new ConsoleProgress("prune"));
        var outcome =
                structured
                        ? wf.pruneStructured(model, keep)
                        : wf.prune(model, keep, scope.equals("global"));
        commandSpec.commandLine().getOut().print(CompressionSummary.render(outcome, common.json));
        return ExitCodes.OK;
    }
}
