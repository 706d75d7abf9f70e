package org.deepfakeedge.workflow;

import java.util.List;
import org.deepfakeedge.InvalidInputException;

/**
 * How to move a model trained on task A to task B.
 *
 * @param method one of {@link Method#transferSteps()}
 * @param trainable layer names that train (empty: the method's default — the last conv block and
 *     the first linear layer, as the paper)
 * @param adapterAfter where the adapter goes: a conv block number (1-based) or {@code last}; null:
 *     the paper's default (after block 4 in the teacher, after the last block in students)
 * @param keep pruning keep fraction (prune-* methods)
 * @param globalScope global instead of local pruning
 * @param student student architecture (distill)
 * @param temperature distillation temperature
 * @param kdWeight weight of the soft term (distill; default favours the hard labels)
 * @param rank factorization rank (factorize-finetune; 0 = use energy)
 * @param energy retained energy (factorize-finetune when rank is 0)
 */
public record TransferSpec(
        Method method,
        List<String> trainable,
        String adapterAfter,
        double keep,
        boolean globalScope,
        String student,
        double temperature,
        double kdWeight,
        int rank,
        double energy) {

    public TransferSpec {
        if (method == null || !Method.transferSteps().contains(method)) {
            throw notATransferStep(method);
        }
        trainable = trainable == null ? List.of() : List.copyOf(trainable);
        if (method.magnitudePrunes() && !(keep > 0 && keep <= 1)) {
            throw new InvalidInputException("--keep must be in (0,1], found " + keep);
        }
        if (method == Method.DISTILL && (student == null || student.isBlank())) {
            throw new InvalidInputException(
                    "--method distill needs --student ARCH (student-40, -30, -20 or -10)");
        }
        if (method == Method.FACTORIZE_FINETUNE && rank <= 0 && !(energy > 0 && energy <= 1)) {
            throw new InvalidInputException(
                    "--method factorize-finetune needs --rank K or --energy F in (0,1]");
        }
    }

    /** Parses a {@code --method} value: one of {@link Method#transferSteps()}. */
    public static Method method(String name) {
        Method m = Method.find(name);
        if (m == null || !Method.transferSteps().contains(m)) {
            throw notATransferStep(name);
        }
        return m;
    }

    private static InvalidInputException notATransferStep(Object found) {
        return new InvalidInputException(
                "--method must be one of "
                        + Method.ids(Method.transferSteps())
                        + ", found "
                        + found);
    }
}
