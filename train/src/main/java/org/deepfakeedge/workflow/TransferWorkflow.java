package org.deepfakeedge.workflow;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.artifact.ArtifactKind;
import org.deepfakeedge.artifact.ModelArtifact;
import org.deepfakeedge.compress.distill.DistillationObjective;
import org.deepfakeedge.compress.distill.Teacher;
import org.deepfakeedge.compress.distill.TeacherRuntime;
import org.deepfakeedge.compress.distill.TeacherViews;
import org.deepfakeedge.compress.lowrank.FactorizeResult;
import org.deepfakeedge.compress.lowrank.SvdFactorizer;
import org.deepfakeedge.compress.prune.MagnitudePruner;
import org.deepfakeedge.compress.prune.PruneResult;
import org.deepfakeedge.compress.quantize.DynamicLinearQuantizer;
import org.deepfakeedge.compress.quantize.QuantizationMode;
import org.deepfakeedge.compress.quantize.QuantizeResult;
import org.deepfakeedge.engine.DjlEngine;
import org.deepfakeedge.model.Layer;
import org.deepfakeedge.model.ModelSpec;
import org.deepfakeedge.model.ModelZoo;
import org.deepfakeedge.model.Tensor;
import org.deepfakeedge.model.WeightInit;
import org.deepfakeedge.model.Weights;
import org.deepfakeedge.train.Objective;
import org.deepfakeedge.train.TrainListener;

/**
 * Transfer learning (paper §4): a model trained on task A adapts to task B with little data and
 * compute, by fine-tuning selected layers, an adapter, or distillation, combined with compression.
 *
 * <p>Frozen means frozen: tensors outside the trainable set receive no gradient and stay
 * bit-identical, and frozen BatchNorm layers run in inference mode so their running statistics do
 * not move. The result takes task B's class names.
 */
public final class TransferWorkflow {
    private final CompressionWorkflow runner;
    private final CompressionOptions options;

    public TransferWorkflow(CompressionOptions options, TrainListener listener) {
        this.options = options;
        this.runner = new CompressionWorkflow(options, listener);
    }

    /** Transfers the model in {@code modelDir} to the data in the options with method {@code t}. */
    public CompressionOutcome run(Path modelDir, TransferSpec t) throws IOException {
        long t0 = System.nanoTime();
        if (options.data() == null) {
            throw new InvalidInputException("transfer needs --data: the task-B dataset");
        }
        ModelArtifact src = ModelArtifact.load(modelDir);
        ModelSpec spec = src.manifest().spec();
        Weights w = src.weights();
        Map<String, Object> opts = new LinkedHashMap<>();
        Method method = t.method();
        opts.put("method", method.id());
        Map<String, Object> details = new LinkedHashMap<>();
        Map<String, Tensor> masks = Map.of();
        int epochs = options.train().epochs();
        if (method.magnitudePrunes()) {
            PruneResult p = MagnitudePruner.prune(spec, w, t.keep(), t.globalScope());
            w = p.weights();
            masks = p.masks();
            opts.put("keep", t.keep());
            opts.put("scope", t.globalScope() ? "global" : "local");
        }
        Objective objective = Objective.crossEntropy();
        Set<String> trainLayers;
        UnaryOperator<Step.Model> after = UnaryOperator.identity();
        DistillationObjective kd = null;
        // exhaustive: a new Method fails to compile here until it is handled
        ArtifactKind kind =
                switch (method) {
                    case PRUNE_ADAPTER, DISTILL_ADAPTER -> {
                        String name = "adapter";
                        int at = adapterPosition(spec, t.adapterAfter());
                        int channels = spec.shapes().get(at).c();
                        Layer.Adapter adapter = new Layer.Adapter(name, channels);
                        spec =
                                spec.withLayers(
                                        ls -> {
                                            ls.add(at, adapter);
                                            return ls;
                                        });
                        Weights init = WeightInit.pytorchDefault(spec, options.train().seed());
                        Weights merged = new Weights();
                        for (String k : Weights.expectedShapes(spec).keySet()) {
                            merged.put(k, k.startsWith(name + ".") ? init.get(k) : w.get(k));
                        }
                        w = merged;
                        trainLayers = Set.of(name);
                        opts.put("adapter_after_layer", spec.layers().get(at - 1).name());
                        opts.put("adapter_channels", channels);
                        details.put(
                                "adapter_params",
                                spec.layer(name) instanceof Layer.Adapter a
                                        ? ModelSpec.parameterCount(a)
                                        : 0);
                        yield ArtifactKind.ADAPTED;
                    }
                    case DISTILL -> {
                        ModelSpec student = ModelZoo.build(t.student(), spec.imageSize());
                        DjlEngine.start(options.train().threads());
                        kd =
                                new DistillationObjective(
                                        Teacher.open(spec, w, TeacherRuntime.ONNX),
                                        t.temperature(),
                                        t.kdWeight(),
                                        TeacherViews.MIRROR);
                        objective = kd;
                        spec = student;
                        w = WeightInit.pytorchDefault(student, options.train().seed());
                        trainLayers = null; // everything
                        opts.put("student", student.arch());
                        opts.put("temperature", t.temperature());
                        opts.put("kd_weight", t.kdWeight());
                        opts.put("teacher_views", TeacherViews.MIRROR.id());
                        opts.put("teacher_runtime", kd.teacherRuntime().id());
                        yield ArtifactKind.DISTILLED;
                    }
                    case FINETUNE, PRUNE_FINETUNE -> {
                        trainLayers = defaultTrainable(spec);
                        yield ArtifactKind.FINETUNED;
                    }
                    case QUANTIZE_FINETUNE -> {
                        trainLayers = defaultTrainable(spec);
                        after =
                                m -> {
                                    QuantizeResult q =
                                            DynamicLinearQuantizer.quantize(m.spec(), m.weights());
                                    return new Step.Model(q.spec(), q.weights());
                                };
                        opts.put("mode", QuantizationMode.DYNAMIC_LINEAR.id());
                        yield ArtifactKind.QUANTIZED;
                    }
                    case FACTORIZE_FINETUNE -> {
                        trainLayers = defaultTrainable(spec);
                        after =
                                m -> {
                                    FactorizeResult f =
                                            SvdFactorizer.factorize(
                                                    m.spec(),
                                                    m.weights(),
                                                    null,
                                                    t.rank(),
                                                    t.energy());
                                    details.put("rank", f.rank());
                                    details.put("retained_energy", f.retainedEnergy());
                                    return new Step.Model(f.spec(), f.weights());
                                };
                        opts.put("rank", t.rank());
                        opts.put("energy", t.energy());
                        yield ArtifactKind.LOWRANK;
                    }
                    case PRUNE,
                            PRUNE_STRUCTURED,
                            SCRATCH,
                            QUANTIZE_DYNAMIC_LINEAR,
                            QUANTIZE_STATIC_INT8,
                            QUANTIZE_AWARE_INT8,
                            LOWRANK,
                            TEACHER_AUGMENTED ->
                            throw new InvalidInputException(
                                    method.id()
                                            + " is not a transfer step; use one of "
                                            + Method.ids(Method.transferSteps()));
                };
        if (!t.trainable().isEmpty() && trainLayers != null && !method.trainsAdapter()) {
            trainLayers = checked(spec, t.trainable());
        }
        Set<String> frozenBn = new HashSet<>();
        if (trainLayers != null) {
            for (Layer l : spec.layers()) {
                if ((l instanceof Layer.BatchNorm || l instanceof Layer.Adapter)
                        && !trainLayers.contains(l.name())) {
                    frozenBn.add(l.name());
                }
            }
            opts.put("trainable", new ArrayList<>(trainLayers));
        }
        final Set<String> tl = trainLayers;
        Step step =
                new Step(
                        "transfer",
                        kind,
                        src,
                        new Step.Model(spec, w),
                        tl == null ? n -> true : n -> tl.contains(n.substring(0, n.indexOf('.'))),
                        frozenBn,
                        masks,
                        objective,
                        epochs,
                        after,
                        opts,
                        details,
                        true,
                        false);
        try {
            return runner.run(step, t0);
        } finally {
            if (kd != null) {
                kd.close();
            }
        }
    }

