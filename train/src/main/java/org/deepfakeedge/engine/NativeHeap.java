package org.deepfakeedge.engine;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps memory that libtorch frees inside the process, so that the next training step reuses it
 * instead of asking the operating system for fresh pages.
 *
 * <p>Why: glibc's malloc serves every request above its mmap threshold (128 KiB, rising to at most
 * 32 MiB) with a fresh {@code mmap} and returns it with {@code munmap} on free. A training step
 * allocates and frees the same activation tensors every time (the teacher at 64 px, batch 32: 32
 * MiB per conv output), so each step touches brand-new pages. On a virtual machine whose host
 * reclaims free pages, a first touch is expensive: measured here (Firecracker guest, AMD EPYC),
 * mmap + touch + munmap of 32 MiB took 95 ms against 0.8 ms to rewrite warm memory. The teacher
 * trained at 15 images/s with the default heap and at 32–41 images/s with this setting, on the same
 * machine and data. On a machine where page faults are cheap the setting changes little.
 *
 * <p>What: {@code mallopt(M_MMAP_MAX, 0)} (no mmap-served chunks: large blocks come from the heap
 * and are reused) and {@code mallopt(M_TRIM_THRESHOLD, INT_MAX)} (the heap's top is never given
 * back). Resident memory then stays at the run's peak instead of oscillating around it. The
 * environment variables {@code MALLOC_MMAP_MAX_=0} and {@code MALLOC_TRIM_THRESHOLD_} do the same
 * before a process starts; this class applies them to the running JVM. Set the system property
 * {@code deepfake.edge.native-heap=default} to leave glibc as it is. Only glibc has {@code mallopt}
 * with these meanings: elsewhere (macOS, Windows, musl) nothing is changed.
 *
 * <p>One more setting cannot be made from inside a running JVM: the JVM's threads (its "main"
 * thread among them, which runs libtorch's operators) each have their own malloc arena, and glibc
 * unmaps a secondary arena's heap whenever it empties, whatever the trim threshold. With {@code
 * MALLOC_ARENA_MAX=1} in the environment every thread allocates from the main heap, which the
 * settings above keep. Measured here, student-10 at 64 px: 155–210 images/s with 20–30% of the CPU
 * time in the kernel clearing fresh pages without it, 270 images/s and 7% with it. {@code
 * bin/deepfake-edge} and the test JVMs set it; a JVM started without it logs a hint.
 *
 * <p>Called once from {@link DjlEngine#start(int)}, before libtorch allocates. Thread-safe.
 */
final class NativeHeap {
    private static final Logger LOG = LoggerFactory.getLogger(NativeHeap.class);

    /** System property that turns the tuning off ({@code default}) or on ({@code keep}). */
    static final String PROPERTY = "deepfake.edge.native-heap";

    // glibc <malloc.h>
    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_MMAP_MAX = -4;

    private static String state;

    private NativeHeap() {}

    /**
     * Applies the setting once and returns what was done, for provenance: {@code
     * "keep-freed-memory"}, {@code "default"} (turned off by the property) or {@code "unchanged:
     * <reason>"}.
     */
    static synchronized String configure() {
        if (state != null) {
            return state;
        }
        String mode = System.getProperty(PROPERTY, "keep").toLowerCase(Locale.ROOT);
        if (mode.equals("default")) {
            state = "default";
        } else if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            state = "unchanged: not Linux/glibc";
        } else {
            state = apply();
        }
        if (state.equals("keep-freed-memory") && System.getenv("MALLOC_ARENA_MAX") == null) {
            LOG.info(
                    "MALLOC_ARENA_MAX is not set: training may spend up to a third of its time in page faults on"
                            + " virtual machines; start the JVM with MALLOC_ARENA_MAX=1 (bin/deepfake-edge does)");
            state += " (arenas: default)";
        } else if (state.equals("keep-freed-memory")) {
            state += " (arenas: " + System.getenv("MALLOC_ARENA_MAX") + ")";
        }
        LOG.debug("native heap: {}", state);
        return state;
    }

    /** Returns the state set by {@link #configure()}, or null before it ran. */
    static synchronized String state() {
        return state;
    }

    private static String apply() {
        try {
            Function mallopt = NativeLibrary.getInstance("c").getFunction("mallopt");
            int a = mallopt.invokeInt(new Object[] {M_MMAP_MAX, 0});
            int b = mallopt.invokeInt(new Object[] {M_TRIM_THRESHOLD, Integer.MAX_VALUE});
            if (a == 1 && b == 1) {
                return "keep-freed-memory";
            }
            return "unchanged: mallopt refused (" + a + ", " + b + ")";
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            // musl and other C libraries have no mallopt: keep their defaults
            return "unchanged: no mallopt (" + e.getClass().getSimpleName() + ")";
        }
    }
}
