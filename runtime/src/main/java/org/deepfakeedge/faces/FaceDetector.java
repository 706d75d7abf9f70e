package org.deepfakeedge.faces;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.deepfakeedge.ArtifactException;

/**
 * Finds faces in images with a bundled BlazeFace network on ONNX Runtime (CPU), offline: the model
 * is read from this jar, nothing is fetched.
 *
 * <p>{@link #detect} letterboxes the image into the model's square input, runs the network, decodes
 * the 896 anchors, keeps those scoring at least the threshold, merges overlapping ones with
 * MediaPipe's weighted NMS and maps the faces back to the image's pixels. The session uses graph
 * optimization level ALL and the configured number of intra-op threads, like {@code
 * runtime.OrtDetector}.
 *
 * <p>Thread-safe: concurrent {@link #detect} calls share the ONNX Runtime session (which runs them
 * concurrently, each with the session's intra-op threads — on a small device one caller at a time
 * is fastest). {@link #close()} waits for running calls; calls after it fail with {@link
 * IllegalStateException}.
 */
public final class FaceDetector implements AutoCloseable {

    static final String INPUT = "input:0";
    private static final String[] LOGITS = {"Identity:0", "Identity_1:0"};
    private static final String[] REGRESSORS = {"Identity_2:0", "Identity_3:0"};

    private final FaceDetectorOptions options;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final Anchors anchors = Anchors.blazeFace();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    private FaceDetector(FaceDetectorOptions options, OrtEnvironment env, OrtSession session) {
        this.options = options;
        this.env = env;
        this.session = session;
    }

    /**
     * Opens the default detector ({@link FaceDetectorOptions#defaults()}).
     *
     * @return the detector
     */
    public static FaceDetector open() {
        return open(FaceDetectorOptions.defaults());
    }

    /**
     * Opens a detector.
     *
     * @param options model, thresholds and threads
     * @return the detector
     * @throws ArtifactException if the bundled model is missing or damaged
     */
    public static FaceDetector open(FaceDetectorOptions options) {
        Objects.requireNonNull(options, "options");
        byte[] bytes = options.model().readBytes();
        int threads =
                options.threads() > 0
                        ? options.threads()
                        : Runtime.getRuntime().availableProcessors();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession session;
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            opts.setIntraOpNumThreads(threads);
            // the converted graphs carry unused initializers ONNX Runtime warns about at load
            opts.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
            session = env.createSession(bytes, opts);
        } catch (OrtException e) {
            throw new ArtifactException(
                    "cannot load the bundled face detection model "
                            + options.model().fileName()
                            + ": "
                            + e.getMessage(),
                    e);
        }
        try {
            List<String> missing = new ArrayList<>();
            if (!session.getInputNames().contains(INPUT)) {
                missing.add(INPUT);
            }
            for (String name : List.of(LOGITS[0], LOGITS[1], REGRESSORS[0], REGRESSORS[1])) {
                if (!session.getOutputNames().contains(name)) {
                    missing.add(name);
                }
            }
            if (!missing.isEmpty()) {
                throw new ArtifactException(
                        options.model().fileName()
                                + " lacks the BlazeFace inputs/outputs "
                                + missing);
            }
        } catch (RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
        return new FaceDetector(options, env, session);
    }

    /**
     * Returns the options this detector runs with.
     *
     * @return the options
     */
    public FaceDetectorOptions options() {
        return options;
    }

    /**
     * Finds the faces in an image.
     *
     * @param image any image (converted to RGB as {@link org.deepfakeedge.data.ImageDecoder} does)
     * @return the faces, highest score first, in the image's pixels; empty if there is none
     * @throws IllegalStateException after {@link #close()}
     */
    public List<Face> detect(BufferedImage image) {
        Objects.requireNonNull(image, "image");
        int size = options.model().inputSize();
        Letterbox box = Letterbox.of(image.getWidth(), image.getHeight(), size);
        float[][] raw = infer(box.toInput(image));
        List<Face> candidates =
                BlazeFaceDecoder.decode(raw[0], raw[1], anchors, size, options.scoreThreshold());
        List<Face> faces = WeightedNms.apply(candidates, options.iouThreshold());
        List<Face> out = new ArrayList<>(faces.size());
        for (Face f : faces) {
            out.add(box.toFrame(f));
        }
        return out;
    }

    /**
     * Runs the network on one input.
     *
     * @param input {@code S × S × 3} floats, NHWC, in [−1, 1]
     * @return the logits of all anchors and their regressors, in anchor order
     */
    float[][] infer(float[] input) {
        int size = options.model().inputSize();
        lock.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("this face detector is closed");
            }
            try (OnnxTensor tensor =
                            OnnxTensor.createTensor(
                                    env, FloatBuffer.wrap(input), new long[] {1, size, size, 3});
                    OrtSession.Result result = session.run(Map.of(INPUT, tensor))) {
                float[] logits = new float[anchors.size()];
                float[] regressors = new float[anchors.size() * BlazeFaceDecoder.VALUES_PER_ANCHOR];
                int at = 0;
                int rat = 0;
                for (int g = 0; g < 2; g++) {
                    at = copy(result, LOGITS[g], logits, at);
                    rat = copy(result, REGRESSORS[g], regressors, rat);
                }
                if (at != logits.length || rat != regressors.length) {
                    throw new ArtifactException(
                            options.model().fileName()
                                    + " returned "
                                    + at
                                    + " scores and "
                                    + rat
                                    + " regressors, expected "
                                    + logits.length
                                    + " and "
                                    + regressors.length);
                }
                return new float[][] {logits, regressors};
            } catch (OrtException e) {
                throw new IllegalStateException(
                        "ONNX Runtime failed on the face detector: " + e.getMessage(), e);
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    private static int copy(OrtSession.Result result, String name, float[] dest, int at) {
        OnnxValue v =
                result.get(name).orElseThrow(() -> new ArtifactException("no output " + name));
        FloatBuffer b = ((OnnxTensor) v).getFloatBuffer();
        int n = b.remaining();
        if (at + n > dest.length) {
            throw new ArtifactException(
                    "output " + name + " has " + n + " values, more than the anchors allow");
        }
        b.get(dest, at, n);
        return at + n;
    }

    /** Releases the ONNX Runtime session; waits for running calls. Idempotent. */
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
            // nothing left to do with a session that failed to close
        }
    }
}
