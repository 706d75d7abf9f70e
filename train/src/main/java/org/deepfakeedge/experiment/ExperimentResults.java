package org.deepfakeedge.experiment;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deepfakeedge.ArtifactException;
import org.deepfakeedge.artifact.ModelArtifact;
import org.deepfakeedge.data.DatasetIndex;
import org.deepfakeedge.data.DatasetLoader;
import org.deepfakeedge.data.DatasetOptions;
import org.deepfakeedge.engine.DjlEngine;
import org.deepfakeedge.eval.RobustnessMetrics;
import org.deepfakeedge.experiment.ExperimentSpec.ExperimentDef;
import org.deepfakeedge.provenance.DataProvenance;
import org.deepfakeedge.provenance.Json;
import org.deepfakeedge.provenance.JsonOptional;
import org.deepfakeedge.provenance.Provenance;
import org.deepfakeedge.workflow.EvaluationReport;
import org.deepfakeedge.workflow.Method;
import org.deepfakeedge.workflow.ModelMetrics;

/**
 * The content of {@code results.json}: every number of the report, copied from the artifacts' own
 * metrics files, with provenance (spec text, seed, data set fingerprints, tool version and git
 * commit, engines, CPU). The report is rendered from this file alone.
 *
 * <p>Written from these records and read back into them strictly ({@link #read}): a field that is
 * missing or was renamed fails the read with the file and the field's path, never a "–" in the
 * report. Schema 2 (this one) records provenance in the shape of {@code model.json}'s ({@link
 * Provenance}: {@code created_at, tool, environment {machine, engines, threads}, seed}) next to the
 * run's own fields ({@code started_at, finished_at, run_seconds, datasets}); schema 1 had {@code
 * machine} and {@code engines} at the top of {@code provenance} and is upgraded on read.
 *
 * @param schema {@value #SCHEMA}
 * @param spec the spec's name, seed, size, levels and text
 * @param provenance what produced the results
 * @param teachers each task's teacher: its artifact and metrics, or why it failed
 * @param experiments the experiments, in report order
 * @param cells every cell of the grid, in grid order
 */
