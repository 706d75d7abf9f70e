package org.deepfakeedge.engine;

import ai.djl.engine.Engine;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deepfakeedge.provenance.RunEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts DJL's PyTorch engine offline, from the libtorch bundled in the Maven native jar.
 *
 * <p>This class holds the only static mutable state of the project: DJL reads its engine settings
 * from system properties once, when the engine first loads, so they must be set before any other
 * DJL call. {@link #start(int)} is idempotent; later calls with another thread count are ignored
 * with a warning. Thread-safe.
 */
public final class DjlEngine {
    private static final Logger LOG = LoggerFactory.getLogger(DjlEngine.class);
    private static Engine engine;
    private static int threads;

    private DjlEngine() {}

    /**
     * Starts (or returns) the PyTorch engine with {@code intraOpThreads} threads (0 = all cores).
     */
    public static synchronized Engine start(int intraOpThreads) {
        int want = intraOpThreads > 0 ? intraOpThreads : Runtime.getRuntime().availableProcessors();
        if (engine != null) {
            if (want != threads) {
                LOG.warn(
                        "PyTorch engine already started with {} threads; ignoring request for {}",
                        threads,
                        want);
            }
            return engine;
        }
        // Never download anything at run time: a missing native jar must fail fast.
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(want));
        // Measured: one inter-op thread is as fast and avoids oversubscribing 2-core machines.
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        // MKLDNN breaks Linear layers in this libtorch build (DESIGN.md), keep it off.
        System.setProperty("ai.djl.pytorch.use_mkldnn", "false");
        // Silence DJL's per-start telemetry check (no network here).
        System.setProperty("OPT_OUT_TRACKING", "true");
        // before libtorch's first allocation: freed tensors stay in the process (NativeHeap)
        NativeHeap.configure();
        long t0 = System.nanoTime();
        engine = Engine.getEngine("PyTorch");
        threads = want;
        LOG.debug(
                "PyTorch {} engine started in {} ms with {} threads",
                engine.getVersion(),
                (System.nanoTime() - t0) / 1_000_000,
                want);
        return engine;
    }

    /** Returns the started engine, starting it with all cores if needed. */
    public static Engine get() {
        synchronized (DjlEngine.class) {
            return engine != null ? engine : start(0);
        }
    }

    /** Returns the intra-op thread count the engine runs with (0 if not started). */
    public static synchronized int threads() {
        return threads;
    }

    /** Returns where a step runs, for provenance: this machine, {@link #versions()}, threads. */
    public static RunEnvironment environment() {
        Map<String, String> engines = versions(); // starts the engine, which sets the threads
        return RunEnvironment.current(engines, threads());
    }

    /** Returns version facts for provenance: DJL, PyTorch, engine name. */
    public static Map<String, String> versions() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("djl", Engine.getDjlVersion());
        m.put("pytorch", get().getVersion());
        m.put("native_heap", NativeHeap.state());
        m.put("memory_format", MemoryFormat.current());
        m.put("conv_kernels", ConvKernelCheck.summary());
        return m;
    }
}
