package org.deepfakeedge.experiment;

import java.util.Locale;
import org.deepfakeedge.workflow.Method;

/**
 * One cell of an experiment grid: a method at a level (or at full size) in one experiment.
 *
 * @param experiment experiment id
 * @param kind compression or transfer
 * @param method method name, or {@link Method#BASELINE}
 * @param level fraction of parameters kept, null for methods that run once
 */
public record Cell(String experiment, String kind, String method, Double level) {

    /** True for a cell of a transfer experiment. */
    public boolean transfer() {
        return Method.Kind.parse(kind) == Method.Kind.TRANSFER;
    }

    /** Column label of the level: {@code 40%}, or {@code full} for methods that run once. */
    public String levelLabel() {
        return level == null ? "full" : Math.round(level * 100) + "%";
    }

    /** Stable id: {@code experiment/method/40} or {@code experiment/method/full}. */
    public String id() {
        return experiment
                + "/"
                + method
                + "/"
                + (level == null ? "full" : Long.toString(Math.round(level * 100)));
    }

    /** Folder name under the experiment's folder. */
    public String folder() {
        return method
                + (level == null ? "" : String.format(Locale.ROOT, "-%d", Math.round(level * 100)));
    }
}
