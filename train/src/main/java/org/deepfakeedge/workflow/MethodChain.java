package org.deepfakeedge.workflow;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.deepfakeedge.InvalidInputException;

/**
 * A compression cell that runs several methods one after the other, each on the model the one
 * before it made: {@code prune-finetune+quantize-static-int8} prunes and fine-tunes the teacher,
 * then quantizes the pruned model. Written with {@value #SEPARATOR} between method names; a single
 * method is a chain of one, so every cell of a grid has a chain.
 *
 * <p>Rules, so that every chain can run: chains of two or more steps are compression methods only;
 * no method twice; a step that writes an ONNX file or a dynamic-INT8 model ({@code
 * quantize-static-int8}, {@code quantize-aware-int8}, {@code quantize-dynamic-linear}) comes last,
 * because nothing trains after it; {@code scratch} and {@code teacher-augmented} come first,
 * because they ignore the model they are given.
 *
 * @param steps the methods in order, at least one
 */
public record MethodChain(List<Method> steps) {
    /** Between the method names of a chain: {@code distill+quantize-static-int8}. */
    public static final String SEPARATOR = "+";

    public MethodChain {
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a chain needs at least one method");
        }
    }

    /**
     * Parses a method or a chain of methods of an experiment of {@code kind}.
     *
     * @throws InvalidInputException naming the unknown method or the rule a chain breaks
     */
    public static MethodChain parse(Method.Kind kind, String text) {
        String[] names = (text == null ? "" : text).split("\\" + SEPARATOR, -1);
        List<Method> steps = new ArrayList<>();
        for (String n : names) {
            steps.add(Method.parse(kind, n));
        }
        MethodChain chain = new MethodChain(steps);
        if (chain.isChain()) {
            chain.check(kind);
        }
        return chain;
    }

    /**
     * The chain named {@code text} (former method names accepted), or null if a name is unknown.
     */
    public static MethodChain find(String text) {
        List<Method> steps = new ArrayList<>();
        for (String n : (text == null ? "" : text).split("\\" + SEPARATOR, -1)) {
            Method m = Method.find(n);
            if (m == null) {
                return null;
            }
            steps.add(m);
        }
        return new MethodChain(steps);
    }

    private void check(Method.Kind kind) {
        if (kind != Method.Kind.COMPRESSION) {
            throw new InvalidInputException(
                    "chain " + id() + ": chains of methods are for compression experiments only");
        }
        Set<Method> seen = new HashSet<>();
        for (int i = 0; i < steps.size(); i++) {
            Method m = steps.get(i);
            if (!seen.add(m)) {
                throw new InvalidInputException("chain " + id() + ": " + m.id() + " runs twice");
            }
            if (endsChain(m) && i != steps.size() - 1) {
                throw new InvalidInputException(
                        "chain "
                                + id()
                                + ": "
                                + m.id()
                                + " must be the last step (nothing trains after it)");
            }
            if (m.startsFresh() && i != 0) {
                throw new InvalidInputException(
                        "chain "
                                + id()
                                + ": "
                                + m.id()
                                + " must be the first step (it trains a new model)");
            }
        }
    }

    private static boolean endsChain(Method m) {
        return m == Method.QUANTIZE_STATIC_INT8
                || m == Method.QUANTIZE_AWARE_INT8
                || m == Method.QUANTIZE_DYNAMIC_LINEAR;
    }

    /** The name in specs, results and reports: the step names joined by {@value #SEPARATOR}. */
    public String id() {
        return steps.stream().map(Method::id).collect(Collectors.joining(SEPARATOR));
    }

    /** True for two or more steps. */
    public boolean isChain() {
        return steps.size() > 1;
    }

    /** The one method of a chain of one. */
    public Method single() {
        if (isChain()) {
            throw new IllegalStateException(id() + " is a chain");
        }
        return steps.get(0);
    }

    /** True if any step runs once per level: then the chain does. */
    public boolean leveled() {
        return steps.stream().anyMatch(Method::leveled);
    }

    /** True if any step trains the paper's student of the level. */
    public boolean trainsStudent() {
        return steps.stream().anyMatch(Method::trainsStudent);
    }

    /** The chain of the first {@code n} steps. */
    public MethodChain prefix(int n) {
        return new MethodChain(steps.subList(0, n));
    }

    @Override
    public String toString() {
        return id();
    }
}
