package org.deepfakeedge.workflow;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.artifact.ArtifactKind;
import org.deepfakeedge.artifact.ArtifactManifest;
import org.deepfakeedge.artifact.HistoryEntry;
import org.deepfakeedge.artifact.ModelArtifact;
import org.deepfakeedge.artifact.Preprocessors;
import org.deepfakeedge.compress.distill.DistillationObjective;
import org.deepfakeedge.compress.distill.Teacher;
import org.deepfakeedge.compress.distill.TeacherRuntime;
import org.deepfakeedge.compress.distill.TeacherViews;
import org.deepfakeedge.compress.lowrank.FactorizeResult;
import org.deepfakeedge.compress.lowrank.SvdFactorizer;
import org.deepfakeedge.compress.prune.MagnitudePruner;
import org.deepfakeedge.compress.prune.PruneResult;
import org.deepfakeedge.compress.prune.StructuredPruneResult;
import org.deepfakeedge.compress.prune.StructuredPruner;
import org.deepfakeedge.compress.quantize.DynamicLinearQuantizer;
import org.deepfakeedge.compress.quantize.QuantizationMode;
import org.deepfakeedge.compress.quantize.QuantizeResult;
import org.deepfakeedge.data.DatasetIndex;
import org.deepfakeedge.data.DatasetLoader;
import org.deepfakeedge.data.Split;
import org.deepfakeedge.engine.DjlEngine;
import org.deepfakeedge.export.Int8Exporter;
import org.deepfakeedge.model.ModelSpec;
import org.deepfakeedge.model.ModelZoo;
import org.deepfakeedge.model.WeightInit;
import org.deepfakeedge.model.Weights;
import org.deepfakeedge.provenance.DataProvenance;
import org.deepfakeedge.provenance.Json;
import org.deepfakeedge.provenance.Provenance;
import org.deepfakeedge.provenance.Timing;
import org.deepfakeedge.runtime.Detector;
import org.deepfakeedge.train.DetectorTrainer;
import org.deepfakeedge.train.TrainListener;
import org.deepfakeedge.train.TrainResult;
import org.deepfakeedge.train.TrainingPlan;

/**
 * The compression commands as library calls: each reads a model artifact, transforms (spec,
 * weights), optionally trains, and saves a new artifact whose lineage names the method, its options
 * and the source; quality before and after comes from the same {@link Evaluator} as {@code
 * evaluate}.
 */
public final class CompressionWorkflow {
    private final CompressionOptions options;
    private final TrainListener listener;

    public CompressionWorkflow(CompressionOptions options, TrainListener listener) {
        this.options = options;
        this.listener = listener == null ? TrainListener.NONE : listener;
    }

    /** Magnitude pruning (unstructured, local or global), optionally fine-tuned with masks kept. */
    public CompressionOutcome prune(Path model, double keep, boolean global) throws IOException {
        long t0 = System.nanoTime();
        ModelArtifact src = load(model);
        PruneResult p = MagnitudePruner.prune(src.manifest().spec(), src.weights(), keep, global);
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put("keep", keep);
        opts.put("amount", 1 - keep);
        opts.put("scope", global ? "global" : "local");
        opts.put("structured", false);
        opts.put("criterion", "l1-unstructured");
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("sparsity", p.sparsity());
        return run(
                Step.simple(
                        "prune",
                        ArtifactKind.PRUNED,
                        src,
                        new Step.Model(p.spec(), p.weights()),
                        p.masks(),
                        options.fineTuneEpochs(),
                        opts,
                        details),
                t0);
    }

    /** Structured pruning: whole filters and neurons removed, a smaller dense model. */
    public CompressionOutcome pruneStructured(Path model, double keep) throws IOException {
        long t0 = System.nanoTime();
        ModelArtifact src = load(model);
        StructuredPruneResult p =
                StructuredPruner.prune(src.manifest().spec(), src.weights(), keep);
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put("keep", keep);
        opts.put("structured", true);
        opts.put("criterion", "l1-norm of filters / neurons");
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("kept_per_layer", p.keptPerLayer());
        details.put("skipped_layers", p.skipped());
        return run(
                Step.simple(
                        "prune",
                        ArtifactKind.PRUNED,
                        src,
                        new Step.Model(p.spec(), p.weights()),
                        Map.of(),
                        options.fineTuneEpochs(),
                        opts,
                        details),
                t0);
    }

