package org.deepfakeedge.bench;

import java.util.ArrayList;
import java.util.List;
import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.artifact.ArtifactManifest;
import org.deepfakeedge.artifact.Preprocessors;
import org.deepfakeedge.engine.DjlEngine;
import org.deepfakeedge.engine.DjlNetwork;
import org.deepfakeedge.engine.GradCam;
import org.deepfakeedge.eval.Percentiles;
import org.deepfakeedge.explain.FakeEvidence;
import org.deepfakeedge.explain.OcclusionExplainer;
import org.deepfakeedge.export.OnnxExporter;
import org.deepfakeedge.model.ModelSpec;
import org.deepfakeedge.provenance.EnvironmentInfo;
import org.deepfakeedge.runtime.OrtDetector;
import org.deepfakeedge.runtime.Scorer;

/**
 * Measures what an explanation costs against a forward pass of the same model, in one run: a
 * forward pass of one image and a Grad-CAM map ({@link GradCam}) on DJL, and a forward pass of one
 * image and an occlusion map ({@link OcclusionExplainer}, default grid: 49 masks + the clean image
 * in batches of 16, scored by the logit difference as {@code Detector.explain} does) on ONNX
 * Runtime, or on DJL with {@code --runtime djl}.
 *
 * <p>As {@link LatencyBenchmark}: a seeded random image (no decoding), {@code warmup} untimed
 * rounds then {@code iterations} timed ones, the operations interleaved within each round so that
 * machine noise hits all alike, ONNX Runtime without intra-op spinning. The runtime decides what is
 * measured: {@code both} (the default) Grad-CAM on DJL and occlusion on ONNX Runtime; {@code djl}
 * both on DJL; {@code onnx} occlusion only, as for an ONNX file. The batch sizes of the spec are
 * not used (everything is one image; occlusion batches its own masks). Stateless and thread-safe,
 * but concurrent runs would disturb each other's timings.
 */
public final class ExplainBenchmark {
    private ExplainBenchmark() {}

    /**
     * Runs the benchmark on the spec's one model.
     *
     * @throws InvalidInputException for several models, an unknown model, a runtime that cannot run
     *     it, or Grad-CAM on a model without a convolution layer
     */
    public static ExplainBenchResult run(BenchSpec spec) {
        if (spec.models().size() != 1) {
            throw new InvalidInputException(
                    "bench --explain measures one model, found "
                            + spec.models().size()
                            + "; drop --compare");
        }
        LatencyBenchmark.Source source = LatencyBenchmark.resolve(spec.models().get(0), spec);
        LatencyBenchmark.requireDjlRunnable(source, spec.runtime());
        boolean gradCam = !source.isOnnxFile() && !"onnx".equals(spec.runtime());
        boolean occlusionOnDjl = "djl".equals(spec.runtime());
        DjlNetwork net = null;
        OrtDetector ort = null;
        try {
            ArtifactManifest manifest;
            GradCam cam = null;
            if (gradCam || occlusionOnDjl) {
                if (!GradCam.supports(source.manifest().spec())) {
                    throw new InvalidInputException(
                            source.name()
                                    + " has no convolution layer: Grad-CAM needs one; measure its"
                                    + " occlusion map with --runtime onnx");
                }
                DjlEngine.start(spec.threads());
                net = DjlNetwork.create(source.manifest().spec(), source.weights());
                cam = new GradCam(net);
            }
            if (!occlusionOnDjl) {
                ort = LatencyBenchmark.onnxSession(source, spec.threads());
            }
            manifest = source.isOnnxFile() ? ort.manifest() : source.manifest();
            ModelSpec model = manifest.spec();
            float[] x = OnnxExporter.randomBatch(model, 1, spec.seed() + 1);

            List<Op> ops = new ArrayList<>();
            Op forward = null;
            Op gradCamOp = null;
            if (net != null) {
                DjlNetwork n = net;
                forward = new Op("djl", DjlEngine.threads(), () -> logits(n, x, 1), spec);
                ops.add(forward);
            }
            if (gradCam) {
                GradCam c = cam;
                gradCamOp = new Op("djl", DjlEngine.threads(), () -> c.heatmap(x), spec);
                ops.add(gradCamOp);
            }
            Op occForward;
            FakeEvidence evidence;
            if (occlusionOnDjl) {
                DjlNetwork n = net;
                occForward = forward;
                evidence = (b, k) -> Scorer.logitDifference(logits(n, b, k), k);
            } else {
                OrtDetector o = ort;
                occForward = new Op("onnx", o.threads(), () -> o.logits(x, 1), spec);
                ops.add(occForward);
                evidence = (b, k) -> Scorer.logitDifference(o.logits(b, k), k);
            }
            OcclusionExplainer occlusion =
                    new OcclusionExplainer(Preprocessors.of(manifest.preprocessing()), evidence);
            Op occ =
                    new Op(
                            occlusionOnDjl ? "djl" : "onnx",
                            occForward.threads,
                            () -> occlusion.explain(x),
                            spec);
            ops.add(occ);

            int rounds = spec.warmup() + spec.iterations();
            for (int r = 0; r < rounds; r++) {
                for (Op op : ops) {
                    op.run(r - spec.warmup());
                }
            }
            String precision = LatencyBenchmark.precision(model, source.onnxFile());
            return new ExplainBenchResult(
                    EnvironmentInfo.current(),
                    source.name(),
                    precision,
                    model.imageSize(),
                    gradCam ? forward.timing() : null,
                    gradCam ? gradCamOp.timing() : null,
                    gradCam ? cam.featureLayerName() : null,
                    gradCam ? cam.featureShape().toString() : null,
                    occForward.timing(),
                    occ.timing(),
                    occlusion.forwardPasses());
        } finally {
            if (ort != null) {
                ort.close();
            }
            if (net != null) {
                net.close();
            }
        }
    }

    private static float[] logits(DjlNetwork net, float[] batch, int n) {
        synchronized (net) { // as DjlDetector
            return net.logits(batch, n);
        }
    }

    /** One timed operation. */
    private static final class Op {
        final String runtime;
        final int threads;
        final Runnable body;
        final long[] nanos;

        Op(String runtime, int threads, Runnable body, BenchSpec spec) {
            this.runtime = runtime;
            this.threads = threads;
            this.body = body;
            this.nanos = new long[spec.iterations()];
        }

        /** Runs once; {@code index} ≥ 0 records the time as that timed iteration. */
        void run(int index) {
            long t0 = System.nanoTime();
            body.run();
            long dt = System.nanoTime() - t0;
            if (index >= 0) {
                nanos[index] = dt;
            }
        }

        ExplainBenchResult.Timing timing() {
            return new ExplainBenchResult.Timing(
                    runtime,
                    threads,
                    Percentiles.nearestRank(nanos, 0.5) / 1e6,
                    Percentiles.nearestRank(nanos, 0.95) / 1e6);
        }
    }
}
