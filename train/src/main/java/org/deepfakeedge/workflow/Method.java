package org.deepfakeedge.workflow;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.compress.quantize.QuantizationMode;

/**
 * The one registry of model-to-model methods: their names (as the CLI, experiment specs, results
 * and reports spell them), which experiment kinds hold them, whether they run once per level
 * (fraction of the teacher's parameters kept), which options a spec may set for them, and the facts
 * the workflows build their {@link Step} from.
 *
 * <p>Code that must do something different per method switches over this enum (exhaustive switch
 * expressions), never over strings, so a new method cannot be half added: the compiler names every
 * place that has to handle it.
 */
public enum Method {
    /** Magnitude pruning without training. */
    PRUNE("prune", Kinds.COMPRESSION, true, Set.of("scope")),
    /** Magnitude pruning, then fine-tuning with the masks kept. */
    PRUNE_FINETUNE(
            "prune-finetune", Kinds.BOTH, true, Set.of("scope", "epochs", "lr", "trainable")),
    /** Filter (structured) pruning, then fine-tuning. */
    PRUNE_STRUCTURED("prune-structured", Kinds.COMPRESSION, true, Set.of("epochs", "lr")),
    /** The paper's student of the level, trained with the teacher's soft labels. */
    DISTILL(
            "distill",
            Kinds.BOTH,
            true,
            Set.of("temperature", "kd_weight", "teacher_views", "teacher_runtime", "epochs", "lr")),
    /** The paper's student of the level, trained alone: the reference for distillation. */
    SCRATCH("scratch", Kinds.BOTH, true, Set.of("epochs", "lr")),
    /** The paper's quantization: linear-layer weights to int8, activations at run time. */
    QUANTIZE_DYNAMIC_LINEAR(
            QuantizationMode.DYNAMIC_LINEAR.methodName(),
            Kinds.COMPRESSION,
            false,
            Set.of(),
            "quantize-dynamic"),
    /** Static INT8 of every layer, written as an ONNX file. */
    QUANTIZE_STATIC_INT8(
            QuantizationMode.STATIC_INT8.methodName(),
            Kinds.COMPRESSION,
            false,
            Set.of("keep_fp32", "calibration_method", "calibration_count", "layer_timing")),
    /**
     * The teacher's architecture trained again, as the teacher was, but with robustness
     * augmentations ({@value #ROBUST_AUGMENTATION} by default): the reference that shows what
     * augmentation buys under perturbations, beside the full model.
     */
    TEACHER_AUGMENTED("teacher-augmented", Kinds.COMPRESSION, false, Set.of("augment", "epochs")),
    /**
     * Quantization-aware fine-tuning (fake-quantized weights and inputs, straight-through
     * gradients), then the static INT8 export: for models that lose accuracy in post-training INT8.
     */
    QUANTIZE_AWARE_INT8(
            "quantize-aware-int8",
            Kinds.COMPRESSION,
            false,
            Set.of(
                    "epochs",
                    "lr",
                    "keep_fp32",
                    "calibration_method",
                    "calibration_count",
                    "layer_timing")),
    /** Truncated-SVD factorization of one linear layer. */
    LOWRANK("lowrank", Kinds.COMPRESSION, false, Set.of("rank", "energy", "layer", "epochs", "lr")),
    /** Fine-tuning of selected layers on task B. */
    FINETUNE("finetune", Kinds.TRANSFER, false, Set.of("trainable", "epochs", "lr")),
    /** Magnitude pruning, then a new adapter trained on task B (everything else frozen). */
    PRUNE_ADAPTER(
            "prune-adapter",
            Kinds.TRANSFER,
            true,
            Set.of("scope", "adapter_after", "epochs", "lr")),
    /** A task-A distilled student with a new adapter trained on task B. */
    DISTILL_ADAPTER(
            "distill-adapter", Kinds.TRANSFER, true, Set.of("adapter_after", "epochs", "lr")),
    /** Fine-tuning on task B, then the paper's dynamic INT8 quantization. */
    QUANTIZE_FINETUNE(
            "quantize-finetune", Kinds.TRANSFER, false, Set.of("trainable", "epochs", "lr")),
    /** Fine-tuning on task B, then truncated-SVD factorization. */
    FACTORIZE_FINETUNE(
            "factorize-finetune",
            Kinds.TRANSFER,
            false,
            Set.of("rank", "energy", "trainable", "epochs", "lr"));

    /** The kind of an experiment: which grid of methods it holds. */
    public enum Kind {
        /** The teacher of a data set compressed on that data set. */
        COMPRESSION,
        /** The teacher of task A moved to task B. */
        TRANSFER;

        /** The name in specs and results: {@code compression}, {@code transfer}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Parses a spec's kind, case-insensitively. */
        public static Kind parse(String s) {
            for (Kind k : values()) {
                if (k.id().equalsIgnoreCase(s == null ? "" : s.strip())) {
                    return k;
                }
            }
            throw new InvalidInputException(
                    "experiment kind must be one of " + ids() + ", found " + s);
        }

        /** The names of all kinds. */
        public static List<String> ids() {
            return java.util.Arrays.stream(values()).map(Kind::id).toList();
        }