    /** Knowledge distillation of a zoo student from the teacher artifact. */
    public CompressionOutcome distill(
            Path teacherDir,
            String studentArch,
            double temperature,
            double kdWeight,
            TeacherViews views,
            TeacherRuntime teacherRuntime)
            throws IOException {
        long t0 = System.nanoTime();
        if (options.data() == null) {
            throw new InvalidInputException(
                    "distill needs --data: the student learns from the teacher on that data");
        }
        if (!(temperature > 0)) {
            throw new InvalidInputException("--temperature must be > 0, found " + temperature);
        }
        if (!(kdWeight >= 0 && kdWeight <= 1)) {
            throw new InvalidInputException("--kd-weight must be in [0,1], found " + kdWeight);
        }
        ModelArtifact teacher = load(teacherDir);
        ModelSpec student = ModelZoo.build(studentArch, teacher.manifest().spec().imageSize());
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put("student", student.arch());
        opts.put("temperature", temperature);
        opts.put("kd_weight", kdWeight);
        opts.put("loss", "w*T^2*KL(p_t||p_s) + (1-w)*CE, batch mean");
        opts.put("teacher_views", views.id());
        DjlEngine.start(options.train().threads());
        try (DistillationObjective kd =
                new DistillationObjective(
                        Teacher.open(teacher.manifest().spec(), teacher.weights(), teacherRuntime),
                        temperature,
                        kdWeight,
                        views)) {
            opts.put("teacher_runtime", kd.teacherRuntime().id());
            Weights init = WeightInit.pytorchDefault(student, options.train().seed());
            return run(
                    new Step(
                            "distill",
                            ArtifactKind.DISTILLED,
                            teacher,
                            new Step.Model(student, init),
                            n -> true,
                            Set.of(),
                            Map.of(),
                            kd,
                            options.train().epochs(),
                            java.util.function.UnaryOperator.identity(),
                            opts,
                            new LinkedHashMap<>(),
                            false,
                            false),
                    t0);
        }
    }

    /** The paper's dynamic INT8 quantization of the linear layers. */
    public CompressionOutcome quantize(Path model) throws IOException {
        long t0 = System.nanoTime();
        ModelArtifact src = load(model);
        QuantizeResult q = DynamicLinearQuantizer.quantize(src.manifest().spec(), src.weights());
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put("mode", QuantizationMode.DYNAMIC_LINEAR.id());
        opts.put("weights", "int8 per-tensor symmetric, scale = max|W|/127.5");
        opts.put("activations", "int8 per row, dynamic, scale = max|x|/127");
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("scales", q.scales());
        return run(
                Step.simple(
                        "quantize",
                        ArtifactKind.QUANTIZED,
                        src,
                        new Step.Model(q.spec(), q.weights()),
                        Map.of(),
                        0,
                        opts,
                        details),
                t0);
    }

    /**
     * Quantization-aware fine-tuning: the model trained on for {@link
     * CompressionOptions#fineTuneEpochs()} epochs with its convolutions and linear layers on
     * fake-quantized weights and inputs (the static INT8 export's grids), so that the weights it
     * keeps survive that export. The artifact is fp32; export it with {@code export --int8}.
     */
    public CompressionOutcome quantizeAwareFinetune(Path model) throws IOException {
        long t0 = System.nanoTime();
        ModelArtifact src = load(model);
        if (options.fineTuneEpochs() < 1) {
            throw new InvalidInputException(
                    "quantization-aware fine-tuning needs at least 1 epoch, found "
                            + options.fineTuneEpochs());
        }
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put(
                "fake_quant_weights",
                "int8 symmetric per output channel, scale = max|W|/" + Int8Exporter.WEIGHT_MAX);
        opts.put("fake_quant_inputs", "uint8 asymmetric per tensor over the batch's range");
        opts.put("gradient", "straight-through");
        return run(
                Step.simple(
                                "qat-finetune",
                                ArtifactKind.FINETUNED,
                                src,
                                new Step.Model(src.manifest().spec(), src.weights()),
                                Map.of(),
                                options.fineTuneEpochs(),
                                opts,
                                new LinkedHashMap<>())
                        .withFakeQuant(),
                t0);
    }