    /**
     * The paper's default trainable set: the last conv block (its convs and BatchNorm) and the
     * first linear layer.
     */
    static Set<String> defaultTrainable(ModelSpec spec) {
        List<List<String>> blocks = convBlocks(spec);
        Set<String> out = new LinkedHashSet<>(blocks.get(blocks.size() - 1));
        spec.layers().stream()
                .filter(l -> l instanceof Layer.Linear)
                .findFirst()
                .ifPresent(l -> out.add(l.name()));
        return out;
    }

    /** Conv blocks: the conv layers up to and including each BatchNorm, in order. */
    static List<List<String>> convBlocks(ModelSpec spec) {
        List<List<String>> blocks = new ArrayList<>();
        List<String> cur = new ArrayList<>();
        for (Layer l : spec.layers()) {
            if (l instanceof Layer.Conv) {
                cur.add(l.name());
            } else if (l instanceof Layer.BatchNorm) {
                cur.add(l.name());
                blocks.add(cur);
                cur = new ArrayList<>();
            }
        }
        if (blocks.isEmpty()) {
            throw new InvalidInputException("model " + spec.arch() + " has no conv block");
        }
        return blocks;
    }

    /**
     * Index in the layer list where the adapter goes: after conv block N's BatchNorm, ReLU and
     * max-pool. Default: block 4 for the teacher, the last block otherwise.
     */
    static int adapterPosition(ModelSpec spec, String after) {
        List<List<String>> blocks = convBlocks(spec);
        int n;
        if (after == null) {
            n = spec.arch().startsWith("teacher") ? 4 : blocks.size();
        } else if (after.equalsIgnoreCase("last")) {
            n = blocks.size();
        } else {
            try {
                n = Integer.parseInt(after);
            } catch (NumberFormatException e) {
                throw new InvalidInputException(
                        "--adapter-after must be a block number or last, found " + after);
            }
        }
        if (n < 1 || n > blocks.size()) {
            throw new InvalidInputException(
                    "--adapter-after must be in 1.." + blocks.size() + " or last, found " + after);
        }
        List<String> block = blocks.get(n - 1);
        int i = spec.layers().indexOf(spec.layer(block.get(block.size() - 1))) + 1;
        while (i < spec.layers().size()
                && (spec.layers().get(i) instanceof Layer.Relu
                        || spec.layers().get(i) instanceof Layer.MaxPool)) {
            i++;
        }
        return i;
    }

    private static Set<String> checked(ModelSpec spec, List<String> names) {
        Set<String> out = new LinkedHashSet<>();
        for (String n : names) {
            spec.layer(n); // throws naming the known layers
            out.add(n);
        }
        return out;
    }
}
