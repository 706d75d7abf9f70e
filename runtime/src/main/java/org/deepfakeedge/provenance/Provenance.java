package org.deepfakeedge.provenance;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What produced a file: when, by which build, where, from which seed and data, and how long it
 * trained. The one provenance shape of the project: {@code model.json} (and so the manifest inside
 * an exported ONNX file) and an experiment's {@code results.json} both write it.
 *
 * <p>JSON (snake_case, absent fields left out): {@code {created_at, tool {name, version,
 * git_commit}, environment {machine {java, os, arch, cpu, cpu_flags, cores}, engines {...},
 * threads}, seed, data {root, layout, fingerprint, counts, class_names}, timing {train_seconds,
 * epochs_run, best_epoch, images_seen}, note}}. These are the keys {@code model.json} has had since
 * the first release, so existing artifacts load unchanged; unknown keys are ignored on read.
 *
 * @param createdAt ISO-8601 time, UTC, whole seconds
 * @param tool the build
 * @param environment machine, engines and threads
 * @param seed the step's random seed
 * @param data the data the step trained or was evaluated on (null without data)
 * @param timing training time (null for steps that did not train)
 * @param note free text for artifacts that no step produced (benchmark models with random weights)
 */
public record Provenance(
        String createdAt,
        ToolInfo tool,
        RunEnvironment environment,
        Long seed,
        @JsonOptional DataProvenance data,
        @JsonOptional Timing timing,
        @JsonOptional String note) {

    /** No provenance: written as {@code {}}. */
    public static final Provenance NONE = new Provenance(null, null, null, null, null, null, null);

    /** Provenance of a step starting now on this build, in {@code environment}, with a seed. */
    public static Provenance of(RunEnvironment environment, long seed) {
        return new Provenance(timestamp(), ToolInfo.current(), environment, seed, null, null, null);
    }

    /** Only a note (artifacts no step produced). */
    public static Provenance note(String note) {
        return new Provenance(null, null, null, null, null, null, note);
    }

    /** The current time as recorded in provenance: ISO-8601, UTC, whole seconds. */
    public static String timestamp() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Returns a copy with the data recorded. */
    public Provenance withData(DataProvenance d) {
        return new Provenance(createdAt, tool, environment, seed, d, timing, note);
    }

    /** Returns a copy with the training time recorded. */
    public Provenance withTiming(Timing t) {
        return new Provenance(createdAt, tool, environment, seed, data, t, note);
    }
}