public record ExperimentResults(
        int schema,
        SpecSummary spec,
        RunProvenance provenance,
        Map<String, Teacher> teachers,
        List<ExperimentSummary> experiments,
        List<CellResult> cells) {

    /** The current {@code results.json} format. */
    public static final int SCHEMA = 2;

    /** File name in the experiment folder. */
    public static final String FILE = "results.json";

    public ExperimentResults {
        teachers = Collections.unmodifiableMap(new LinkedHashMap<>(teachers));
        experiments = List.copyOf(experiments);
        cells = List.copyOf(cells);
    }

    /**
     * The spec as run.
     *
     * @param name spec name
     * @param description one paragraph for the report
     * @param seed the experiment's seed
     * @param imageSize input size in pixels
     * @param levels the fractions of parameters kept
     * @param text the resolved spec text (YAML)
     */
    public record SpecSummary(
            String name,
            String description,
            long seed,
            int imageSize,
            List<Double> levels,
            String text) {
        public SpecSummary {
            levels = List.copyOf(levels);
        }
    }

    /**
     * What produced the results: the {@link Provenance} of the whole run and the run's own fields.
     *
     * @param run when the results were written, by which build, where, with which seed
     * @param startedAt ISO-8601 start of this run (a resumed experiment: of the last run)
     * @param finishedAt ISO-8601 end of this run
     * @param runSeconds wall time of this run
     * @param datasets the data sets used, by name
     */
    public record RunProvenance(
            @JsonUnwrapped Provenance run,
            String startedAt,
            String finishedAt,
            double runSeconds,
            Map<String, DatasetInfo> datasets) {
        public RunProvenance {
            datasets = Collections.unmodifiableMap(new LinkedHashMap<>(datasets));
        }
    }

    /**
     * A data set of the experiment.
     *
     * @param data its provenance ({@code root} relative to the experiment folder when inside it)
     * @param generators whether its fakes come in generator folders
     * @param about what it is, from the spec
     */
    public record DatasetInfo(
            @JsonUnwrapped DataProvenance data, boolean generators, @JsonOptional String about) {}

    /**
     * A task's teacher.
     *
     * @param artifact the model, relative to the experiment folder
     * @param metrics its metrics file (null if it has none, e.g. a given model)
     * @param error why it could not be trained (then the other fields are null)
     */
    public record Teacher(
            @JsonOptional String artifact,
            @JsonOptional ModelMetrics metrics,
            @JsonOptional String error) {}

    /**
     * An experiment of the spec.
     *
     * @param id experiment id
     * @param title heading in the report
     * @param kind compression or transfer
     * @param data the data set whose test split is reported
     * @param from transfer only: the task-A data set
     * @param methods methods, rows of the tables
     * @param extraTests more data sets every cell was evaluated on
     */
    public record ExperimentSummary(
            String id,
            String title,
            String kind,
            String data,
            @JsonOptional String from,
            List<String> methods,
            List<String> extraTests) {
        public ExperimentSummary {
            methods = List.copyOf(methods);
            extraTests = List.copyOf(extraTests);
        }
    }

    /**
     * A cell: its record ({@code cell.json}, at the top level of the JSON object) and its numbers.
     *
     * @param cell the cell's record
     * @param result its metrics file (cells that finished)
     * @param extraResults its evaluations on the extra test sets, by data set
     * @param trainSeconds training time of its model (for the full model: the teacher's); null if
     *     it did not train
     * @param robustnessResults the test split under each of the spec's perturbations (null without
     *     them)
     */
    public record CellResult(
            @JsonUnwrapped CellRecord cell,
            @JsonOptional ModelMetrics result,
            @JsonOptional Map<String, ModelMetrics> extraResults,
            @JsonOptional Double trainSeconds,
            @JsonOptional List<RobustnessMetrics> robustnessResults) {
        public CellResult {
            if (cell.ok() && (result == null || result.test() == null)) {
                throw new IllegalArgumentException(
                        "cell " + cell.id() + " finished but has no test evaluation");
            }
            extraResults =
                    extraResults == null
                            ? null
                            : Collections.unmodifiableMap(new LinkedHashMap<>(extraResults));
            robustnessResults = robustnessResults == null ? null : List.copyOf(robustnessResults);
        }
    }

    /** Writes the results as {@code file}, atomically. */
    public void write(Path file) throws IOException {
        Json.write(file, this);
    }

    /**
     * Reads a {@code results.json} strictly, upgrading schema 1.
     *
     * @throws ArtifactException if the file is missing, of a newer schema, or lacks a field
     */
    public static ExperimentResults read(Path file) {
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new ArtifactException(
                    Files.exists(file)
                            ? file + " is not valid JSON: " + e.getMessage()
                            : file + " is missing; run the experiment (or --resume it) to write it",
                    e);
        }
        int schema = tree.path("schema").asInt(0);
        if (schema < 1 || schema > SCHEMA) {
            throw new ArtifactException(
                    file
                            + " has schema "
                            + tree.path("schema")
                            + ", this build reads 1 to "
                            + SCHEMA
                            + (schema > SCHEMA ? "; upgrade deepfake-edge" : ""));
        }
        if (schema == 1 && tree instanceof ObjectNode o) {
            upgradeFromSchema1(o);
        }
        return Json.readStrict(tree, ExperimentResults.class, file);
    }

    /**
     * Schema 1 kept {@code tool, machine, engines} at the top of {@code provenance}: they move into
     * the {@link Provenance} shape ({@code created_at} is the finish time, {@code seed} the spec's;
     * the threads and the data sets' class names were not recorded).
     */
    static void upgradeFromSchema1(ObjectNode r) {
        JsonNode p = r.path("provenance");
        if (p instanceof ObjectNode prov && !prov.has("environment")) {
            ObjectNode env = Json.MAPPER.createObjectNode();
            env.set("machine", prov.remove("machine"));
            env.set("engines", prov.remove("engines"));
            prov.set("environment", env);
            prov.set("created_at", prov.get("finished_at"));
            prov.set("seed", r.path("spec").get("seed"));
        }
        r.put("schema", SCHEMA);
    }

    /** Gathers the results of an experiment folder from its artifacts' files. */
    static ExperimentResults build(
            Path out,
            ExperimentSpec spec,
            String specText,
            Map<String, Path> datasets,
            Map<String, Path> teachers,
            Map<String, String> teacherErrors,
            List<CellRecord> cells,
            String started,
            double seconds)
            throws IOException {
        Map<String, DatasetInfo> ds = new LinkedHashMap<>();
        for (var e : datasets.entrySet()) {
            DatasetIndex idx = DatasetLoader.open(e.getValue(), DatasetOptions.defaults());
            ds.put(
                    e.getKey(),
                    new DatasetInfo(
                            DataProvenance.of(idx, idx.fingerprint(), rel(out, e.getValue())),
                            idx.hasGenerators(),
                            spec.datasets().get(e.getKey()).about()));
        }
        String finished = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Provenance run = Provenance.of(DjlEngine.environment(), spec.seed());
        RunProvenance prov = new RunProvenance(run, started, finished, seconds, ds);

        Map<String, Teacher> t = new LinkedHashMap<>();
        for (var e : teachers.entrySet()) {
            t.put(
                    e.getKey(),
                    new Teacher(
                            rel(out, e.getValue()),
                            metrics(e.getValue().resolve(ModelArtifact.METRICS)),
                            null));
        }
        teacherErrors.forEach((name, err) -> t.put(name, new Teacher(null, null, err)));

        List<ExperimentSummary> exps = new ArrayList<>();
        for (ExperimentDef e : spec.experiments()) {
            exps.add(
                    new ExperimentSummary(
                            e.id(),
                            e.title(),
                            e.kind(),
                            e.data(),
                            e.from(),
                            e.methods(),
                            e.extraTests()));
        }

        List<CellResult> results = new ArrayList<>();
        for (CellRecord c : cells) {
            if (!c.ok()) {
                results.add(new CellResult(c, null, null, null, null));
                continue;
            }
            ModelMetrics result = ModelMetrics.read(out.resolve(c.metrics()));
            Map<String, ModelMetrics> extra = new LinkedHashMap<>();
            for (var x : c.extraTests().entrySet()) {
                extra.put(x.getKey(), ModelMetrics.read(out.resolve(x.getValue())));
            }
            Double trainSeconds;
            if (c.method().equals(Method.BASELINE)
                    && c.kind().equals(Method.Kind.COMPRESSION.id())) {
                // the full model's training time is the teacher's
                ModelMetrics tm = metrics(out.resolve(c.source()).resolve(ModelArtifact.METRICS));
                trainSeconds = tm == null ? null : tm.trainSeconds();
            } else if (c.options() != null
                    && c.options().get("train_seconds") instanceof Number n) {
                // a chain trained in several steps (or reused a finished cell's training)
                trainSeconds = n.doubleValue();
            } else {
                trainSeconds = result.trainSeconds();
            }
            List<RobustnessMetrics> robustness =
                    c.robustness() == null
                            ? null
                            : Json.readStrict(out.resolve(c.robustness()), EvaluationReport.class)
                                    .robustness();
            results.add(new CellResult(c, result, extra, trainSeconds, robustness));
        }
        return new ExperimentResults(
                SCHEMA,
                new SpecSummary(
                        spec.name(),
                        spec.description(),
                        spec.seed(),
                        spec.imageSize(),
                        spec.levels(),
                        specText),
                prov,
                t,
                exps,
                results);
    }

    /** A model's metrics file, null if it has none (a teacher given by the spec may not). */
    private static ModelMetrics metrics(Path file) {
        return Files.isRegularFile(file) ? ModelMetrics.read(file) : null;
    }

    private static String rel(Path out, Path p) {
        Path a = out.toAbsolutePath().normalize();
        Path b = p.toAbsolutePath().normalize();
        return b.startsWith(a) ? a.relativize(b).toString() : b.toString();
    }
}
