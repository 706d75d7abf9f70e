package org.deepfakeedge.experiment;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.deepfakeedge.ArtifactException;
import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.artifact.ModelArtifact;
import org.deepfakeedge.data.DatasetLoader;
import org.deepfakeedge.data.DatasetOptions;
import org.deepfakeedge.data.synth.ProgressListener;
import org.deepfakeedge.data.synth.SynthSpec;
import org.deepfakeedge.data.synth.SyntheticDatasets;
import org.deepfakeedge.experiment.ExperimentSpec.DatasetDef;
import org.deepfakeedge.experiment.ExperimentSpec.ExperimentDef;
import org.deepfakeedge.io.AtomicFiles;
import org.deepfakeedge.provenance.Json;
import org.deepfakeedge.workflow.Method;
import org.deepfakeedge.workflow.MethodChain;
import org.deepfakeedge.workflow.TrainRequest;
import org.deepfakeedge.workflow.TrainWorkflow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an experiment grid into a folder: data sets, teachers, then every cell; a killed run resumes
 * where it stopped (finished cells are skipped, a teacher's training continues from its
 * checkpoint); a failing cell is recorded with its error and the others go on. Ends by writing
 * {@code results.json}, from which {@code report.ExperimentReport} renders the report.
 *
 * <p>Folder layout: {@code spec.yaml} (the resolved spec), {@code experiment.json}, {@code data/}
 * (built-in data sets), {@code teachers/NAME/}, {@code cells/EXPERIMENT/METHOD-LEVEL/} (artifact,
 * metrics, INT8 export, {@code cell.json}), {@code results.json}, {@code report.md}, {@code
 * report.html}, {@code figures/}.
 */
