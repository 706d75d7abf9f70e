package org.deepfakeedge.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.deepfakeedge.ArtifactException;
import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.artifact.ArtifactManifest;
import org.deepfakeedge.artifact.ModelArtifact;
import org.deepfakeedge.artifact.Preprocessing;
import org.deepfakeedge.engine.DjlEngine;
import org.deepfakeedge.engine.DjlNetwork;
import org.deepfakeedge.eval.Percentiles;
import org.deepfakeedge.export.OnnxExporter;
import org.deepfakeedge.model.Layer;
import org.deepfakeedge.model.ModelSpec;
import org.deepfakeedge.model.ModelZoo;
import org.deepfakeedge.model.WeightInit;
import org.deepfakeedge.model.Weights;
import org.deepfakeedge.provenance.EnvironmentInfo;
import org.deepfakeedge.provenance.Provenance;
import org.deepfakeedge.runtime.OrtDetector;
import org.deepfakeedge.runtime.Scorer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures pure inference latency (no image decoding) of models on DJL/PyTorch and ONNX Runtime.
 *
 * <pre>{@code
 * BenchReport r = LatencyBenchmark.run(new BenchSpec(
 *         List.of("teacher", "student-10"), "both", 224, List.of(1, 8), 2, 5, 30, 1));
 * }</pre>
 *
 * <p>Every configuration (model × runtime × batch size) scores a seeded random batch: {@code
 * warmup} untimed rounds, then {@code iterations} timed rounds with {@link System#nanoTime()}. The
 * configurations are interleaved within each round, so drift on a noisy machine (another process,
 * thermal throttling) hits all of them alike. A model is an artifact folder, an exported {@code
 * .onnx} file or a zoo name; a zoo name gets seeded PyTorch-default random weights and, for ONNX,
 * an in-memory export (through a temporary file that is deleted after loading).
 *
 * <p>ONNX Runtime sessions run without intra-op thread spinning: interleaved, an idle session's
 * spinning threads took the cores from the one being timed (teacher 224 px on 2 cores, fp32/INT8:
 * 111/47 ms interleaved with spinning vs 78/22 ms alone). Alone, a model runs as fast either way.
 *
 * <p>The DJL engine's thread count is process-wide and fixed at its first start ({@link
 * DjlEngine#start(int)}); the reported threads are the ones it actually runs with. Stateless and
 * thread-safe, but concurrent runs would disturb each other's timings.
 */
public final class LatencyBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(LatencyBenchmark.class);
    private static final Set<String> INT8_OPS =
            Set.of(
                    "QuantizeLinear",
                    "DynamicQuantizeLinear",
                    "MatMulInteger",
                    "ConvInteger",
                    "QLinearConv",
                    "QLinearMatMul",
                    "QLinearAdd",
                    "QLinearMul");

    private LatencyBenchmark() {}

    /**
     * Runs the benchmark.
     *
     * @throws InvalidInputException for an unknown model name or a runtime that cannot run a model
     * @throws ArtifactException for a missing or corrupt model file
     */
    public static BenchReport run(BenchSpec spec) {
        List<Unit> units = new ArrayList<>();
        try {
            for (String m : spec.models()) {
                units.addAll(load(m, spec));
            }
            List<Config> configs = new ArrayList<>();
            for (Unit u : units) {
                for (int b : spec.batches()) {
                    configs.add(
                            new Config(u, b, OnnxExporter.randomBatch(u.spec, b, spec.seed() + b)));
                }
            }
            int rounds = spec.warmup() + spec.iterations();
            long[][] nanos = new long[configs.size()][spec.iterations()];
            for (int r = 0; r < rounds; r++) {
                for (int c = 0; c < configs.size(); c++) {
                    Config cfg = configs.get(c);
                    long t0 = System.nanoTime();
                    cfg.unit.scorer.scores(cfg.input, cfg.batch);
                    long dt = System.nanoTime() - t0;
                    if (r >= spec.warmup()) {
                        nanos[c][r - spec.warmup()] = dt;
                    }
                }
            }
            List<BenchResult> out = new ArrayList<>();
            for (int c = 0; c < configs.size(); c++) {
                out.add(result(configs.get(c), nanos[c]));
            }
            return new BenchReport(EnvironmentInfo.current(), out);
        } finally {
            for (Unit u : units) {
                u.close();
            }
        }
    }

    private static BenchResult result(Config c, long[] nanos) {
        double p50 = Percentiles.nearestRank(nanos, 0.5) / 1e6 / c.batch;
        double p95 = Percentiles.nearestRank(nanos, 0.95) / 1e6 / c.batch;
        long macs = c.unit.spec.multiplyAdds();
        return new BenchResult(
                c.unit.name,
                c.unit.runtime,
                c.unit.precision,
                c.unit.spec.imageSize(),
                c.batch,
                c.unit.threads,
                p50,
                p95,
                1000.0 / p50,
                2.0 * macs / (p50 / 1000.0) / 1e9,
                c.unit.bytes,
                macs);
    }

    /**
     * A model as given on the command line: an artifact folder or zoo name (manifest and weights,
     * runnable on both runtimes) or an exported ONNX file (ONNX Runtime only).
     *
     * @param name the model as given
     * @param manifest the manifest, null for an ONNX file (it carries its own)
     * @param weights the weights, null for an ONNX file
     * @param onnxFile the ONNX file, null for an artifact or zoo name
     * @param bytes bytes on disk, or fp32 parameter bytes for a zoo name
     */
    record Source(
            String name, ArtifactManifest manifest, Weights weights, Path onnxFile, long bytes) {
        boolean isOnnxFile() {
            return onnxFile != null;
        }
    }

    /**
     * Resolves a model argument.
     *
     * @throws InvalidInputException for an unknown model name
     * @throws ArtifactException for a missing or corrupt model
     */
    static Source resolve(String model, BenchSpec spec) {
        Path p = Path.of(model);
        // an .onnx/.ort file, or a folder holding only model.onnx; a model artifact folder runs on
        // both runtimes (exported in memory for ONNX Runtime)
        boolean onnxFile =
                model.endsWith(".onnx")
                        || model.endsWith(".ort")
                        || (Files.isDirectory(p)
                                && !Files.isRegularFile(p.resolve(ModelArtifact.MANIFEST))
                                && Files.isRegularFile(p.resolve(OrtDetector.DEFAULT_FILE)));
        if (onnxFile) {
            Path file = Files.isDirectory(p) ? p.resolve(OrtDetector.DEFAULT_FILE) : p;
            return new Source(model, null, null, file, size(file));
        } else if (Files.isDirectory(p)) {
            ModelArtifact a = ModelArtifact.load(p);
            return new Source(model, a.manifest(), a.weights(), null, a.bytesOnDisk());
        } else if (ModelZoo.contains(model)) {
            ModelSpec s = ModelZoo.build(model, spec.imageSize());
            Weights w = WeightInit.pytorchDefault(s, spec.seed());
            return new Source(model, zooManifest(s), w, null, s.parameterCount() * 4);
        } else if (model.contains("/") || model.contains(java.io.File.separator)) {
            throw new ArtifactException(
                    "model "
                            + model
                            + " does not exist; give a model artifact folder, an .onnx file or"
                            + " a zoo name");
        }
        throw new InvalidInputException(
                "--model '"
                        + model
                        + "' is neither a model artifact folder, an .onnx file nor a zoo"
                        + " name "
                        + ModelZoo.NAMES);
    }

    /** Throws the one-line error for {@code --runtime djl} on an ONNX file. */
    static void requireDjlRunnable(Source s, String runtime) {
        if (s.isOnnxFile() && "djl".equals(runtime)) {
            throw new InvalidInputException(
                    "--runtime djl cannot run the ONNX model " + s.name() + "; use --runtime onnx");
        }
    }

    /** Loads one model on every requested runtime it supports. */
    private static List<Unit> load(String model, BenchSpec spec) {
        Source s = resolve(model, spec);
        requireDjlRunnable(s, spec.runtime());
        List<Unit> units = new ArrayList<>();
        try {
            if (s.isOnnxFile()) {
                OrtDetector d = OrtDetector.load(s.onnxFile(), spec.threads(), false);
                units.add(
                        ortUnit(
                                model,
                                d,
                                spec,
                                s.bytes(),
                                precision(d.manifest().spec(), s.onnxFile())));
            } else {
                addBoth(units, model, s.manifest(), s.weights(), s.bytes(), spec);
            }
            return units;
        } catch (RuntimeException e) {
            units.forEach(Unit::close);
            throw e;
        }
    }

    /**
     * Opens the model on ONNX Runtime without intra-op spinning (see the class comment): the file
     * itself, or an artifact exported in memory (through a temporary file deleted after loading).
     */
    static OrtDetector onnxSession(Source s, int threads) {
        if (s.isOnnxFile()) {
            return OrtDetector.load(s.onnxFile(), threads, false);
        }
        byte[] onnx = OnnxExporter.toOnnx(s.manifest(), s.weights()).bytes();
        Path tmp = null;
        try {
            tmp = Files.createTempFile("deepfake-edge-bench-", ".onnx");
            Files.write(tmp, onnx);
            return OrtDetector.load(tmp, threads, false);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write a temporary ONNX file: " + e.getMessage(), e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    private static void addBoth(
            List<Unit> units,
            String name,
            ArtifactManifest m,
            Weights w,
            long bytes,
            BenchSpec spec) {
        String precision = precision(m.spec(), null);
        for (String rt : spec.runtimes()) {
            if ("djl".equals(rt)) {
                DjlEngine.start(spec.threads());
                DjlNetwork net = DjlNetwork.create(m.spec(), w);
                double t = m.appliedTemperature(); // as DjlDetector, so both runtimes do the same
                Scorer s =
                        (x, n) -> {
                            synchronized (net) {
                                return Scorer.softmaxClass1(
                                        Scorer.temperatureScaled(net.logits(x, n), t), n);
                            }
                        };
                units.add(
                        new Unit(
                                name,
                                "djl",
                                precision,
                                m.spec(),
                                DjlEngine.threads(),
                                bytes,
                                s,
                                net));
            } else {
                OrtDetector d = onnxSession(new Source(name, m, w, null, bytes), spec.threads());
                units.add(ortUnit(name, d, spec, bytes, precision));
            }
        }
    }

    private static Unit ortUnit(
            String name, OrtDetector d, BenchSpec spec, long bytes, String precision) {
        // as OrtDetector.load resolves it
        int threads =
                spec.threads() > 0 ? spec.threads() : Runtime.getRuntime().availableProcessors();
        return new Unit(
                name, "onnx", precision, d.manifest().spec(), threads, bytes, d.scorer(), d);
    }

    /** Returns int8 if the spec has quantized layers or the ONNX file integer/quantize ops. */
    static String precision(ModelSpec spec, Path onnx) {
        boolean q = spec.layers().stream().anyMatch(l -> l instanceof Layer.DynamicQuantLinear);
        if (!q && onnx != null) {
            try {
                var model = ai.onnx.proto.OnnxMl.ModelProto.parseFrom(Files.readAllBytes(onnx));
                q =
                        model.getGraph().getNodeList().stream()
                                .anyMatch(n -> INT8_OPS.contains(n.getOpType()));
            } catch (IOException e) {
                LOG.warn("cannot read {} to detect its precision: {}", onnx, e.getMessage());
            }
        }
        return q ? "int8" : "fp32";
    }

    static ArtifactManifest zooManifest(ModelSpec s) {
        return new ArtifactManifest(
                ArtifactManifest.SCHEMA_VERSION,
                "random-init",
                s,
                Preprocessing.defaults(s.imageSize()),
                List.of("real", "fake"),
                0.5,
                List.of(),
                null,
                Provenance.note("zoo architecture with random weights, for benchmarking"));
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            return -1;
        }
    }

    private static void deleteQuietly(Path f) {
        if (f != null) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException e) {
                LOG.warn("cannot delete temporary file {}: {}", f, e.getMessage());
            }
        }
    }

    /** One model loaded on one runtime. */
    private record Unit(
            String name,
            String runtime,
            String precision,
            ModelSpec spec,
            int threads,
            long bytes,
            Scorer scorer,
            AutoCloseable resource) {
        void close() {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("closing {}/{} failed: {}", name, runtime, e.getMessage());
            }
        }
    }

    private record Config(Unit unit, int batch, float[] input) {}
}