    /** Truncated-SVD factorization of one linear layer, optionally fine-tuned. */
    public CompressionOutcome factorize(Path model, String layer, int rank, double energy)
            throws IOException {
        long t0 = System.nanoTime();
        ModelArtifact src = load(model);
        FactorizeResult f =
                SvdFactorizer.factorize(src.manifest().spec(), src.weights(), layer, rank, energy);
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put("layer", f.layer());
        opts.put("rank", f.rank());
        if (rank == 0) {
            opts.put("energy", energy);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("rank", f.rank());
        details.put("retained_energy", f.retainedEnergy());
        details.put("layer_params_before", f.paramsBefore());
        details.put("layer_params_after", f.paramsAfter());
        return run(
                Step.simple(
                        "factorize",
                        ArtifactKind.LOWRANK,
                        src,
                        new Step.Model(f.spec(), f.weights()),
                        Map.of(),
                        options.fineTuneEpochs(),
                        opts,
                        details),
                t0);
    }

    /** Runs a step: train if asked, post-process, save with lineage, evaluate before and after. */
    CompressionOutcome run(Step step, long t0) throws IOException {
        ModelArtifact src = step.source();
        Path out = options.out();
        if (ModelArtifact.exists(out) && !options.force()) {
            throw new InvalidInputException(
                    "--out "
                            + out
                            + " already holds a model; choose another folder or add --force");
        }
        if (out.toAbsolutePath().normalize().equals(src.dir().toAbsolutePath().normalize())) {
            throw new InvalidInputException(
                    "--out must differ from the source model folder " + src.dir());
        }
        DatasetIndex data =
                options.data() == null ? null : DatasetLoader.open(options.data(), options.split());
        String dataFingerprint = data == null ? null : data.fingerprint(); // reads every file: once
        if (step.epochs() > 0 && data == null) {
            throw new InvalidInputException(step.method() + " trains, so it needs --data");
        }
        Map<String, Object> opts = step.options();
        // the derived model is uncalibrated (ArtifactManifest.derive): the threshold on raw p
        double threshold = src.manifest().withTemperature(1.0).threshold();
        TrainResult tr = null;
        Step.Model model = step.model();
        if (step.epochs() > 0) {
            var ts = options.train().withEpochs(step.epochs());
            DetectorTrainer trainer =
                    new DetectorTrainer(
                            ts, Preprocessors.of(src.manifest().preprocessing()), listener);
            TrainingPlan plan =
                    new TrainingPlan(
                            model.spec(),
                            model.weights(),
                            step.trainable(),
                            step.inferenceLayers(),
                            step.masks(),
                            step.objective(),
                            step.fakeQuant());
            tr =
                    trainer.train(
                            plan, data.split(Split.TRAIN), data.split(Split.VAL), null, false, "");
            model = new Step.Model(model.spec(), tr.weights());
            threshold = tr.threshold();
            opts.put("train", Json.MAPPER.convertValue(ts, Map.class));
        }
        model = step.after().apply(model);
        Provenance prov = Provenance.of(DjlEngine.environment(), options.train().seed());
        if (data != null) {
            prov = prov.withData(DataProvenance.of(data, dataFingerprint));
        }
        if (tr != null) {
            prov = prov.withTiming(new Timing(tr.trainSeconds(), null, tr.bestEpoch(), null));
        }
        HistoryEntry entry =
                new HistoryEntry(
                        step.method(),
                        opts,
                        Provenance.timestamp(),
                        src.manifest().artifactId(),
                        src.dir().toString());
        ArtifactManifest m =
                src.manifest()
                        .derive(step.kind().id(), model.spec(), entry, prov)
                        .withThreshold(threshold);
        if (step.newTask()) {
            m = m.withClassNames(data.classNames());
        }
        ModelArtifact saved = ModelArtifact.save(out, m, model.weights());
        EvaluationReport before = null;
        EvaluationReport after = null;
        if (data != null && !data.split(Split.TEST).isEmpty()) {
            int bs = options.train().batchSize();
            int th = options.train().threads();
            if (options.scoreSource()) {
                try (Detector d = Detector.forArtifact(src, options.train().threads())) {
                    before = Evaluator.evaluate(d, data, dataFingerprint, Split.TEST, null, bs, th);
                }
            }
            try (Detector d = Detector.forArtifact(saved, options.train().threads())) {
                after =
                        Evaluator.evaluate(
                                d,
                                data,
                                dataFingerprint,
                                Split.TEST,
                                out.resolve("roc.svg"),
                                bs,
                                th);
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        MetricsFile.write(
                saved, after, tr, new ModelMetrics.StepRecord(step.method(), secs, step.details()));
        return new CompressionOutcome(
                step.method(), src, saved, before, after, secs, step.details());
    }

    private static ModelArtifact load(Path dir) {
        return ModelArtifact.load(dir);
    }
}
