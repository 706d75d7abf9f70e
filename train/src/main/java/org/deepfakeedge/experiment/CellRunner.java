package org.deepfakeedge.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.artifact.ModelArtifact;
import org.deepfakeedge.bench.BenchReport;
import org.deepfakeedge.bench.BenchResult;
import org.deepfakeedge.bench.BenchSpec;
import org.deepfakeedge.bench.LatencyBenchmark;
import org.deepfakeedge.compress.distill.TeacherRuntime;
import org.deepfakeedge.compress.distill.TeacherViews;
import org.deepfakeedge.data.DatasetIndex;
import org.deepfakeedge.data.DatasetLoader;
import org.deepfakeedge.data.DatasetOptions;
import org.deepfakeedge.data.Split;
import org.deepfakeedge.experiment.ExperimentSpec.ExperimentDef;
import org.deepfakeedge.experiment.ExperimentSpec.TrainingDef;
import org.deepfakeedge.export.Int8Exporter;
import org.deepfakeedge.export.Int8Options;
import org.deepfakeedge.perturb.Perturbation;
import org.deepfakeedge.provenance.Json;
import org.deepfakeedge.runtime.Detector;
import org.deepfakeedge.train.TrainSpec;
import org.deepfakeedge.workflow.CompressionOptions;
import org.deepfakeedge.workflow.CompressionOutcome;
import org.deepfakeedge.workflow.CompressionWorkflow;
import org.deepfakeedge.workflow.EvaluationReport;
import org.deepfakeedge.workflow.Evaluator;
import org.deepfakeedge.workflow.Method;
import org.deepfakeedge.workflow.MethodChain;
import org.deepfakeedge.workflow.ModelMetrics;
import org.deepfakeedge.workflow.TrainRequest;
import org.deepfakeedge.workflow.TrainWorkflow;
import org.deepfakeedge.workflow.TransferSpec;
import org.deepfakeedge.workflow.TransferWorkflow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one cell: makes its model with the same library calls as the single commands ({@code prune},
 * {@code distill}, {@code transfer}, ...), evaluates it on the experiment's test data and the extra
 * test sets, and measures its fp32 and INT8 latency. Everything goes into the cell's folder; the
 * caller writes {@code cell.json} last.
 */
final class CellRunner {
    private static final Logger LOG = LoggerFactory.getLogger(CellRunner.class);

    /** What the runner needs from the experiment. */
    record Context(
            Path out,
            ExperimentSpec spec,
            Map<String, Path> datasets,
            Map<String, Path> teachers,
            Map<String, CellRecord> finished,
            ExperimentListener listener) {}

    private final Context ctx;

    CellRunner(Context ctx) {
        this.ctx = ctx;
    }

    /** The folder of a cell. */
    static Path folder(Path out, Cell cell) {
        return out.resolve("cells").resolve(cell.experiment()).resolve(cell.folder());
    }

    /** Runs the cell and returns its record (status ok); exceptions mean the cell failed. */
    CellRecord run(Cell cell, ExperimentDef exp) throws IOException {
        long t0 = System.nanoTime();
        String started = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Path dir = folder(ctx.out(), cell);
        Files.createDirectories(dir);
        Path data = ctx.datasets().get(exp.data());
        Path teacher = ctx.teachers().get(cell.transfer() ? exp.from() : exp.data());
        Made made = make(cell, exp, dir, data, teacher);

        Map<String, String> extra = new LinkedHashMap<>();
        for (String x : exp.extraTests()) {
            Path file = dir.resolve("extra-" + x + ".json");
            EvaluationReport r = evaluate(made.artifact(), ctx.datasets().get(x), null);
            Json.write(file, r.toJson());
            extra.put(x, rel(file));
        }
        String robustness = null;
        List<Perturbation> perturbations = ctx.spec().robustness().perturbations();
        if (!perturbations.isEmpty()) {
            Path file = dir.resolve("robustness.json");
            Json.write(file, robustness(made.artifact(), data, perturbations).toJson());
            robustness = rel(file);
        }
        CellRecord.Bench bench =
                ctx.spec().bench().enabled() ? bench(made.artifact(), data, dir) : null;
        double secs = (System.nanoTime() - t0) / 1e9;
        return new CellRecord(
                cell.id(),
                cell.experiment(),
                cell.kind(),
                cell.method(),
                cell.level(),
                "ok",
                null,
                started,
                secs,
                rel(made.artifact()),
                rel(made.metrics()),
                rel(made.source()),
                made.settings(),
                bench,
                extra,
                robustness);
    }

