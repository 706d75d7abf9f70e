package org.deepfakeedge.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.deepfakeedge.workflow.TransferSpec;
import org.deepfakeedge.workflow.TransferWorkflow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code deepfake-edge transfer}. */
@Command(
        name = "transfer",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Move a model trained on task A to a new task B.",
            "Task B is the data in --data (paper §4). Methods:",
            "  finetune            train only the chosen layers (default: last conv block + first linear layer)",
            "  prune-finetune      prune (--keep, --scope), then fine-tune with pruned weights kept at zero",
            "  prune-adapter       prune, insert an adapter, train only the adapter",
            "  distill             the task-A model teaches a --student on task B (hard labels weighted more)",
            "  distill-adapter     insert an adapter into a (distilled) student, train only the adapter",
            "  quantize-finetune   fine-tune, then dynamic-linear INT8",
            "  factorize-finetune  fine-tune, then low-rank factorize the first linear layer (--rank/--energy)",
            "Frozen layers stay bit-identical; frozen BatchNorm runs in inference mode."
        })
public final class TransferCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec commandSpec;

    @Option(names = "--model", required = true, description = "Task-A model artifact.")
    Path model;

    @Option(names = "--method", required = true, description = "One of the methods above.")
    String method;

    @Option(
            names = "--epochs",
            defaultValue = "5",
            description = "Training epochs on task B (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(
            names = "--trainable",
            split = ",",
            description = "Layer names to train, e.g. conv8,bn8,fc1 (default: the method's).")
    List<String> trainable;

    @Option(
            names = "--adapter-after",
            description =
                    "Adapter after conv block N or 'last' (default: 4 for the teacher, last for students).")
    String adapterAfter;

    @Option(
            names = "--keep",
            defaultValue = "0.1",
            description = "Pruning: fraction kept (default: ${DEFAULT-VALUE}).")
    double keep;

    @Option(
            names = "--scope",
            defaultValue = "local",
            description = "Pruning scope: local or global (default: ${DEFAULT-VALUE}).")
    String scope;

    @Option(names = "--student", description = "distill: student architecture.")
    String student;

    @Option(
            names = "--temperature",
            defaultValue = "2",
            description = "distill: temperature (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(
            names = "--kd-weight",
            defaultValue = "0.3",
            description =
                    "distill: weight of the teacher's term; below 0.5 favours task-B labels (default: ${DEFAULT-VALUE}).")
    double kdWeight;

    @Option(names = "--rank", defaultValue = "0", description = "factorize-finetune: rank.")
    int rank;

    @Option(
            names = "--energy",
            defaultValue = "0",
            description = "factorize-finetune: retained energy, when no --rank.")
    double energy;

    @Mixin CompressMixin common;

    @Override
    public Integer call() throws Exception {
        TransferSpec t =
                new TransferSpec(
                        TransferSpec.method(method),
                        trainable,
                        adapterAfter,
                        keep,
                        "global".equals(scope),
                        student,
                        temperature,
                        kdWeight,
                        rank,
                        energy);
        // new weights (a student, an adapter) start at the from-scratch rate; 0 = the options'
        // default
        double lr = t.method().trainsNewWeights() ? 3e-4 : 0;
        TransferWorkflow wf =
                new TransferWorkflow(
                        common.toOptions(epochs, 0, common.lrGiven() ? 0 : lr),
                        new ConsoleProgress(t.method().id()));
        commandSpec
                .commandLine()
                .getOut()
                .print(CompressionSummary.render(wf.run(model, t), common.json));
        return ExitCodes.OK;
    }
}
