package org.deepfakeedge.spark;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.deepfakeedge.runtime.Detector;
import org.deepfakeedge.runtime.RuntimeChoice;
import org.deepfakeedge.scan.FileScanner;
import org.deepfakeedge.scan.FrameScorer;

/**
 * One classifier session and one face detector per executor JVM and set of options, opened by the
 * first task that needs them and reused by every later task: loading a model per task would cost
 * more than scoring a partition of small images. Both are thread-safe (ONNX Runtime sessions run
 * concurrent calls), so the tasks of one executor share them; each task gets its own {@link
 * FileScanner}. They are closed when the JVM exits.
 */
final class ExecutorScanners {
    private static final Map<SparkScanOptions, Shared> OPEN = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(() -> OPEN.values().forEach(Shared::close), "close-scanners"));
    }

    private ExecutorScanners() {}

    /** A scanner for one task, over this JVM's shared session for {@code options}. */
    static FileScanner scanner(SparkScanOptions options) {
        Shared s = OPEN.computeIfAbsent(options, ExecutorScanners::open);
        return new FileScanner(s.detector(), s.frames());
    }

    private static Shared open(SparkScanOptions o) {
        Detector d = Detector.load(Path.of(o.model()), RuntimeChoice.AUTO, o.threadsPerTask());
        return new Shared(d, new FrameScorer(d, o.scanOptions()));
    }

    private record Shared(Detector detector, FrameScorer frames) {
        void close() {
            frames.close();
            detector.close();
        }
    }
}
