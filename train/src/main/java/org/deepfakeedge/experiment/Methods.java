package org.deepfakeedge.experiment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The methods an experiment grid can hold, which of them run at every level (fraction of the
 * parameters kept) and which options each accepts in a spec's {@code options} block.
 */
public final class Methods {
    private Methods() {}

    /** Experiment kinds. */
    public static final List<String> KINDS = List.of("compression", "transfer");

    /** The pseudo-method of every experiment: the teacher itself on the experiment's test data. */
    public static final String BASELINE = "baseline";

    private static final Map<String, Boolean> COMPRESSION = new LinkedHashMap<>();
    private static final Map<String, Boolean> TRANSFER = new LinkedHashMap<>();
    private static final Map<String, Set<String>> OPTIONS = new LinkedHashMap<>();

    static {
        // method -> runs at every level?
        COMPRESSION.put("prune", true);
        COMPRESSION.put("prune-finetune", true);
        COMPRESSION.put("prune-structured", true);
        COMPRESSION.put("distill", true);
        COMPRESSION.put("scratch", true);
        COMPRESSION.put("quantize-dynamic", false);
        COMPRESSION.put("quantize-static-int8", false);
        COMPRESSION.put("lowrank", false);
        TRANSFER.put("finetune", false);
        TRANSFER.put("prune-finetune", true);
        TRANSFER.put("prune-adapter", true);
        TRANSFER.put("distill", true);
        TRANSFER.put("distill-adapter", true);
        TRANSFER.put("quantize-finetune", false);
        TRANSFER.put("factorize-finetune", false);
        TRANSFER.put("scratch", true);
        OPTIONS.put("prune", Set.of("scope"));
        OPTIONS.put("prune-finetune", Set.of("scope", "epochs", "lr", "trainable"));
        OPTIONS.put("prune-structured", Set.of("epochs", "lr"));
        OPTIONS.put("distill", Set.of("temperature", "kd_weight", "epochs", "lr"));
        OPTIONS.put("scratch", Set.of("epochs", "lr"));
        OPTIONS.put("quantize-dynamic", Set.of());
        OPTIONS.put(
                "quantize-static-int8",
                Set.of("keep_fp32", "calibration_method", "calibration_count", "layer_timing"));
        OPTIONS.put("lowrank", Set.of("rank", "energy", "layer", "epochs", "lr"));
        OPTIONS.put("finetune", Set.of("trainable", "epochs", "lr"));
        OPTIONS.put("prune-adapter", Set.of("scope", "adapter_after", "epochs", "lr"));
        OPTIONS.put("distill-adapter", Set.of("adapter_after", "epochs", "lr"));
        OPTIONS.put("quantize-finetune", Set.of("trainable", "epochs", "lr"));
        OPTIONS.put("factorize-finetune", Set.of("rank", "energy", "trainable", "epochs", "lr"));
    }

    /** Methods of an experiment kind, in the report's row order. */
    public static List<String> of(String kind) {
        return List.copyOf((kind.equals("transfer") ? TRANSFER : COMPRESSION).keySet());
    }

    /** True if the method runs once per level; false if it runs once at full size. */
    public static boolean leveled(String kind, String method) {
        return (kind.equals("transfer") ? TRANSFER : COMPRESSION).getOrDefault(method, false);
    }

    /** Options the method takes in a spec. */
    public static Set<String> options(String method) {
        return OPTIONS.getOrDefault(method, Set.of());
    }

    /** The zoo student with {@code level} of the teacher's parameters: 0.3 → {@code student-30}. */
    public static String studentFor(double level) {
        return "student-" + Math.round(level * 100);
    }
}
