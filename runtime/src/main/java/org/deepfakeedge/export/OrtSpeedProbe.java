package org.deepfakeedge.export;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.deepfakeedge.model.ModelSpec;

/**
 * Times graphs on ONNX Runtime with the session settings {@code OrtDetector} deploys them with
 * (graph optimisation ALL, the given intra-op threads), so QDQ graphs run as the fused integer
 * kernels users get.
 *
 * <p>Noise handling for a shared 2-core machine: the graphs being compared run interleaved, one
 * call each per round in rotating order, so a load spike or frequency change hits all alike;
 * intra-op threads do not spin between runs (see {@link #time}); untimed warm-up rounds first;
 * rounds are sized to a time budget (at least {@value #MIN_ROUNDS}) so small layers get many runs;
 * medians, never means. Not thread-safe (one export at a time).
 */
final class OrtSpeedProbe implements SpeedProbe {
    static final int MIN_ROUNDS = 15;
    static final int MAX_ROUNDS = 61;
    private static final int WARMUP = 5;
    private static final long LAYER_BUDGET_NANOS = 400_000_000L;
    private static final long MODEL_BUDGET_NANOS = 4_000_000_000L;

    private final int threads;

    /**
     * @param threads intra-op threads; ≤ 0 means all available cores, as {@code OrtDetector}
     */
    OrtSpeedProbe(int threads) {
        this.threads = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }

    @Override
    public int threads() {
        return threads;
    }

    @Override
    public LayerTiming layer(ModelSpec spec, String layer) {
        LayerProbeGraphs.Probe p = LayerProbeGraphs.describe(spec, layer);
        List<byte[]> graphs =
                List.of(LayerProbeGraphs.graph(p, true), LayerProbeGraphs.graph(p, false));
        long[][] t = time(graphs, p.inputDims(), p.floatInput(), LAYER_BUDGET_NANOS);
        return LayerTiming.of(t[0], t[1]);
    }

    @Override
    public double[] models(ModelSpec spec, List<byte[]> onnxModels) {
        long[] dims = {1, spec.inChannels(), spec.imageSize(), spec.imageSize()};
        long[][] t = time(onnxModels, dims, true, MODEL_BUDGET_NANOS);
        double[] ms = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            ms[i] = LayerTiming.median(t[i]) / 1e6;
        }
        return ms;
    }

    /** Returns nanos[graph][round]; the same input tensor feeds every graph's single input. */
    private long[][] time(List<byte[]> graphs, long[] dims, boolean floatInput, long budget) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        List<OrtSession> sessions = new ArrayList<>();
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions();
                OnnxTensor x = input(env, dims, floatInput)) {
            o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            o.setIntraOpNumThreads(threads);
            // each session has its own thread pool, whose threads spin after a run by default:
            // interleaved, the idle sessions' spinning threads would steal the cores from the one
            // being timed (seen: fp32 timed 2.6× slower than alone on 2 cores)
            o.addConfigEntry("session.intra_op.allow_spinning", "0");
            for (byte[] g : graphs) {
                sessions.add(env.createSession(g, o));
            }
            List<Map<String, OnnxTensor>> feeds = new ArrayList<>();
            for (OrtSession s : sessions) {
                feeds.add(Map.of(s.getInputNames().iterator().next(), x));
            }
            long warm = 0;
            for (int r = 0; r < WARMUP; r++) {
                warm = round(sessions, feeds, r, null, 0);
            }
            int rounds =
                    (int) Math.max(MIN_ROUNDS, Math.min(MAX_ROUNDS, budget / Math.max(1, warm)));
            long[][] nanos = new long[graphs.size()][rounds];
            for (int r = 0; r < rounds; r++) {
                round(sessions, feeds, r, nanos, r);
            }
            return nanos;
        } catch (OrtException e) {
            throw new ExportException("timing a graph on ONNX Runtime failed: " + e.getMessage());
        } finally {
            for (OrtSession s : sessions) {
                try {
                    s.close();
                } catch (OrtException e) {
                    // closing a finished timing session; nothing to recover
                }
            }
        }
    }

    /** Runs every session once, starting at a rotating position; returns the round's nanos. */
    private static long round(
            List<OrtSession> sessions,
            List<Map<String, OnnxTensor>> feeds,
            int r,
            long[][] into,
            int slot)
            throws OrtException {
        long total = 0;
        int n = sessions.size();
        for (int k = 0; k < n; k++) {
            int i = (r + k) % n;
            long t0 = System.nanoTime();
            sessions.get(i).run(feeds.get(i)).close();
            long dt = System.nanoTime() - t0;
            total += dt;
            if (into != null) {
                into[i][slot] = dt;
            }
        }
        return total;
    }

    private static OnnxTensor input(OrtEnvironment env, long[] dims, boolean floatInput)
            throws OrtException {
        int n = 1;
        for (long d : dims) {
            n *= (int) d;
        }
        SplittableRandom r = new SplittableRandom(OnnxExporter.CHECK_SEED);
        if (floatInput) {
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = (float) (r.nextDouble() * 4 - 2);
            }
            return OnnxTensor.createTensor(env, FloatBuffer.wrap(v), dims);
        }
        ByteBuffer b = ByteBuffer.allocateDirect(n);
        for (int i = 0; i < n; i++) {
            b.put((byte) r.nextInt(256));
        }
        b.rewind();
        return OnnxTensor.createTensor(env, b, dims, OnnxJavaType.UINT8);
    }
}
