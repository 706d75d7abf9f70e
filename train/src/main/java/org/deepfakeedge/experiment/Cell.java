package org.deepfakeedge.experiment;

import java.util.Locale;

/**
 * One cell of an experiment grid: a method at a level (or at full size) in one experiment.
 *
 * @param experiment experiment id
 * @param kind compression or transfer
 * @param method method name, or {@link Methods#BASELINE}
 * @param level fraction of parameters kept, null for methods that run once
 */
public record Cell(String experiment, String kind, String method, Double level) {

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