    /** The model a cell made, its metrics file, what it came from and the settings used. */
    private record Made(Path artifact, Path metrics, Path source, Map<String, Object> settings) {}

    private Made make(Cell cell, ExperimentDef exp, Path dir, Path data, Path teacher)
            throws IOException {
        if (cell.method().equals(Method.BASELINE)) {
            Path metrics = dir.resolve("metrics.json");
            Json.write(metrics, evaluate(teacher, data, null).toJson());
            return new Made(teacher, metrics, teacher, new LinkedHashMap<>());
        }
        Method.Kind kind = Method.Kind.parse(cell.kind());
        MethodChain chain = MethodChain.parse(kind, cell.method());
        if (chain.isChain()) {
            return chain(cell, exp, chain, dir, data, teacher);
        }
        Options o = new Options(ExperimentSpec.stepOptions(exp, cell.method(), 0));
        return step(cell, exp, chain.single(), cell.level(), cell.id(), o, dir, data, teacher);
    }

    /**
     * A chain cell: each step runs on the model the step before made, in its own folder ({@code
     * step-1-prune-finetune}, ...). The longest prefix that is itself a finished cell of the
     * experiment, at the same level with the same options, is not run again: its model is the next
     * step's input (so {@code prune-finetune+quantize-static-int8} costs one INT8 export when the
     * grid has {@code prune-finetune}).
     */
    private Made chain(
            Cell cell, ExperimentDef exp, MethodChain chain, Path dir, Path data, Path teacher)
            throws IOException {
        List<Map<String, Object>> steps = new ArrayList<>();
        Map<String, Object> settings = new LinkedHashMap<>();
        Path source = teacher;
        int start = 0;
        double trainSeconds = 0;
        for (int k = chain.steps().size() - 1; k >= 1; k--) {
            MethodChain prefix = chain.prefix(k);
            CellRecord done =
                    exp.methods().contains(prefix.id())
                            ? ctx.finished()
                                    .get(
                                            new Cell(
                                                            exp.id(),
                                                            cell.kind(),
                                                            prefix.id(),
                                                            prefix.leveled() ? cell.level() : null)
                                                    .id())
                            : null;
            if (done != null && done.ok() && sameSteps(exp, prefix, cell.method(), cell.level())) {
                source = ctx.out().resolve(done.artifact());
                start = k;
                settings.put("reused", done.id());
                for (int i = 0; i < k; i++) {
                    steps.add(
                            stepRecord(
                                    chain.steps().get(i),
                                    stepLevel(exp, cell.method(), cell.level(), i),
                                    source));
                }
                ModelMetrics m = metrics(ctx.out().resolve(done.metrics()));
                trainSeconds += m == null || m.trainSeconds() == null ? 0 : m.trainSeconds();
                break;
            }
        }
        Made made = null;
        for (int i = start; i < chain.steps().size(); i++) {
            Method m = chain.steps().get(i);
            Map<String, Object> opts = trainingOptions(exp, cell.method(), i);
            Double level = stepLevel(exp, cell.method(), cell.level(), i);
            Path stepDir = dir.resolve("step-" + (i + 1) + "-" + m.id());
            Files.createDirectories(stepDir);
            made =
                    step(
                            cell,
                            exp,
                            m,
                            level,
                            cell.id() + " step " + (i + 1) + " " + m.id(),
                            new Options(opts),
                            stepDir,
                            data,
                            source);
            Map<String, Object> record = stepRecord(m, level, made.artifact());
            record.put("settings", made.settings());
            steps.add(record);
            ModelMetrics mm = metrics(made.metrics());
            trainSeconds += mm == null || mm.trainSeconds() == null ? 0 : mm.trainSeconds();
            source = made.artifact();
        }
        settings.put("steps", steps);
        settings.put("train_seconds", trainSeconds);
        return new Made(made.artifact(), made.metrics(), teacher, settings);
    }

