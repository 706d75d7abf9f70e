package org.deepfakeedge.runtime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.deepfakeedge.ArtifactException;
import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.artifact.ArtifactManifest;
import org.deepfakeedge.export.Int8Exporter;
import org.deepfakeedge.provenance.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Detector} running an exported {@code .onnx} file on ONNX Runtime (CPU).
 *
 * <p>The manifest (threshold, class names, preprocessing, lineage) is read from the file's {@code
 * metadata_props} key {@value #MANIFEST_KEY}, so the {@code .onnx} file alone is deployable. The
 * session uses graph optimization level ALL and a configurable number of intra-op threads.
 * Thread-safe: ONNX Runtime sessions run concurrent calls; {@link #close()} waits for running
 * calls, and calls after it fail with {@link IllegalStateException}.
 */
public final class OrtDetector extends AbstractDetector {
    private static final Logger LOG = LoggerFactory.getLogger(OrtDetector.class);

    /** File name looked up when {@link #load(Path)} is given a directory. */
    public static final String DEFAULT_FILE = "model.onnx";

    /** Metadata key of the manifest JSON (as written by {@code OnnxExporter}). */
    public static final String MANIFEST_KEY = "deepfake_edge_manifest";

    private static final String INPUT = "input";

    private final Path file;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private int threads;
    private boolean closed;

    private long nonZero = -1;

    /** The artifact this detector was built from in memory, or null for an .onnx file. */
    private org.deepfakeedge.artifact.ModelArtifact artifact;

    private OrtDetector(Path file, ArtifactManifest manifest, OrtEnvironment env, OrtSession s) {
        super(manifest);
        this.file = file;
        this.env = env;
        this.session = s;
    }

    /** Loads an {@code .onnx} file (or {@value #DEFAULT_FILE} in a directory) on all cores. */
    public static OrtDetector load(Path onnx) {
        return load(onnx, 0);
    }

    /**
     * Loads an {@code .onnx} file exported by deepfake-edge.
     *
     * @param onnx the file, or a directory holding {@value #DEFAULT_FILE}
     * @param intraOpThreads threads per operator; ≤ 0 means all available cores
     * @throws ArtifactException if the file is missing, corrupt, truncated, or lacks the manifest
     */
    public static OrtDetector load(Path onnx, int intraOpThreads) {
        Path file = Files.isDirectory(onnx) ? onnx.resolve(DEFAULT_FILE) : onnx;
        if (!Files.isRegularFile(file)) {
            throw new ArtifactException(
                    "ONNX model "
                            + file
                            + " does not exist; export the model artifact to ONNX first");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ArtifactException(
                    "cannot read ONNX model " + file + ": " + e.getMessage(), e);
        }
        return fromBytes(bytes, file, intraOpThreads, null, true);
    }

    /**
     * Like {@link #load(Path, int)}; with {@code spinning} false the intra-op threads sleep between
     * runs instead of spinning (ORT's {@code session.intra_op.allow_spinning}). Benchmarks that
     * interleave several sessions need that: an idle session's spinning threads would take the
     * cores from the one being timed.
     */
    public static OrtDetector load(Path onnx, int intraOpThreads, boolean spinning) {
        Path file = Files.isDirectory(onnx) ? onnx.resolve(DEFAULT_FILE) : onnx;
        if (spinning || !Files.isRegularFile(file)) {
            return load(onnx, intraOpThreads);
        }
        try {
            return fromBytes(Files.readAllBytes(file), file, intraOpThreads, null, false);
        } catch (IOException e) {
            throw new ArtifactException(
                    "cannot read ONNX model " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs a model artifact on ONNX Runtime: it is exported to ONNX in memory (the fp32 export,
     * BatchNorm folded) and its size and parameter figures are the artifact's.
     */
    public static OrtDetector of(
            org.deepfakeedge.artifact.ModelArtifact artifact, int intraOpThreads) {
        byte[] bytes =
                org.deepfakeedge.export.OnnxExporter.toOnnx(artifact.manifest(), artifact.weights())
                        .bytes();
        return fromBytes(bytes, artifact.dir(), intraOpThreads, artifact, true);
    }

    /**
     * Runs a model given by its manifest and weights on ONNX Runtime, exported in memory (the fp32
     * export, BatchNorm folded, the manifest's temperature applied), with intra-op threads that
     * sleep between runs. For a model used inside another computation, such as a distillation's
     * teacher scoring batches between the student's training steps: threads spinning after a run
     * would take the cores from the training that follows. {@link #source()} names no file.
     */
    public static OrtDetector inMemory(
            ArtifactManifest manifest, org.deepfakeedge.model.Weights weights, int intraOpThreads) {
        byte[] bytes = org.deepfakeedge.export.OnnxExporter.toOnnx(manifest, weights).bytes();
        return fromBytes(
                bytes,
                Path.of("in-memory-" + manifest.spec().arch() + ".onnx"),
                intraOpThreads,
                null,
                false);
    }

    private static OrtDetector fromBytes(
            byte[] bytes,
            Path file,
            int intraOpThreads,
            org.deepfakeedge.artifact.ModelArtifact artifact,
            boolean spinning) {
        int threads =
                intraOpThreads > 0 ? intraOpThreads : Runtime.getRuntime().availableProcessors();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession session;
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            opts.setIntraOpNumThreads(threads);
            if (!spinning) {
                opts.addConfigEntry("session.intra_op.allow_spinning", "0");
            }
            session = env.createSession(bytes, opts);
        } catch (OrtException e) {
            throw new ArtifactException(
                    file
                            + " is not a loadable ONNX model ("
                            + firstLine(e)
                            + "): the file is corrupt or truncated; re-export it from its model"
                            + " artifact or copy it again",
                    e);
        }
        try {
            ArtifactManifest m = readManifest(file, session);
            if (!session.getInputNames().contains(INPUT)) {
                throw new ArtifactException(
                        file
                                + " has inputs "
                                + session.getInputNames()
                                + ", expected '"
                                + INPUT
                                + "'; re-export it with this version of deepfake-edge");
            }
            warnIfSaturating(file, bytes, session);
            LOG.debug("loaded {} ({}, {} threads)", file, m.spec().arch(), threads);
            OrtDetector d = new OrtDetector(file, m, env, session);
            d.artifact = artifact;
            d.threads = threads;
            return d;
        } catch (RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
    }

    /**
     * Warns about an INT8 file whose weights reach beyond ±64 (exported before 2026-12-03): CPUs
     * without VNNI multiply uint8 by int8 with a saturating int16 pair sum, so such a file scores
     * differently there than on CPUs with VNNI ({@link Int8Exporter#WEIGHT_MAX}).
     */
    private static void warnIfSaturating(Path file, byte[] bytes, OrtSession session) {
        try {
            if (!"int8"
                    .equals(
                            session.getMetadata()
                                    .getCustomMetadataValue(Int8Exporter.PRECISION_KEY)
                                    .orElse(null))) {
                return;
            }
        } catch (OrtException e) {
            return; // the manifest was readable; a missing precision only skips this check
        }
        int max = largestInt8Weight(bytes);
        if (max > Int8Exporter.WEIGHT_MAX) {
            LOG.warn(
                    "{}: its int8 weights reach ±{}; CPUs without VNNI saturate such products and"
                            + " score this file differently from CPUs with VNNI; fix: export it"
                            + " again (export --int8), which keeps weights within ±{}",
                    file,
                    max,
                    Int8Exporter.WEIGHT_MAX);
        }
    }

    /** The largest |q| among a model's int8 {@code *.weight_quantized} initializers, 0 if none. */
    static int largestInt8Weight(byte[] model) {
        ai.onnx.proto.OnnxMl.ModelProto p;
        try {
            p = ai.onnx.proto.OnnxMl.ModelProto.parseFrom(model);
        } catch (IOException e) {
            return 0; // ONNX Runtime loaded it; a parse problem here only skips the check
        }
        int max = 0;
        for (var t : p.getGraph().getInitializerList()) {
            if (t.getName().endsWith(".weight_quantized")
                    && t.getDataType() == ai.onnx.proto.OnnxMl.TensorProto.DataType.INT8_VALUE) {
                for (byte b : t.getRawData().toByteArray()) {
                    max = Math.max(max, Math.abs(b));
                }
            }
        }
        return max;
    }

    private static ArtifactManifest readManifest(Path file, OrtSession session) {
        String json;
        try {
            json = session.getMetadata().getCustomMetadataValue(MANIFEST_KEY).orElse(null);
        } catch (OrtException e) {
            throw new ArtifactException("cannot read the metadata of " + file + ": " + e, e);
        }
        if (json == null) {
            throw new ArtifactException(
                    file
                            + " has no '"
                            + MANIFEST_KEY
                            + "' metadata: it was not exported by deepfake-edge; export the model"
                            + " artifact with the ONNX exporter");
        }
        try {
            return Json.MAPPER.readValue(json, ArtifactManifest.class);
        } catch (IOException | RuntimeException e) {
            throw new ArtifactException(
                    file
                            + " holds an unreadable model manifest ("
                            + firstLine(e)
                            + "); re-export it",
                    e);
        }
    }

    /** Returns the {@code .onnx} file this detector runs. */
    public Path file() {
        return file;
    }

    @Override
    public Path source() {
        return file;
    }

    @Override
    public long bytesOnDisk() {
        if (artifact != null) {
            return artifact.bytesOnDisk();
        }
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Counts the non-zero values of the exported weight and bias initializers, quantized or not (as
     * deployed: with BatchNorm folded into the convolutions).
     */
    @Override
    public synchronized long nonZeroParameters() {
        if (artifact != null) {
            return artifact.weights().nonZeroParameters();
        }
        if (nonZero < 0) {
            try {
                var model = ai.onnx.proto.OnnxMl.ModelProto.parseFrom(Files.readAllBytes(file));
                long n = 0;
                for (var t : model.getGraph().getInitializerList()) {
                    String name = t.getName().replace("_quantized", "");
                    if (name.endsWith(".weight") || name.endsWith(".bias")) {
                        n += nonZeroValues(t);
                    }
                }
                nonZero = n;
            } catch (IOException e) {
                throw new ArtifactException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return nonZero;
    }

    private static long nonZeroValues(ai.onnx.proto.OnnxMl.TensorProto t) {
        long n = 0;
        if (!t.getRawData().isEmpty()) {
            java.nio.ByteBuffer b =
                    t.getRawData().asReadOnlyByteBuffer().order(java.nio.ByteOrder.LITTLE_ENDIAN);
            if (t.getDataType() == ai.onnx.proto.OnnxMl.TensorProto.DataType.FLOAT.getNumber()) {
                while (b.remaining() >= 4) {
                    n += b.getFloat() != 0f ? 1 : 0;
                }
            } else if (t.getDataType()
                    == ai.onnx.proto.OnnxMl.TensorProto.DataType.INT32.getNumber()) {
                while (b.remaining() >= 4) {
                    n += b.getInt() != 0 ? 1 : 0;
                }
            } else {
                while (b.hasRemaining()) {
                    n += b.get() != 0 ? 1 : 0;
                }
            }
            return n;
        }
        for (float v : t.getFloatDataList()) {
            n += v != 0f ? 1 : 0;
        }
        for (int v : t.getInt32DataList()) {
            n += v != 0 ? 1 : 0;
        }
        return n;
    }

    /**
     * Returns the logits (N, classes), row by row, for {@code n} images packed as N·C·H·W floats:
     * the graph's output, which for a calibrated model already divides by its temperature (the
     * exporter puts that {@code Div} into the graph, {@link org.deepfakeedge.export.OnnxExporter}),
     * so nothing is applied here.
     */
    @Override
    public float[] logits(float[] batch, int n) {
        int per =
                manifest().spec().inChannels()
                        * manifest().spec().imageSize()
                        * manifest().spec().imageSize();
        if (n <= 0 || batch.length < (long) n * per) {
            throw new InvalidInputException(
                    "batch of "
                            + n
                            + " images needs "
                            + (long) n * per
                            + " floats, found "
                            + batch.length);
        }
        long[] shape = {
            n,
            manifest().spec().inChannels(),
            manifest().spec().imageSize(),
            manifest().spec().imageSize()
        };
        lock.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("detector for " + file + " is closed");
            }
            try (OnnxTensor x =
                            OnnxTensor.createTensor(
                                    env, FloatBuffer.wrap(batch, 0, n * per), shape);
                    OrtSession.Result r = session.run(Map.of(INPUT, x))) {
                OnnxValue v = r.get(0);
                FloatBuffer fb = ((OnnxTensor) v).getFloatBuffer();
                float[] out = new float[fb.remaining()];
                fb.get(out);
                return out;
            } catch (OrtException e) {
                throw new IllegalStateException(
                        "ONNX Runtime failed on " + file + ": " + e.getMessage(), e);
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public int threads() {
        return threads;
    }

    @Override
    public String runtime() {
        return RuntimeChoice.ONNX.id();
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                closeQuietly(session);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private static void closeQuietly(OrtSession s) {
        try {
            s.close();
        } catch (OrtException e) {
            LOG.warn("closing ONNX session failed: {}", e.getMessage());
        }
    }

    private static String firstLine(Exception e) {
        String s = String.valueOf(e.getMessage());
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
