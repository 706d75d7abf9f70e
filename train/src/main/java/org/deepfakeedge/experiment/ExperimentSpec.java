package org.deepfakeedge.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.model.ModelZoo;
import org.deepfakeedge.train.Recipes;
import org.deepfakeedge.workflow.Method;
import org.deepfakeedge.workflow.MethodChain;

/**
 * An experiment grid as written in a YAML spec file: the data sets, the teacher's training, the
 * methods × levels of every experiment, and how artifacts are benchmarked.
 *
 * <p>Specs may use {@code ${NAME}} placeholders (paths to the user's data sets); they are filled
 * from {@code --set NAME=VALUE} and reported by name when a data set that uses one is missing.
 *
 * @param name spec name (recorded in results)
 * @param description one paragraph for the report
 * @param seed master seed of data generation, initialisation and training
 * @param imageSize model input size (multiple of 32)
 * @param levels the fractions of parameters kept, in the paper's order (0.4, 0.3, 0.2, 0.1)
 * @param datasets data sets by name
 * @param teacher how each task's teacher is obtained
 * @param training settings of every training step of the grid
 * @param experiments the experiments, in report order
 * @param bench how each artifact's CPU latency is measured
 * @param robustness the perturbations every cell is also evaluated under (none by default)
 */
public record ExperimentSpec(
        String name,
        String description,
        Long seed,
        Integer imageSize,
        List<Double> levels,
        Map<String, DatasetDef> datasets,
        TeacherDef teacher,
        TrainingDef training,
        List<ExperimentDef> experiments,
        BenchDef bench,
        RobustnessDef robustness) {

    /** The built-in specs, shipped as resources. */
    public static final List<String> BUILT_IN =
            List.of("demo", "paper-mini", "paper", "robustness-mini");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");

    private static final ObjectMapper YAML =
            YAMLMapper.builder(new YAMLFactory())
                    .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .build();

    /**
     * A data set: a folder in any layout the loader reads, or built-in synthetic data generated
     * under the experiment folder.
     *
     * @param path data set folder or CSV manifest (may hold placeholders)
     * @param synth synthetic data settings
     * @param about what the data set is, for the report
     */
    public record DatasetDef(String path, SynthDef synth, String about) {}

    /**
     * Built-in synthetic data.
     *
     * @param generator checkerboard, smooth, spectral, mixed or shapes
     * @param count images per class
     * @param seed generator seed (default: the spec's)
     * @param valFraction fraction of each class in val (default 0.15)
     * @param testFraction fraction of each class in test (default 0.15)
     */
    public record SynthDef(
            String generator, Integer count, Long seed, Double valFraction, Double testFraction) {}

    /**
     * The teacher of a task.
     *
     * @param arch architecture (the paper's {@code teacher}; any zoo name)
     * @param epochs training epochs
     * @param models already-trained teachers by data set name (skips training them)
     */
    public record TeacherDef(String arch, Integer epochs, Map<String, String> models) {}

    /**
     * Training settings of the grid's steps.
     *
     * @param batchSize batch size
     * @param finetuneEpochs epochs of fine-tuning after pruning, structured pruning or low-rank
     * @param distillEpochs epochs of distillation (and of students trained from scratch)
     * @param transferEpochs epochs of every transfer method on task B
     * @param lrFinetune learning rate when trained weights are tuned (low rank, and transfer
     *     fine-tuning)
     * @param lrScratch learning rate when new weights learn on task B (transfer: adapters,
     *     students)
     * @param lrStudent learning rate of the students of compression cells (distill, scratch), as
     *     {@code distill} and {@code train --arch student-*} use by default ({@link
     *     Recipes#STUDENT_LR})
     * @param lrPruneFinetune learning rate of the fine-tuning after pruning (prune-finetune,
     *     prune-structured), as {@code prune} uses by default ({@link Recipes#PRUNE_FINETUNE_LR})
     * @param temperature distillation temperature
     * @param kdWeight weight of the teacher's term when compressing
     * @param transferKdWeight weight of the teacher's term on task B (smaller: B's labels count
     *     more)
     * @param rank low-rank factorization rank
     * @param augmentation training augmentation
     * @param threads CPU threads (0 = all cores)
     */
    public record TrainingDef(
            Integer batchSize,
            Integer finetuneEpochs,
            Integer distillEpochs,
            Integer transferEpochs,
            Double lrFinetune,
            Double lrScratch,
            Double lrStudent,
            Double lrPruneFinetune,
            Double temperature,
            Double kdWeight,
            Double transferKdWeight,
            Integer rank,
            String augmentation,
            Integer threads) {

        /**
         * Fields left out of the spec take the defaults: batch 32, 2/4/3 epochs, lr 1e-4 and 3e-4,
         * the recipes' student and prune fine-tuning rates (1e-3, 3e-4), T 2, rank 6.
         */
        public TrainingDef {
            batchSize = batchSize != null ? batchSize : 32;
            finetuneEpochs = finetuneEpochs != null ? finetuneEpochs : 2;
            distillEpochs = distillEpochs != null ? distillEpochs : 4;
            transferEpochs = transferEpochs != null ? transferEpochs : 3;
            lrFinetune = lrFinetune != null ? lrFinetune : 1e-4;
            lrScratch = lrScratch != null ? lrScratch : 3e-4;
            lrStudent = lrStudent != null ? lrStudent : Recipes.STUDENT_LR;
            lrPruneFinetune = lrPruneFinetune != null ? lrPruneFinetune : Recipes.PRUNE_FINETUNE_LR;
            temperature = temperature != null ? temperature : 2.0;
            kdWeight = kdWeight != null ? kdWeight : 0.5;
            transferKdWeight = transferKdWeight != null ? transferKdWeight : 0.3;
            rank = rank != null ? rank : 6;
            augmentation = augmentation != null ? augmentation : "flip";
            threads = threads != null ? threads : 0;
        }

        /** All defaults. */
        public static TrainingDef defaults() {
            return new TrainingDef(
                    null, null, null, null, null, null, null, null, null, null, null, null, null,
                    null);
        }
    }

    /**
     * One experiment: one table of the report.
     *
     * @param id short name, used in folder names
     * @param title heading in the report
     * @param kind {@code compression} (the teacher of {@code data}) or {@code transfer} (the
     *     teacher of {@code from} moved to {@code data})
     * @param data the data set the cells train on and are tested on
     * @param from transfer only: the task-A data set
     * @param methods methods, rows of the table, see {@link Method}
     * @param extraTests more data sets whose test splits every cell is evaluated on (per-generator
     *     tables for multi-generator sets)
     * @param options per-method option overrides, see {@link Method#options()}
     */
    public record ExperimentDef(
            String id,
            String title,
            String kind,
            String data,
            String from,
            List<String> methods,
            List<String> extraTests,
            Map<String, Map<String, Object>> options) {

        /** The kind as a type. */
        public Method.Kind type() {
            return Method.Kind.parse(kind);
        }
    }

    /**
     * Latency measurement of every artifact (ONNX Runtime, batch 1).
     *
     * @param enabled measure at all
     * @param int8 also export each artifact to static INT8 (calibrated on its training data) and
     *     time it
     * @param int8LayerTiming let the INT8 export measure each layer and keep slower ones fp32 (as
     *     {@code export --int8} does by default); off = the rule-based plan only, faster and
     *     reproducible
     * @param threads intra-op threads (0 = all cores)
     * @param warmup untimed runs
     * @param iterations timed runs
     * @param calibrationCount INT8 calibration images
     */
    public record BenchDef(
            Boolean enabled,
            Boolean int8,
            Boolean int8LayerTiming,
            Integer threads,
            Integer warmup,
            Integer iterations,
            Integer calibrationCount) {
        /**
         * Fields left out take the defaults: on, with INT8, all cores, 5 warm-up and 30 timed runs,
         * 32 images.
         */
        public BenchDef {
            enabled = enabled != null ? enabled : true;
            int8 = int8 != null ? int8 : true;
            int8LayerTiming = int8LayerTiming != null ? int8LayerTiming : true;
            threads = threads != null ? threads : 0;
            warmup = warmup != null ? warmup : 5;
            iterations = iterations != null ? iterations : 30;
            calibrationCount = calibrationCount != null ? calibrationCount : 32;
        }

        /** All defaults. */
        public static BenchDef defaults() {
            return new BenchDef(null, null, null, null, null, null, null);
        }
    }

    /**
     * Robustness evaluation of every cell: its test split scored again under each perturbation,
     * with the syntax of {@code evaluate --perturb} (docs/robustness.md).
     *
     * @param perturb perturbation specs, e.g. {@code jpeg:90,70,50}, {@code resize:0.5}, {@code
     *     social}; empty for none
     */
    public record RobustnessDef(List<String> perturb) {
        public RobustnessDef {
            perturb = perturb == null ? List.of() : List.copyOf(perturb);
        }

        /** No perturbations. */
        public static RobustnessDef none() {
            return new RobustnessDef(List.of());
        }

        /** The parsed perturbations, in report order. */
        public List<org.deepfakeedge.perturb.Perturbation> perturbations() {
            return org.deepfakeedge.perturb.PerturbationParser.parseAll(perturb);
        }
    }

    /** Fills defaults and validates the whole spec; messages name the spec field. */
    public ExperimentSpec {
        name = name == null || name.isBlank() ? "experiment" : name;
        seed = seed != null ? seed : 42L;
        imageSize = imageSize != null ? imageSize : 64;
        description = description == null ? "" : description.strip();
        levels = levels == null ? List.of(0.4, 0.3, 0.2, 0.1) : List.copyOf(levels);
        datasets = datasets == null ? Map.of() : new LinkedHashMap<>(datasets);
        teacher = teacher == null ? new TeacherDef("teacher", 10, Map.of()) : teacher;
        teacher =
                new TeacherDef(
                        teacher.arch() == null ? "teacher" : teacher.arch(),
                        teacher.epochs() == null ? 10 : teacher.epochs(),
                        teacher.models() == null ? Map.of() : Map.copyOf(teacher.models()));
        training = training == null ? TrainingDef.defaults() : training;
        bench = bench == null ? BenchDef.defaults() : bench;
        robustness = robustness == null ? RobustnessDef.none() : robustness;
        try {
            robustness.perturbations();
        } catch (InvalidInputException e) {
            throw new InvalidInputException(
                    "experiment spec: robustness.perturb: " + e.getMessage(), e);
        }
        experiments = experiments == null ? List.of() : List.copyOf(experiments);
        validate(imageSize, levels, datasets, teacher, training, experiments, bench);
        List<ExperimentDef> filled = new ArrayList<>();
        for (ExperimentDef e : experiments) {
            filled.add(
                    new ExperimentDef(
                            e.id(),
                            e.title() == null ? e.id() : e.title(),
                            e.kind().toLowerCase(Locale.ROOT),
                            e.data(),
                            e.from(),
                            e.methods().stream().map(m -> MethodChain.find(m).id()).toList(),
                            e.extraTests() == null ? List.of() : List.copyOf(e.extraTests()),
                            canonicalOptions(e.options())));
        }
        experiments = List.copyOf(filled);
    }

    private static void validate(
            int imageSize,
            List<Double> levels,
            Map<String, DatasetDef> datasets,
            TeacherDef teacher,
            TrainingDef t,
            List<ExperimentDef> experiments,
            BenchDef bench) {
        check(
                imageSize >= 32 && imageSize % 32 == 0,
                "image_size must be a positive multiple of 32, found " + imageSize);
        check(!levels.isEmpty(), "levels must list at least one fraction");
        for (double l : levels) {
            check(l > 0 && l < 1, "levels must be fractions kept in (0,1), found " + l);
        }
        check(
                ModelZoo.contains(teacher.arch()),
                "teacher.arch must be one of " + ModelZoo.NAMES + ", found " + teacher.arch());
        check(teacher.epochs() >= 1, "teacher.epochs must be >= 1, found " + teacher.epochs());
        for (String d : teacher.models().keySet()) {
            check(
                    datasets.containsKey(d),
                    "teacher.models names data set '" + d + "', which datasets does not define");
        }
        check(t.batchSize() >= 1, "training.batch_size must be >= 1");
        check(
                t.finetuneEpochs() >= 0 && t.distillEpochs() >= 1 && t.transferEpochs() >= 1,
                "training: finetune_epochs must be >= 0, distill_epochs and transfer_epochs >= 1");
        check(
                t.lrFinetune() > 0
                        && t.lrScratch() > 0
                        && t.lrStudent() > 0
                        && t.lrPruneFinetune() > 0,
                "training: lr_finetune, lr_scratch, lr_student and lr_prune_finetune must be > 0");
        check(t.temperature() > 0, "training.temperature must be > 0");
        check(
                t.kdWeight() >= 0
                        && t.kdWeight() <= 1
                        && t.transferKdWeight() >= 0
                        && t.transferKdWeight() <= 1,
                "training: kd_weight and transfer_kd_weight must be in [0,1]");
        check(t.rank() >= 1, "training.rank must be >= 1");
        check(
                bench.warmup() >= 0
                        && bench.iterations() >= 1
                        && bench.calibrationCount() >= 1
                        && bench.threads() >= 0,
                "bench: warmup >= 0, iterations >= 1, calibration_count >= 1, threads >= 0");
        datasets.forEach(
                (name, d) -> {
                    check(
                            d != null && (d.path() == null) != (d.synth() == null),
                            "datasets." + name + " needs exactly one of path or synth");
                    if (d.synth() != null) {
                        check(
                                d.synth().generator() != null,
                                "datasets." + name + ".synth.generator is required");
                        check(
                                d.synth().count() != null && d.synth().count() >= 1,
                                "datasets." + name + ".synth.count must be >= 1");
                    }
                });
        check(!experiments.isEmpty(), "experiments must list at least one experiment");
        Set<String> ids = new LinkedHashSet<>();
        for (ExperimentDef e : experiments) {
            check(
                    e.id() != null && e.id().matches("[A-Za-z0-9][A-Za-z0-9_.-]*"),
                    "every experiment needs an id of letters, digits, '-', '_' or '.', found "
                            + e.id());
            check(ids.add(e.id()), "experiment id '" + e.id() + "' is used twice");
            String where = "experiments." + e.id();
            check(
                    e.kind() != null
                            && Method.Kind.ids().contains(e.kind().toLowerCase(Locale.ROOT)),
                    where + ".kind must be one of " + Method.Kind.ids() + ", found " + e.kind());
            Method.Kind kind = Method.Kind.parse(e.kind());
            check(
                    e.data() != null && datasets.containsKey(e.data()),
                    where
                            + ".data must name a data set of datasets "
                            + datasets.keySet()
                            + ", found "
                            + e.data());
            if (kind == Method.Kind.TRANSFER) {
                check(
                        e.from() != null && datasets.containsKey(e.from()),
                        where + ".from must name the task-A data set, found " + e.from());
            } else {
                check(e.from() == null, where + ".from is for transfer experiments only");
            }
            check(
                    e.methods() != null && !e.methods().isEmpty(),
                    where + ".methods must list at least one method");
            Map<String, MethodChain> seen = new LinkedHashMap<>();
            for (String name : e.methods()) {
                MethodChain m;
                try {
                    m = MethodChain.parse(kind, name);
                } catch (InvalidInputException x) {
                    throw new InvalidInputException(
                            "experiment spec: " + where + ": " + x.getMessage(), x);
                }
                check(
                        seen.put(m.id(), m) == null,
                        where + ": method " + m.id() + " is listed twice");
                if (m.trainsStudent()) {
                    for (double l : levels) {
                        check(
                                ModelZoo.contains(Method.studentFor(l)),
                                where
                                        + ": "
                                        + m.id()
                                        + " trains the paper's student "
                                        + "of each level, and there is none for level "
                                        + l
                                        + " (students: 0.4, 0.3, 0.2, 0.1)");
                    }
                }
            }
            if (e.extraTests() != null) {
                for (String x : e.extraTests()) {
                    check(
                            datasets.containsKey(x),
                            where + ".extra_tests names unknown data set '" + x + "'");
                }
            }
            if (e.options() != null) {
                e.options()
                        .forEach(
                                (name, opts) -> {
                                    MethodChain m = MethodChain.find(name);
                                    check(
                                            m != null && seen.containsKey(m.id()),
                                            where
                                                    + ".options."
                                                    + name
                                                    + ": "
                                                    + name
                                                    + " is not one of its methods");
                                    if (m.isChain()) {
                                        checkChainOptions(where + ".options." + name, m, opts);
                                    } else {
                                        checkOptions(where + ".options." + name, m.single(), opts);
                                    }
                                });
            }
        }
    }

    private static void checkOptions(String where, Method m, Map<String, Object> opts) {
        if (opts != null && opts.get("augment") != null) {
            try {
                org.deepfakeedge.data.Augmentation.parse(opts.get("augment").toString());
            } catch (InvalidInputException e) {
                throw new InvalidInputException(
                        "experiment spec: " + where + ".augment: " + e.getMessage(), e);
            }
        }
        for (String k : opts == null ? Set.<String>of() : opts.keySet()) {
            check(
                    m.options().contains(k),
                    where
                            + ": unknown option '"
                            + k
                            + "'; "
                            + m.id()
                            + " takes "
                            + new TreeSet<>(m.options()));
        }
    }

    /**
     * A chain's options are one block per step, keyed by the step's method name; a pruning step may
     * also set {@value #KEEP}, the fraction of its input's weights it keeps (default: the cell's
     * level).
     */
    private static void checkChainOptions(
            String where, MethodChain chain, Map<String, Object> opts) {
        for (var entry : (opts == null ? Map.<String, Object>of() : opts).entrySet()) {
            Method step = Method.find(entry.getKey());
            check(
                    step != null && chain.steps().contains(step),
                    where
                            + ": '"
                            + entry.getKey()
                            + "' is not a step of the chain; options of a chain are one block"
                            + " per step, keyed by "
                            + chain.steps().stream().map(Method::id).toList());
            check(
                    entry.getValue() == null || entry.getValue() instanceof Map<?, ?>,
                    where + "." + entry.getKey() + " must be a block of options");
            Map<String, Object> block = stepBlock(entry.getValue());
            Map<String, Object> rest = new LinkedHashMap<>(block);
            Object keep = rest.remove(KEEP);
            if (keep != null) {
                check(
                        step.leveled() && !step.trainsStudent(),
                        where + "." + step.id() + ": keep is for pruning steps");
                check(
                        keep instanceof Number n && n.doubleValue() > 0 && n.doubleValue() < 1,
                        where
                                + "."
                                + step.id()
                                + ".keep must be a fraction in (0,1), found "
                                + keep);
            }
            checkOptions(where + "." + step.id(), step, rest);
        }
    }

    /** Option of a chain's pruning step: the fraction of its input's weights kept. */
    public static final String KEEP = "keep";

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stepBlock(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    /**
     * Option blocks keyed by the methods' current names (a spec may use a former name); a chain's
     * step blocks keyed by their steps' current names.
     */
    private static Map<String, Map<String, Object>> canonicalOptions(
            Map<String, Map<String, Object>> options) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        if (options != null) {
            options.forEach(
                    (name, opts) -> {
                        MethodChain chain = MethodChain.find(name);
                        Map<String, Object> o = opts == null ? Map.of() : opts;
                        if (chain.isChain()) {
                            Map<String, Object> steps = new LinkedHashMap<>();
                            o.forEach((k, v) -> steps.put(Method.find(k).id(), stepBlock(v)));
                            o = java.util.Collections.unmodifiableMap(steps);
                        }
                        out.put(chain.id(), o);
                    });
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    /**
     * The options of step {@code index} of the method or chain {@code method} of {@code exp}: the
     * method's block for a single method, the step's block inside the chain's block for a chain.
     */
    public static Map<String, Object> stepOptions(ExperimentDef exp, String method, int index) {
        MethodChain chain = MethodChain.find(method);
        Map<String, Object> block = exp.options().getOrDefault(chain.id(), Map.of());
        if (block == null) {
            return Map.of();
        }
        if (!chain.isChain()) {
            return block;
        }
        return stepBlock(block.get(chain.steps().get(index).id()));
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new InvalidInputException("experiment spec: " + message);
        }
    }

    /** The data set names the selected experiments need, task A's first. */
    public Set<String> datasetsUsed() {
        Set<String> used = new LinkedHashSet<>();
        for (ExperimentDef e : experiments) {
            if (e.from() != null) {
                used.add(e.from());
            }
            used.add(e.data());
            used.addAll(e.extraTests());
        }
        return used;
    }

    /** Returns the spec with only the named experiments (all when {@code ids} is empty). */
    /**
     * Returns the spec with every CPU thread count (training, benchmarks) set to {@code threads} (0
     * = all cores): the {@code --threads} of the command line wins over the file.
     */
    public ExperimentSpec withThreads(int threads) {
        check(threads >= 0, "--threads must be >= 0, found " + threads);
        TrainingDef t = training;
        TrainingDef tt =
                new TrainingDef(
                        t.batchSize(),
                        t.finetuneEpochs(),
                        t.distillEpochs(),
                        t.transferEpochs(),
                        t.lrFinetune(),
                        t.lrScratch(),
                        t.lrStudent(),
                        t.lrPruneFinetune(),
                        t.temperature(),
                        t.kdWeight(),
                        t.transferKdWeight(),
                        t.rank(),
                        t.augmentation(),
                        threads);
        BenchDef b = bench;
        BenchDef bb =
                new BenchDef(
                        b.enabled(),
                        b.int8(),
                        b.int8LayerTiming(),
                        threads,
                        b.warmup(),
                        b.iterations(),
                        b.calibrationCount());
        return new ExperimentSpec(
                name,
                description,
                seed,
                imageSize,
                levels,
                datasets,
                teacher,
                tt,
                experiments,
                bb,
                robustness);
    }

    public ExperimentSpec only(List<String> ids) {
        if (ids == null || ids.isEmpty()) {
            return this;
        }
        List<ExperimentDef> keep = new ArrayList<>();
        for (String id : ids) {
            keep.add(
                    experiments.stream()
                            .filter(e -> e.id().equals(id))
                            .findFirst()
                            .orElseThrow(
                                    () ->
                                            new InvalidInputException(
                                                    "--only: no experiment '"
                                                            + id
                                                            + "' in spec "
                                                            + name
                                                            + "; it has "
                                                            + experiments.stream()
                                                                    .map(ExperimentDef::id)
                                                                    .toList())));
        }
        return new ExperimentSpec(
                name,
                description,
                seed,
                imageSize,
                levels,
                datasets,
                teacher,
                training,
                keep,
                bench,
                robustness);
    }

    /**
     * Reads a spec: a built-in name ({@link #BUILT_IN}) or a YAML file, with placeholders filled
     * from {@code params}.
     *
     * @return the spec and its resolved text (stored with the results)
     */
    public static Loaded load(String specOrFile, Map<String, String> params) {
        String text;
        if (BUILT_IN.contains(specOrFile)) {
            text = builtInText(specOrFile);
        } else {
            Path file = Path.of(specOrFile);
            if (!Files.isRegularFile(file)) {
                throw new InvalidInputException(
                        "--spec "
                                + specOrFile
                                + " is neither a file nor a built-in spec "
                                + BUILT_IN);
            }
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new InvalidInputException(
                        "cannot read --spec " + file + ": " + e.getMessage());
            }
        }
        return parse(text, params, specOrFile);
    }

    /** Parses spec text; {@code source} names it in errors. */
    public static Loaded parse(String text, Map<String, String> params, String source) {
        String resolved = substitute(text, params);
        try {
            ExperimentSpec spec = YAML.readValue(resolved, ExperimentSpec.class);
            if (spec == null) {
                throw new InvalidInputException("experiment spec " + source + " is empty");
            }
            return new Loaded(spec, resolved);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidInputException(
                    "experiment spec "
                            + source
                            + ": unknown field '"
                            + e.getPropertyName()
                            + "' at "
                            + e.getPathReference()
                            + "; fields there: "
                            + e.getKnownPropertyIds());
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InvalidInputException iie) {
                throw new InvalidInputException(
                        iie.getMessage()
                                .replace("experiment spec:", "experiment spec " + source + ":"));
            }
            throw new InvalidInputException(
                    "experiment spec "
                            + source
                            + " is not valid: "
                            + e.getOriginalMessage()
                            + (e.getLocation() == null
                                    ? ""
                                    : " (line " + e.getLocation().getLineNr() + ")"));
        }
    }

    /** A parsed spec and its text with placeholders filled. */
    public record Loaded(ExperimentSpec spec, String text) {}

    /** Returns the text of a built-in spec. */
    public static String builtInText(String name) {
        try (InputStream in =
                ExperimentSpec.class.getResourceAsStream("/experiments/" + name + ".yaml")) {
            if (in == null) {
                throw new IllegalStateException(
                        "built-in spec " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read built-in spec " + name, e);
        }
    }

    /**
     * Replaces {@code ${NAME}} with {@code params.get(NAME)}; unknown names are left as they are.
     */
    static String substitute(String text, Map<String, String> params) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = params.get(m.group(1));
            m.appendReplacement(sb, Matcher.quoteReplacement(v != null ? v : m.group()));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** Returns the placeholder names left in {@code s}. */
    static List<String> placeholders(String s) {
        List<String> names = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(s == null ? "" : s);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
