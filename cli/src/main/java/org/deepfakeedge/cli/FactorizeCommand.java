package org.deepfakeedge.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.deepfakeedge.workflow.CompressionWorkflow;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code deepfake-edge factorize}. */
@Command(
        name = "factorize",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Factorize a linear layer to low rank by truncated SVD.",
            "W ≈ U_k (S_k V_kᵀ) for one linear layer (default: the",
            "first, the largest); Linear(n→k, no bias) then Linear(k→m, bias), nothing in between."
        })
public final class FactorizeCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec commandSpec;

    @Option(names = "--model", required = true, description = "Model artifact to factorize.")
    Path model;

    static final class RankOrEnergy {
        @Option(names = "--rank", description = "Rank k (the paper uses 6).")
        int rank;

        @Option(
                names = "--energy",
                description = "Smallest rank keeping this fraction of Σ s², in (0,1].")
        double energy;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    RankOrEnergy target;

    @Option(names = "--layer", description = "Linear layer to factorize (default: the first).")
    String layer;

    @Option(
            names = "--fine-tune-epochs",
            defaultValue = "0",
            description = "Epochs of fine-tuning on --data afterwards (default: ${DEFAULT-VALUE}).")
    int fineTuneEpochs;

    @Mixin CompressMixin common;

    @Override
    public Integer call() throws Exception {
        CompressionWorkflow wf =
                new CompressionWorkflow(
                        common.toOptions(fineTuneEpochs, fineTuneEpochs, 0),
                        new ConsoleProgress("factorize"));
        commandSpec
                .commandLine()
                .getOut()
                .print(
                        CompressionSummary.render(
                                wf.factorize(model, layer, target.rank, target.energy),
                                common.json));
        return ExitCodes.OK;
    }
}