        /** The methods of this kind, in the report's row order. */
        public List<Method> methods() {
            return this == COMPRESSION ? COMPRESSION_ORDER : TRANSFER_ORDER;
        }
    }

    /**
     * The default augmentation of {@link #TEACHER_AUGMENTED}: flips, and JPEG re-compression and
     * blur each with probability 0.5 (Wang et al.'s "Blur+JPEG (0.5)", their most robust setting).
     */
    public static final String ROBUST_AUGMENTATION = "flip,jpeg=0.5,blur=0.5";

    /** The pseudo-method of every experiment: the teacher itself on the experiment's test data. */
    public static final String BASELINE = "baseline";

    private static final List<Method> COMPRESSION_ORDER =
            List.of(
                    PRUNE,
                    PRUNE_FINETUNE,
                    PRUNE_STRUCTURED,
                    DISTILL,
                    SCRATCH,
                    QUANTIZE_DYNAMIC_LINEAR,
                    QUANTIZE_STATIC_INT8,
                    QUANTIZE_AWARE_INT8,
                    LOWRANK,
                    TEACHER_AUGMENTED);

    private static final List<Method> TRANSFER_ORDER =
            List.of(
                    FINETUNE,
                    PRUNE_FINETUNE,
                    PRUNE_ADAPTER,
                    DISTILL,
                    DISTILL_ADAPTER,
                    QUANTIZE_FINETUNE,
                    FACTORIZE_FINETUNE,
                    SCRATCH);

    /** Shorthands for the kinds a method belongs to. */
    private static final class Kinds {
        static final Set<Kind> COMPRESSION = EnumSet.of(Kind.COMPRESSION);
        static final Set<Kind> TRANSFER = EnumSet.of(Kind.TRANSFER);
        static final Set<Kind> BOTH = EnumSet.allOf(Kind.class);
    }

    private final String id;
    private final Set<Kind> kinds;
    private final boolean leveled;
    private final Set<String> options;
    private final List<String> aliases;

    Method(String id, Set<Kind> kinds, boolean leveled, Set<String> options, String... aliases) {
        this.id = id;
        this.kinds = Set.copyOf(kinds);
        this.leveled = leveled;
        this.options = Set.copyOf(options);
        this.aliases = List.of(aliases);
    }

    /** The name as the CLI, specs, results and reports spell it. */
    public String id() {
        return id;
    }

    /** True if the method runs once per level; false if it runs once at full size. */
    public boolean leveled() {
        return leveled;
    }

    /** The options a spec may set for this method. */
    public Set<String> options() {
        return options;
    }

    /** True if experiments of {@code kind} may hold this method. */
    public boolean belongsTo(Kind kind) {
        return kinds.contains(kind);
    }

    /** True if the method starts with magnitude pruning (keep fraction = the level). */
    public boolean magnitudePrunes() {
        return this == PRUNE || this == PRUNE_FINETUNE || this == PRUNE_ADAPTER;
    }

    /** True if the method trains a new adapter and nothing else. */
    public boolean trainsAdapter() {
        return this == PRUNE_ADAPTER || this == DISTILL_ADAPTER;
    }

    /**
     * True if the method trains weights that start from scratch (a student, an adapter): they take
     * the from-scratch learning rate instead of the fine-tuning one.
     */
    public boolean trainsNewWeights() {
        return this == DISTILL || this == DISTILL_ADAPTER || this == SCRATCH || trainsAdapter();
    }

    /** True if the method trains a new model and ignores the one it is given. */
    public boolean startsFresh() {
        return this == SCRATCH || this == TEACHER_AUGMENTED;
    }

    /** True if the method trains the paper's student of its level (a zoo architecture). */
    public boolean trainsStudent() {
        return this == DISTILL || this == DISTILL_ADAPTER || this == SCRATCH;
    }

    /**
     * The methods {@code transfer --method} runs ({@link TransferWorkflow}), in the paper's order.
     */
    public static List<Method> transferSteps() {
        return TRANSFER_ORDER.stream().filter(m -> m != SCRATCH).toList();
    }

    /** The names of {@code methods}. */
    public static List<String> ids(List<Method> methods) {
        return methods.stream().map(Method::id).toList();
    }

    /**
     * The method of {@code kind} named {@code name} (or one of its former names), case-insensitive.
     *
     * @throws InvalidInputException naming the methods of the kind
     */
    public static Method parse(Kind kind, String name) {
        Method m = find(name);
        if (m == null || !m.belongsTo(kind)) {
            throw new InvalidInputException(
                    "unknown "
                            + kind.id()
                            + " method '"
                            + name
                            + "'; choose from "
                            + ids(kind.methods()));
        }
        return m;
    }

    /** The method named {@code name} or one of its former names, or null. */
    public static Method find(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        for (Method m : values()) {
            if (m.id.equals(n) || m.aliases.contains(n)) {
                return m;
            }
        }
        return null;
    }

    /** Former names still accepted in specs, for the docs and the validator's messages. */
    public List<String> aliases() {
        return new ArrayList<>(aliases);
    }

    /** The zoo student with {@code level} of the teacher's parameters: 0.3 → {@code student-30}. */
    public static String studentFor(double level) {
        return "student-" + Math.round(level * 100);
    }

    @Override
    public String toString() {
        return id;
    }
}
