package org.deepfakeedge.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.data.Augmentation;
import org.deepfakeedge.data.Batch;
import org.deepfakeedge.data.BatchLoader;
import org.deepfakeedge.data.ImagePreprocessor;
import org.deepfakeedge.data.Sample;
import org.deepfakeedge.engine.DjlEngine;
import org.deepfakeedge.engine.DjlNetwork;
import org.deepfakeedge.engine.Gradients;
import org.deepfakeedge.eval.ConfusionMatrix;
import org.deepfakeedge.eval.RocCurve;
import org.deepfakeedge.eval.ThresholdPolicy;
import org.deepfakeedge.model.Tensor;
import org.deepfakeedge.model.Weights;
import org.deepfakeedge.runtime.DatasetScorer;
import org.deepfakeedge.runtime.DatasetScores;
import org.deepfakeedge.runtime.Scorer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link TrainingPlan} on DJL's PyTorch engine: mini-batch loop, validation every epoch,
 * best-epoch selection, atomic checkpoints, resume, and the decision threshold.
 *
 * <p>Memory stays bounded: every batch runs in its own NDManager scope that is closed after the
 * optimizer step. Not thread-safe; one run at a time per instance.
 */
public final class DetectorTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(DetectorTrainer.class);

    private final TrainSpec spec;
    private final ImagePreprocessor preprocessor;
    private final TrainListener listener;

    /** Creates a trainer for these settings and input preprocessing. */
    public DetectorTrainer(TrainSpec spec, ImagePreprocessor preprocessor, TrainListener listener) {
        this.spec = spec;
        this.preprocessor = preprocessor;
        this.listener = listener == null ? TrainListener.NONE : listener;
    }

    /**
     * Runs the plan.
     *
     * @param train training samples
     * @param val validation samples (best epoch and threshold are chosen on them)
     * @param checkpointDir where per-epoch checkpoints go (null: none)
     * @param resume continue from the checkpoint in {@code checkpointDir}
     * @param runFingerprint identifies the run; a checkpoint of another run is refused
     */
    public TrainResult train(
            TrainingPlan plan,
            List<Sample> train,
            List<Sample> val,
            Path checkpointDir,
            boolean resume,
            String runFingerprint)
            throws IOException {
        if (train.isEmpty()) {
            throw new InvalidInputException("the training split is empty; check --data");
        }
        Engine engine = DjlEngine.start(spec.threads());
        int threads =
                spec.threads() > 0 ? spec.threads() : Runtime.getRuntime().availableProcessors();
        long cacheBytes = (long) spec.cacheMb() << 20;
        try (DjlNetwork net = DjlNetwork.create(plan.spec(), plan.initial(), plan.fakeQuant());
                BatchLoader loader =
                        new BatchLoader(
                                train,
                                preprocessor,
                                Augmentation.parse(spec.augmentation()),
                                spec.batchSize(),
                                true,
                                spec.seed(),
                                threads,
                                cacheBytes);
                // one validation loader for the run, so decoded validation images stay cached
                BatchLoader valLoader =
                        DatasetScorer.inOrder(
                                val, preprocessor, spec.batchSize(), threads, cacheBytes)) {
            Map<String, Parameter> params = net.parameters();
            Map<String, NDArray> trainable = new LinkedHashMap<>();
            for (var e : params.entrySet()) {
                boolean t = plan.trainable().test(e.getKey()) && !isRunningStat(e.getKey());
                e.getValue().getArray().setRequiresGradient(t);
                if (t) {
                    trainable.put(e.getKey(), e.getValue().getArray());
                }
            }
            if (trainable.isEmpty()) {
                throw new InvalidInputException(
                        "nothing to train: no parameter is trainable in this plan");
            }
            Map<String, NDArray> masks = new LinkedHashMap<>();
            NDManager root = net.newScope();
            for (var e : plan.masks().entrySet()) {
                Tensor m = e.getValue();
                NDArray mask = root.create(m.data(), params.get(e.getKey()).getArray().getShape());
                masks.put(e.getKey(), mask);
                params.get(e.getKey()).getArray().muli(mask);
            }
            Set<Integer> inferenceIdx = new HashSet<>();
            for (int i = 0; i < plan.spec().layers().size(); i++) {
                if (plan.inferenceLayers().contains(plan.spec().layers().get(i).name())) {
                    inferenceIdx.add(i);
                }
            }
            Optimizer opt = new Optimizer(spec.optimizer(), spec.weightDecay(), root);
            List<EpochRecord> history = new ArrayList<>();
            int startEpoch = 1;
            int bestEpoch = 0;
            double bestScore = Double.NEGATIVE_INFINITY;
            double seconds = 0;
            long images = 0;
            Weights best = null;
            if (resume && checkpointDir != null && Checkpoint.exists(checkpointDir)) {
                Checkpoint c = Checkpoint.load(checkpointDir);
                if (!c.fingerprint().equals(runFingerprint)) {
                    throw new InvalidInputException(
                            "the checkpoint in "
                                    + checkpointDir
                                    + " belongs to a run with other settings or data; resume with the same options, or drop --resume");
                }
                net.load(Checkpoint.weights(checkpointDir, "current.bin"));
                opt.restore(Checkpoint.weights(checkpointDir, "optimizer.bin"));
                if (c.bestEpoch() > 0) {
                    best = Checkpoint.weights(checkpointDir, "best.bin");
                }
                history.addAll(c.epochs());
                startEpoch = c.epochsDone() + 1;
                bestEpoch = c.bestEpoch();
                bestScore = c.bestScore();
                seconds = c.trainSeconds();
                images = c.imagesSeen();
                LOG.info(
                        "resuming from epoch {} of {} ({})",
                        startEpoch,
                        spec.epochs(),
                        checkpointDir);
            } else if (resume) {
                LOG.warn(
                        "--resume given but no checkpoint in {}; starting from scratch",
                        checkpointDir);
            }
            int batches = (train.size() + spec.batchSize() - 1) / spec.batchSize();
            if (spec.maxBatches() > 0) {
                batches = Math.min(batches, spec.maxBatches());
            }
            long totalSteps = (long) batches * spec.epochs();
            int sinceBest = history.isEmpty() ? 0 : history.size() - bestEpoch;
            boolean stoppedEarly = false;
            Scorer scorer = (x, n) -> Scorer.softmaxClass1(net.logits(x, n), n);
            for (int epoch = startEpoch; epoch <= spec.epochs(); epoch++) {
                long t0 = System.nanoTime();
                // dropout randomness per epoch: a resumed run draws the same masks as an unbroken
                // one
                engine.setRandomSeed((int) (spec.seed() * 1_000_003L + epoch));
                listener.onEpochStart(epoch, spec.epochs(), batches);
                PhaseTimer phases = new PhaseTimer();
                Iterator<Batch> it = loader.epoch(epoch - 1);
                double lossSum = 0;
                long correct = 0;
                long seen = 0;
                double lr = spec.lrAt(0);
                for (int b = 0; b < batches && it.hasNext(); b++) {
                    Batch batch = it.next();
                    phases.charge(PhaseTimer.Phase.DATA);
                    long step = (long) (epoch - 1) * batches + b;
                    lr = spec.lrAt((double) step / totalSteps);
                    double[] lossAcc =
                            step(net, plan, batch, trainable, masks, inferenceIdx, opt, lr, phases);
                    lossSum += lossAcc[0] * batch.size();
                    correct += Math.round(lossAcc[1] * batch.size());
                    seen += batch.size();
                    if (!Double.isFinite(lossAcc[0])) {
                        throw new TrainingDivergedException(
                                "training diverged at epoch "
                                        + epoch
                                        + " batch "
                                        + (b + 1)
                                        + " (loss "
                                        + lossAcc[0]
                                        + "); lower --lr (now "
                                        + spec.lr()
                                        + ")");
                    }
                    double elapsed = (System.nanoTime() - t0) / 1e9;
                    listener.onBatch(
                            epoch,
                            b + 1,
                            batches,
                            lossSum / seen,
                            (double) correct / seen,
                            seen / elapsed);
                    phases.restart(); // the listener's time (progress bar) is nobody's phase
                }
                double trainSecs = (System.nanoTime() - t0) / 1e9;
                images += seen;
                phases.restart();
                DatasetScores vs = val.isEmpty() ? null : DatasetScorer.score(scorer, valLoader);
                phases.charge(PhaseTimer.Phase.VALIDATION);
                double valLoss = vs == null ? Double.NaN : vs.crossEntropy();
                double valAcc =
                        vs == null
                                ? Double.NaN
                                : ConfusionMatrix.at(vs.scores(), vs.labels(), 0.5).accuracy();
                double valAuc =
                        vs == null ? Double.NaN : RocCurve.compute(vs.scores(), vs.labels()).auc();
                double epochSecs = (System.nanoTime() - t0) / 1e9;
                seconds += epochSecs;
                EpochRecord rec =
                        new EpochRecord(
                                epoch,
                                lossSum / Math.max(1, seen),
                                (double) correct / Math.max(1, seen),
                                valLoss,
                                valAcc,
                                valAuc,
                                lr,
                                epochSecs,
                                seen / trainSecs,
                                phases.seconds());
                history.add(rec);
                double score = selectionScore(rec);
                boolean improved = best == null || score > bestScore || Double.isNaN(bestScore);
                if (improved) {
                    best = net.weights();
                    bestScore = score;
                    bestEpoch = epoch;
                    sinceBest = 0;
                } else {
                    sinceBest++;
                }
                if (checkpointDir != null) {
                    new Checkpoint(
                                    epoch,
                                    bestEpoch,
                                    bestScore,
                                    history,
                                    seconds,
                                    images,
                                    runFingerprint)
                            .save(
                                    checkpointDir,
                                    net.weights(),
                                    improved || epoch == startEpoch ? best : null,
                                    opt.state());
                }
                listener.onEpochEnd(rec, improved);
                if (spec.patience() > 0 && sinceBest >= spec.patience() && epoch < spec.epochs()) {
                    LOG.info(
                            "stopping early: no {} improvement for {} epochs",
                            spec.selectBy(),
                            sinceBest);
                    stoppedEarly = true;
                    break;
                }
            }
            if (best == null) {
                best = net.weights();
                bestEpoch = history.size();
            }
            net.load(best);
            double threshold = 0.5;
            List<String> skipped = new ArrayList<>();
            loader.skipped().forEach(s -> skipped.add(s.path() + ": " + s.reason()));
            if (!val.isEmpty()) {
                DatasetScores vs = DatasetScorer.score(scorer, valLoader);
                threshold = ThresholdPolicy.chooseThreshold(vs.scores(), vs.labels());
                vs.skipped().forEach(s -> skipped.add(s.path() + ": " + s.reason()));
            }
            root.close();
            return new TrainResult(
                    best,
                    bestEpoch,
                    history,
                    threshold,
                    seconds,
                    images,
                    skipped.stream().distinct().toList(),
                    stoppedEarly);
        }
    }

    /** Deletes a finished run's checkpoint folder. */
    public static void deleteCheckpoint(Path dir) throws IOException {
        if (dir != null && Files.isDirectory(dir)) {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private double selectionScore(EpochRecord r) {
        return switch (spec.selectBy()) {
            case "accuracy" -> r.valAccuracy();
            case "loss" -> -r.valLoss();
            default -> Double.isNaN(r.valAuc()) ? -r.valLoss() : r.valAuc() - 1e-6 * r.valLoss();
        };
    }

    /** One optimizer step; returns {loss, accuracy} of the batch. */
    private static double[] step(
            DjlNetwork net,
            TrainingPlan plan,
            Batch batch,
            Map<String, NDArray> trainable,
            Map<String, NDArray> masks,
            Set<Integer> inferenceIdx,
            Optimizer opt,
            double lr,
            PhaseTimer phases) {
        double[] out;
        try (NDManager scope = net.newScope()) {
            NDArray x = net.input(scope, batch.data(), batch.size());
            NDArray y = scope.create(batch.labels());
            phases.charge(PhaseTimer.Phase.TO_TENSOR);
            NDArray logits;
            NDArray loss;
            try (GradientCollector gc = Gradients.collector()) {
                logits = net.forward(x, true, inferenceIdx);
                loss = plan.objective().loss(logits, y, batch, scope);
                phases.charge(PhaseTimer.Phase.FORWARD);
                gc.backward(loss);
                phases.charge(PhaseTimer.Phase.BACKWARD);
            }
            opt.beginStep();
            for (var e : trainable.entrySet()) {
                NDArray w = e.getValue();
                try (NDManager s = scope.newSubManager()) {
                    NDArray g = w.getGradient();
                    g.attach(s);
                    s.tempAttachAll(w);
                    opt.update(e.getKey(), w, g, lr, s);
                    g.subi(g); // PyTorch accumulates gradients: clear for the next step
                    NDArray mask = masks.get(e.getKey());
                    if (mask != null) {
                        w.muli(mask);
                    }
                }
            }
            phases.charge(PhaseTimer.Phase.OPTIMIZER);
            double acc =
                    logits.argMax(1).toType(y.getDataType(), false).eq(y).sum().getLong()
                            / (double) batch.size();
            out = new double[] {loss.getFloat(), acc};
        } // closing the scope frees the batch's native memory: charged to metrics with the
        // read-back
        phases.charge(PhaseTimer.Phase.METRICS);
        return out;
    }

    private static boolean isRunningStat(String name) {
        return name.endsWith(".running_mean") || name.endsWith(".running_var");
    }
}