public final class ExperimentRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ExperimentRunner.class);

    /** Marker of an experiment folder. */
    public static final String MARKER = "experiment.json";

    private ExperimentRunner() {}

    /**
     * What a run did.
     *
     * @param out the experiment folder
     * @param cells cells in the grid
     * @param ran cells run now
     * @param skipped cells finished by an earlier run
     * @param failed cells that failed (recorded, the others went on)
     * @param results {@code results.json}
     * @param seconds wall time of this run
     */
    public record Outcome(
            Path out, int cells, int ran, int skipped, int failed, Path results, double seconds) {}

    /** The cells of a spec, experiment by experiment: the baseline, then methods × levels. */
    public static List<Cell> cells(ExperimentSpec spec) {
        List<Cell> cells = new ArrayList<>();
        for (ExperimentDef e : spec.experiments()) {
            cells.add(new Cell(e.id(), e.kind(), Method.BASELINE, null));
            for (String m : e.methods()) {
                if (MethodChain.parse(e.type(), m).leveled()) {
                    for (double l : spec.levels()) {
                        cells.add(new Cell(e.id(), e.kind(), m, l));
                    }
                } else {
                    cells.add(new Cell(e.id(), e.kind(), m, null));
                }
            }
        }
        return cells;
    }

    /**
     * Runs (or resumes) the experiment.
     *
     * @param loaded the spec and its resolved text
     * @param only experiment ids to run (empty: all)
     * @param out experiment folder
     * @param resume continue the experiment already in {@code out}
     */
    public static Outcome run(
            ExperimentSpec.Loaded loaded,
            List<String> only,
            Path out,
            boolean resume,
            ExperimentListener listener)
            throws IOException {
        long t0 = System.nanoTime();
        String started = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        ExperimentSpec spec = loaded.spec().only(only);
        checkPaths(spec); // before anything is written
        claim(out, loaded, resume);
        Map<String, Path> datasets = prepareData(spec, out);
        Map<String, Path> teachers = new LinkedHashMap<>();
        Map<String, String> teacherErrors = new LinkedHashMap<>();
        for (String name : teacherSources(spec)) {
            try {
                teachers.put(name, teacher(spec, name, datasets.get(name), out, listener));
            } catch (IOException | RuntimeException e) {
                LOG.error("the teacher of data set '{}' failed: {}", name, e.getMessage());
                teacherErrors.put(name, oneLine(e));
            }
        }
        List<Cell> cells = cells(spec);
        Map<String, CellRecord> records = new LinkedHashMap<>();
        for (Cell c : cells) {
            CellRecord r = readRecord(CellRunner.folder(out, c));
            if (r != null && r.ok()) {
                records.put(c.id(), r);
            }
        }
        CellRunner runner =
                new CellRunner(
                        new CellRunner.Context(out, spec, datasets, teachers, records, listener));
        int ran = 0;
        int skipped = 0;
        int failed = 0;
        listener.gridStarted(cells);
        for (int i = 0; i < cells.size(); i++) {
            Cell c = cells.get(i);
            CellRecord done = records.get(c.id());
            if (done != null) {
                skipped++;
                listener.cellSkipped(done, i + 1, cells.size());
                continue;
            }
            ExperimentDef exp =
                    spec.experiments().stream()
                            .filter(e -> e.id().equals(c.experiment()))
                            .findFirst()
                            .orElseThrow();
            listener.cellStarted(c, i + 1, cells.size());
            CellRecord r = runCell(runner, c, exp, out, teacherErrors);
            records.put(c.id(), r);
            ran++;
            if (!r.ok()) {
                failed++;
            }
            listener.cellFinished(r, i + 1, cells.size());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Path results = out.resolve(ExperimentResults.FILE);
        ExperimentResults.build(
                        out,
                        spec,
                        loaded.text(),
                        datasets,
                        teachers,
                        teacherErrors,
                        cells.stream().map(c -> records.get(c.id())).toList(),
                        started,
                        seconds)
                .write(results);
        return new Outcome(out, cells.size(), ran, skipped, failed, results, seconds);
    }

    private static CellRecord runCell(
            CellRunner runner,
            Cell c,
            ExperimentDef exp,
            Path out,
            Map<String, String> teacherErrors)
            throws IOException {
        Path dir = CellRunner.folder(out, c);
        deleteTree(dir); // a cell that did not finish starts again from nothing
        String started = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        long t0 = System.nanoTime();
        CellRecord r;
        String teacherSource = c.transfer() ? exp.from() : exp.data();
        try {
            if (teacherErrors.containsKey(teacherSource)) {
                throw new IllegalStateException(
                        "the teacher of '"
                                + teacherSource
                                + "' failed: "
                                + teacherErrors.get(teacherSource));
            }
            r = runner.run(c, exp);
        } catch (Exception | OutOfMemoryError | StackOverflowError e) {
            LOG.error("cell {} failed: {}", c.id(), oneLine(e));
            Files.createDirectories(dir);
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            AtomicFiles.write(
                    dir.resolve("error.txt"), trace.toString().getBytes(StandardCharsets.UTF_8));
            r =
                    new CellRecord(
                            c.id(),
                            c.experiment(),
                            c.kind(),
                            c.method(),
                            c.level(),
                            "failed",
                            oneLine(e),
                            started,
                            (System.nanoTime() - t0) / 1e9,
                            null,
                            null,
                            null,
                            Map.of(),
                            null,
                            Map.of(),
                            null);
        }
        Json.write(dir.resolve(CellRecord.FILE), r);
        return r;
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String line = m.lines().findFirst().orElse(m);
        return e instanceof InvalidInputException || e instanceof ArtifactException
                ? line
                : e.getClass().getSimpleName() + ": " + line;
    }

    /** Checks that {@code out} is new, or holds this experiment when resuming, and marks it. */
    private static void claim(Path out, ExperimentSpec.Loaded loaded, boolean resume)
            throws IOException {
        Path marker = out.resolve(MARKER);
        String hash = ModelArtifact.sha256(loaded.text().getBytes(StandardCharsets.UTF_8));
        if (Files.isRegularFile(marker)) {
            if (!resume) {
                throw new InvalidInputException(
                        out
                                + " already holds an experiment; add --resume to continue it, or "
                                + "choose another --out");
            }
            String had = Json.MAPPER.readTree(marker.toFile()).path("spec_sha256").asText();
            if (!had.equals(hash)) {
                throw new InvalidInputException(
                        out
                                + " holds an experiment run with another spec (see "
                                + out.resolve("spec.yaml")
                                + "); resume it with that spec, or choose another --out");
            }
            LOG.info("resuming the experiment in {}", out);
            return;
        }
        if (Files.isDirectory(out)) {
            try (Stream<Path> s = Files.list(out)) {
                if (s.findAny().isPresent()) {
                    throw new InvalidInputException(
                            "--out "
                                    + out
                                    + " is not empty and holds no experiment; "
                                    + "choose an empty or new folder");
                }
            }
        }
        Files.createDirectories(out);
        AtomicFiles.write(out.resolve("spec.yaml"), loaded.text().getBytes(StandardCharsets.UTF_8));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("spec", loaded.spec().name());
        m.put("spec_sha256", hash);
        m.put("created_at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        Json.write(marker, m);
    }

    /** Generates built-in data sets (once) and checks that the others exist. */
    static Map<String, Path> prepareData(ExperimentSpec spec, Path out) throws IOException {
        Map<String, Path> paths = new LinkedHashMap<>();
        for (String name : spec.datasetsUsed()) {
            DatasetDef d = spec.datasets().get(name);
            if (d.synth() != null) {
                Path dir = out.resolve("data").resolve(name);
                if (!Files.isRegularFile(dir.resolve("dataset.json"))) {
                    var s = d.synth();
                    SynthSpec ss =
                            new SynthSpec(
                                    spec.imageSize(),
                                    s.count(),
                                    s.seed() != null ? s.seed() : spec.seed(),
                                    s.generator(),
                                    s.valFraction() != null ? s.valFraction() : 0.15,
                                    s.testFraction() != null ? s.testFraction() : 0.15);
                    LOG.info(
                            "writing built-in data set '{}' ({} {} images per class) to {}",
                            name,
                            ss.count(),
                            ss.generator(),
                            dir);
                    deleteTree(dir);
                    SyntheticDatasets.write(ss, dir, ProgressListener.NONE);
                }
                paths.put(name, dir);
            } else {
                paths.put(name, Path.of(d.path()));
            }
        }
        return paths;
    }

    /** Checks the user's data sets: placeholders filled, folders readable by the loader. */
    private static void checkPaths(ExperimentSpec spec) {
        for (String name : spec.datasetsUsed()) {
            DatasetDef d = spec.datasets().get(name);
            if (d.path() == null) {
                continue;
            }
            List<String> missing = ExperimentSpec.placeholders(d.path());
            if (!missing.isEmpty()) {
                throw new InvalidInputException(
                        "data set '"
                                + name
                                + "' needs --set "
                                + missing.get(0)
                                + "=PATH (the folder of "
                                + (d.about() == null ? name : d.about())
                                + ")");
            }
            DatasetLoader.open(
                    Path.of(d.path()),
                    DatasetOptions.defaults()); // fails early with the loader's message
        }
    }

    private static List<String> teacherSources(ExperimentSpec spec) {
        List<String> names = new ArrayList<>();
        for (ExperimentDef e : spec.experiments()) {
            String n = e.type() == Method.Kind.TRANSFER ? e.from() : e.data();
            if (!names.contains(n)) {
                names.add(n);
            }
        }
        return names;
    }

    /**
     * The teacher of a data set: given in the spec, trained earlier, or trained now (resumable).
     */
    private static Path teacher(
            ExperimentSpec spec, String name, Path data, Path out, ExperimentListener listener)
            throws IOException {
        String given = spec.teacher().models().get(name);
        if (given != null) {
            Path p = Path.of(given);
            ModelArtifact.load(p); // fails early with a clear message
            return p;
        }
        Path dir = out.resolve("teachers").resolve(name);
        if (Files.isRegularFile(dir.resolve(ModelArtifact.METRICS))) {
            LOG.info("teacher of '{}' already trained: {}", name, dir);
            return dir;
        }
        TrainWorkflow.run(
                new TrainRequest(
                        data,
                        DatasetOptions.defaults(),
                        spec.teacher().arch(),
                        spec.imageSize(),
                        CellRunner.trainSpec(
                                spec, spec.teacher().epochs(), spec.training().lrScratch()),
                        "imagenet",
                        "stretch",
                        dir,
                        Files.isDirectory(dir.resolve(TrainWorkflow.CHECKPOINT)),
                        true),
                listener.training("teacher on " + name));
        return dir;
    }

    private static CellRecord readRecord(Path cellDir) {
        Path f = cellDir.resolve(CellRecord.FILE);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            return Json.MAPPER.readValue(f.toFile(), CellRecord.class);
        } catch (IOException e) {
            LOG.warn("{} is unreadable ({}); the cell runs again", f, e.getMessage());
            return null;
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