    private Map<String, Object> stepRecord(Method m, Double level, Path artifact) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("method", m.id());
        if (level != null) {
            r.put("level", level);
        }
        r.put("artifact", rel(artifact));
        return r;
    }

    /**
     * The level step {@code i} of {@code method} (a method or chain of {@code exp}) runs at in a
     * cell at {@code level}: none for a method that runs once, the step's {@code keep} option when
     * set, else the cell's level.
     */
    private static Double stepLevel(ExperimentDef exp, String method, Double level, int i) {
        if (!MethodChain.find(method).steps().get(i).leveled()) {
            return null;
        }
        Object keep = ExperimentSpec.stepOptions(exp, method, i).get(ExperimentSpec.KEEP);
        return keep instanceof Number n ? n.doubleValue() : level;
    }

    /** A step's options without {@code keep}, which {@link #stepLevel} accounts for. */
    private static Map<String, Object> trainingOptions(ExperimentDef exp, String method, int i) {
        Map<String, Object> o = new LinkedHashMap<>(ExperimentSpec.stepOptions(exp, method, i));
        o.remove(ExperimentSpec.KEEP);
        return o;
    }

    /**
     * True if the cell {@code prefix} of the experiment ran the first steps of {@code chain} as the
     * chain would: same options and same level, step by step.
     */
    private static boolean sameSteps(
            ExperimentDef exp, MethodChain prefix, String chain, Double level) {
        for (int i = 0; i < prefix.steps().size(); i++) {
            if (!trainingOptions(exp, prefix.id(), i).equals(trainingOptions(exp, chain, i))
                    || !java.util.Objects.equals(
                            stepLevel(exp, prefix.id(), level, i),
                            stepLevel(exp, chain, level, i))) {
                return false;
            }
        }
        return true;
    }

    private static ModelMetrics metrics(Path file) {
        return file != null && Files.isRegularFile(file) ? ModelMetrics.read(file) : null;
    }

    /** One method at one level, writing into {@code dir}: a cell, or a step of a chain cell. */
    private Made step(
            Cell cell,
            ExperimentDef exp,
            Method method,
            Double level,
            String label,
            Options o,
            Path dir,
            Path data,
            Path teacher)
            throws IOException {
        TrainingDef t = ctx.spec().training();
        Path model = dir.resolve("model");
        Map<String, Object> settings = new LinkedHashMap<>(o.values);
        if (method == Method.SCRATCH) {
            return scratch(cell, level, label, o, model, data, settings);
        }
        if (cell.transfer()) {
            return transfer(cell, exp, method, o, dir, model, data, teacher, settings);
        }
        // exhaustive: a new compression method fails to compile here until it is handled
        switch (method) {
            case PRUNE, PRUNE_FINETUNE, PRUNE_STRUCTURED -> {
                int epochs = method == Method.PRUNE ? 0 : o.integer("epochs", t.finetuneEpochs());
                double lr = o.real("lr", t.lrPruneFinetune());
                CompressionWorkflow wf =
                        workflow(model, data, Math.max(1, epochs), epochs, lr, label);
                if (method == Method.PRUNE_STRUCTURED) {
                    wf.pruneStructured(teacher, level);
                } else {
                    wf.prune(teacher, level, "global".equals(o.text("scope", "local")));
                }
                settings.put("fine_tune_epochs", epochs);
                if (epochs > 0) {
                    settings.put("lr", lr);
                }
            }
            case DISTILL -> {
                int epochs = o.integer("epochs", t.distillEpochs());
                double lr = o.real("lr", t.lrStudent());
                workflow(model, data, epochs, 0, lr, label)
                        .distill(
                                teacher,
                                Method.studentFor(level),
                                o.real("temperature", t.temperature()),
                                o.real("kd_weight", t.kdWeight()),
                                TeacherViews.parse(o.text("teacher_views", "mirror")),
                                TeacherRuntime.parse(o.text("teacher_runtime", "onnx")));
                settings.put("epochs", epochs);
                settings.put("lr", lr);
            }
            case QUANTIZE_AWARE_INT8 -> {
                int epochs = o.integer("epochs", t.finetuneEpochs());
                double lr = o.real("lr", t.lrFinetune());
                Path qat = dir.resolve("qat-fp32");
                CompressionOutcome tuned =
                        workflow(qat, data, Math.max(1, epochs), epochs, lr, label)
                                .quantizeAwareFinetune(teacher);
                settings.put("epochs", epochs);
                settings.put("lr", lr);
                ModelMetrics m = metrics(qat.resolve(ModelArtifact.METRICS));
                settings.put("train_seconds", m == null ? null : m.trainSeconds());
                settings.put(
                        "fp32_accuracy_after_qat",
                        tuned.after() == null ? null : tuned.after().evaluation().accuracy());
                return staticInt8(o, dir, data, qat, settings);
            }
            case TEACHER_AUGMENTED -> {
                return augmentedTeacher(o, model, data, settings, label);
            }
            case QUANTIZE_DYNAMIC_LINEAR ->
                    workflow(model, data, 1, 0, t.lrFinetune(), label).quantize(teacher);
            case QUANTIZE_STATIC_INT8 -> {
                return staticInt8(o, dir, data, teacher, settings);
            }
            case LOWRANK -> {
                int epochs = o.integer("epochs", 0);
                int rank = o.integer("rank", o.values.containsKey("energy") ? 0 : t.rank());
                workflow(
                                model,
                                data,
                                Math.max(1, epochs),
                                epochs,
                                o.real("lr", t.lrFinetune()),
                                label)
                        .factorize(teacher, o.text("layer", null), rank, o.real("energy", 0));
            }
            case SCRATCH,
                    FINETUNE,
                    PRUNE_ADAPTER,
                    DISTILL_ADAPTER,
                    QUANTIZE_FINETUNE,
                    FACTORIZE_FINETUNE ->
                    throw new InvalidInputException(method.id() + " is not a compression method");
        }
        return new Made(model, model.resolve(ModelArtifact.METRICS), teacher, settings);
    }

    /** A transfer cell: the teacher of task A moves to task B. */
    private Made transfer(
            Cell cell,
            ExperimentDef exp,
            Method method,
            Options o,
            Path dir,
            Path model,
            Path data,
            Path teacher,
            Map<String, Object> settings)
            throws IOException {
        TrainingDef t = ctx.spec().training();
        Double level = cell.level();
        double lr = o.real("lr", method.trainsNewWeights() ? t.lrScratch() : t.lrFinetune());
        Path source = teacher;
        if (method == Method.DISTILL_ADAPTER) {
            source = distilledStudent(exp, level, dir, cell.id());
        }
        List<String> trainable = o.list("trainable");
        TransferSpec ts =
                new TransferSpec(
                        method,
                        trainable,
                        o.text("adapter_after", null),
                        level == null ? 1.0 : level,
                        "global".equals(o.text("scope", "local")),
                        level == null ? null : Method.studentFor(level),
                        o.real("temperature", t.temperature()),
                        o.real("kd_weight", t.transferKdWeight()),
                        o.integer("rank", o.values.containsKey("energy") ? 0 : t.rank()),
                        o.real("energy", 0));
        int epochs = o.integer("epochs", t.transferEpochs());
        new TransferWorkflow(
                        options(model, data, epochs, 0, lr), ctx.listener().training(cell.id()))
                .run(source, ts);
        settings.put("epochs", epochs);
        settings.put("lr", lr);
        return new Made(model, model.resolve(ModelArtifact.METRICS), source, settings);
    }

    /**
     * The task-A student a {@code distill-adapter} cell starts from: the distill cell of a
     * compression experiment on the same task A at the same level if it finished, else distilled
     * here.
     */
    private Path distilledStudent(ExperimentDef exp, double level, Path dir, String label)
            throws IOException {
        for (ExperimentDef e : ctx.spec().experiments()) {
            if (e.kind().equals(Method.Kind.COMPRESSION.id())
                    && e.data().equals(exp.from())
                    && e.methods().contains(Method.DISTILL.id())) {
                CellRecord r =
                        ctx.finished()
                                .get(
                                        new Cell(
                                                        e.id(),
                                                        Method.Kind.COMPRESSION.id(),
                                                        Method.DISTILL.id(),
                                                        level)
                                                .id());
                if (r != null && r.ok()) {
                    return ctx.out().resolve(r.artifact());
                }
            }
        }
        TrainingDef t = ctx.spec().training();
        Path student = dir.resolve("student-a");
        workflow(
                        student,
                        ctx.datasets().get(exp.from()),
                        t.distillEpochs(),
                        0,
                        t.lrStudent(),
                        label + " (task A)")
                .distill(
                        ctx.teachers().get(exp.from()),
                        Method.studentFor(level),
                        t.temperature(),
                        t.kdWeight(),
                        TeacherViews.MIRROR,
                        TeacherRuntime.ONNX);
        return student;
    }

    private Made scratch(
            Cell cell,
            Double level,
            String label,
            Options o,
            Path model,
            Path data,
            Map<String, Object> settings)
            throws IOException {
        TrainingDef t = ctx.spec().training();
        String arch = Method.studentFor(level);
        int epochs = o.integer("epochs", cell.transfer() ? t.transferEpochs() : t.distillEpochs());
        // the control of a compression grid trains as `train --arch student-*` does; on task B as
        // the other new weights of the transfer grid
        double lr = o.real("lr", cell.transfer() ? t.lrScratch() : t.lrStudent());
        TrainSpec ts = trainSpec(epochs, lr);
        TrainWorkflow.run(
                new TrainRequest(
                        data,
                        DatasetOptions.defaults(),
                        arch,
                        ctx.spec().imageSize(),
                        ts,
                        "imagenet",
                        "stretch",
                        model,
                        false,
                        true),
                ctx.listener().training(label));
        settings.put("arch", arch);
        settings.put("epochs", epochs);
        settings.put("lr", lr);
        return new Made(model, model.resolve(ModelArtifact.METRICS), null, settings);
    }

    /**
     * The teacher's training again (architecture, epochs, learning rate and seed of the spec's
     * teacher) with robustness augmentation instead of the grid's.
     */
    private Made augmentedTeacher(
            Options o, Path model, Path data, Map<String, Object> settings, String label)
            throws IOException {
        ExperimentSpec spec = ctx.spec();
        int epochs = o.integer("epochs", spec.teacher().epochs());
        String augment = o.text("augment", Method.ROBUST_AUGMENTATION);
        double lr = spec.training().lrScratch();
        TrainWorkflow.run(
                new TrainRequest(
                        data,
                        DatasetOptions.defaults(),
                        spec.teacher().arch(),
                        spec.imageSize(),
                        trainSpec(spec, epochs, lr, augment),
                        "imagenet",
                        "stretch",
                        model,
                        false,
                        true),
                ctx.listener().training(label));
        settings.put("arch", spec.teacher().arch());
        settings.put("epochs", epochs);
        settings.put("lr", lr);
        settings.put("augment", augment);
        return new Made(model, model.resolve(ModelArtifact.METRICS), null, settings);
    }

    private Made staticInt8(
            Options o, Path dir, Path data, Path teacher, Map<String, Object> settings)
            throws IOException {
        Path file = dir.resolve("model.onnx");
        // by default as the bench's INT8 exports: with int8_layer_timing off, no INT8 plan (and no
        // result of these cells) depends on how fast this CPU ran each layer
        boolean timing =
                Boolean.parseBoolean(
                        o.text(
                                "layer_timing",
                                String.valueOf(ctx.spec().bench().int8LayerTiming())));
        Int8Options io =
                new Int8Options(
                        data,
                        o.integer("calibration_count", ctx.spec().bench().calibrationCount()),
                        Int8Options.Method.parse(o.text("calibration_method", "minmax")),
                        Set.copyOf(o.list("keep_fp32")),
                        timing,
                        ctx.spec().bench().threads());
        Int8Exporter.Result r = Int8Exporter.export(ModelArtifact.load(teacher), io, file);
        settings.put("layer_timing", timing);
        settings.put("fp32_layers", r.fp32Layers());
        settings.put("calibration_images", r.calibrationImages());
        settings.put("agreement_with_fp32", r.vsFp32().agreement());
        Path metrics = dir.resolve("metrics.json");
        Json.write(metrics, evaluate(file, data, null).toJson());
        return new Made(file, metrics, teacher, settings);
    }

    /**
     * The model's test split scored clean and under each perturbation (as {@code evaluate
     * --perturb}): the robustness and the calibration the report compares across cells.
     */
    private EvaluationReport robustness(Path model, Path data, List<Perturbation> perturbations)
            throws IOException {
        TrainingDef t = ctx.spec().training();
        DatasetIndex index = DatasetLoader.open(data, DatasetOptions.defaults());
        try (Detector d = Detector.load(model)) {
            return Evaluator.evaluate(
                    d,
                    index,
                    index.fingerprint(),
                    Split.TEST,
                    null,
                    t.batchSize(),
                    t.threads(),
                    perturbations);
        }
    }

    private EvaluationReport evaluate(Path model, Path data, Path rocSvg) throws IOException {
        TrainingDef t = ctx.spec().training();
        DatasetIndex index = DatasetLoader.open(data, DatasetOptions.defaults());
        try (Detector d = Detector.load(model)) {
            return Evaluator.evaluate(d, index, Split.TEST, rocSvg, t.batchSize(), t.threads());
        }
    }

    /**
     * Times the artifact on ONNX Runtime at batch 1, together with its static INT8 export (one
     * interleaved run, so both see the same machine noise). A failed INT8 export leaves the fp32
     * figures and records why.
     */
    private CellRecord.Bench bench(Path artifact, Path data, Path dir) {
        ExperimentSpec.BenchDef b = ctx.spec().bench();
        boolean isOnnx = artifact.getFileName().toString().endsWith(".onnx");
        String error = null;
        Int8Exporter.Result int8 = null;
        if (b.int8() && !isOnnx) {
            try {
                int8 =
                        Int8Exporter.export(
                                ModelArtifact.load(artifact),
                                new Int8Options(
                                        data,
                                        b.calibrationCount(),
                                        Int8Options.Method.MINMAX,
                                        Set.of(),
                                        b.int8LayerTiming(),
                                        b.threads()),
                                dir.resolve("model-int8.onnx"));
            } catch (IOException | RuntimeException e) {
                error = "INT8 export failed: " + e.getMessage();
                LOG.warn("{}: {}", artifact, error);
            }
        }
        List<String> models = new ArrayList<>();
        models.add(artifact.toString());
        if (int8 != null) {
            models.add(int8.file().toString());
        }
        try {
            BenchReport rep =
                    LatencyBenchmark.run(
                            new BenchSpec(
                                    models,
                                    "onnx",
                                    ctx.spec().imageSize(),
                                    List.of(1),
                                    b.threads(),
                                    b.warmup(),
                                    b.iterations(),
                                    ctx.spec().seed()));
            BenchResult first = rep.results().get(0);
            BenchResult q = int8 != null ? rep.results().get(1) : isOnnx ? first : null;
            BenchResult f = isOnnx ? null : first;
            return new CellRecord.Bench(
                    first.threads(),
                    f == null ? null : f.p50Millis(),
                    f == null ? null : f.p95Millis(),
                    f == null ? null : f.modelBytes(),
                    q == null ? null : q.p50Millis(),
                    q == null ? null : q.p95Millis(),
                    q == null ? null : q.modelBytes(),
                    int8 == null ? null : int8.fp32Layers(),
                    int8 == null ? null : int8.vsFp32().agreement(),
                    int8 == null ? null : rel(int8.file()),
                    error);
        } catch (RuntimeException e) {
            LOG.warn("{}: benchmark failed: {}", artifact, e.getMessage());
            return new CellRecord.Bench(
                    b.threads(),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    "benchmark failed: " + e.getMessage());
        }
    }

    private CompressionWorkflow workflow(
            Path out, Path data, int epochs, int fineTune, double lr, String label) {
        return new CompressionWorkflow(
                options(out, data, epochs, fineTune, lr), ctx.listener().training(label));
    }

    private CompressionOptions options(Path out, Path data, int epochs, int fineTune, double lr) {
        // the source's test metrics are its own cell's (the baseline), not scored again per cell
        return new CompressionOptions(
                out, true, data, DatasetOptions.defaults(), trainSpec(epochs, lr), fineTune, false);
    }

    private TrainSpec trainSpec(int epochs, double lr) {
        return trainSpec(ctx.spec(), epochs, lr);
    }

    /** The training settings of every step of the grid: Adam, cosine decay, the spec's seed. */
    static TrainSpec trainSpec(ExperimentSpec spec, int epochs, double lr) {
        return trainSpec(spec, epochs, lr, spec.training().augmentation());
    }

    /** As {@link #trainSpec(ExperimentSpec, int, double)} with another augmentation. */
    static TrainSpec trainSpec(ExperimentSpec spec, int epochs, double lr, String augmentation) {
        TrainingDef t = spec.training();
        return new TrainSpec(
                Math.max(1, epochs),
                t.batchSize(),
                lr,
                0,
                "adam",
                "cosine",
                spec.seed(),
                augmentation,
                "auc",
                0,
                0,
                t.threads(),
                1024);
    }

    private String rel(Path p) {
        return p == null
                ? null
                : ctx.out()
                        .toAbsolutePath()
                        .normalize()
                        .relativize(p.toAbsolutePath().normalize())
                        .toString();
    }

    /** Typed access to a method's options from the spec, with the spec's defaults. */
    private record Options(Map<String, Object> values) {
        int integer(String key, int dflt) {
            Object v = values.get(key);
            if (v == null) {
                return dflt;
            }
            if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
                return n.intValue();
            }
            throw new InvalidInputException(
                    "option " + key + " must be a whole number, found " + v);
        }

        double real(String key, double dflt) {
            Object v = values.get(key);
            if (v == null) {
                return dflt;
            }
            if (v instanceof Number n) {
                return n.doubleValue();
            }
            throw new InvalidInputException("option " + key + " must be a number, found " + v);
        }

        String text(String key, String dflt) {
            Object v = values.get(key);
            return v == null ? dflt : v.toString();
        }

        List<String> list(String key) {
            Object v = values.get(key);
            if (v == null) {
                return List.of();
            }
            if (v instanceof List<?> l) {
                return l.stream().map(Object::toString).toList();
            }
            return List.of(v.toString().split(","));
        }
    }
}
