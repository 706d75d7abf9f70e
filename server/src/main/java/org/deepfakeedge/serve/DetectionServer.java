package org.deepfakeedge.serve;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.artifact.Preprocessors;
import org.deepfakeedge.data.BadImageException;
import org.deepfakeedge.data.ImageDecoder;
import org.deepfakeedge.data.ImagePreprocessor;
import org.deepfakeedge.faces.FaceDetector;
import org.deepfakeedge.provenance.Json;
import org.deepfakeedge.runtime.Detection;
import org.deepfakeedge.runtime.Detector;
import org.deepfakeedge.runtime.Scorer;
import org.deepfakeedge.scan.FileScanner;
import org.deepfakeedge.scan.FrameScorer;
import org.deepfakeedge.scan.ScanInput;
import org.deepfakeedge.scan.ScanOptions;
import org.deepfakeedge.scan.ScanResult;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The detection service: a {@link Detector} behind HTTP (Javalin on Jetty).
 *
 * <pre>{@code
 * try (Detector d = Detector.load(model);
 *      DetectionServer s = DetectionServer.start(d, ServeConfig.builder().port(0).build())) {
 *     System.out.println(s.uri());   // POST images to s.uri() + "/v1/detect"
 * }
 * }</pre>
 *
 * <p>Request threads read, decode and preprocess the images (so the queue holds small tensors, not
 * full-size pictures) and hand the tensors to a {@link MicroBatcher}, whose single worker scores up
 * to {@code maxBatch} images per call exactly as {@link Detector#detectAll} does, so the scores
 * equal {@code predict}'s. A full queue answers 429 at once; a closing server answers 503.
 *
 * <p>With faces on or auto ({@link ServeConfig#scoring}), an image is scored by the scan module's
 * {@link FrameScorer} (its most-fake face, or the whole image): faces are found on the request
 * thread and their crops go through the same micro-batcher, so crops of concurrent requests share
 * batches. A video body is written to a temp file and scanned by a {@link FileScanner} (sampled
 * frames, aggregation) on the request thread, at most {@code maxVideoJobs} at once (more get 429):
 * its frames are scored by the detector directly rather than through the queue, so that a video
 * never takes the image queue's places for seconds nor fails half-way on a full queue. One face
 * detector serves every thread: {@link FaceDetector#detect} is thread-safe (concurrent calls share
 * one ONNX Runtime session, whose runs are thread-safe), so no copy per thread is needed.
 *
 * <p>{@code POST /v1/explain} answers with a heatmap ({@link Explanations}): it costs about 50
 * forward passes, so it runs on its request thread directly on the detector, never through the
 * micro-batcher's queue, at most {@code maxExplainJobs} at once and only while that queue is less
 * than half full (else 429 at once). {@code GET /} is the web page ({@link WebPage}), open like
 * {@code /health}; the API calls it makes need the key.
 *
 * <p>{@link #close()} drains: it stops admitting detection requests, waits for those in flight to
 * finish, then stops the batcher and Jetty. It does not close the detector (the caller owns it).
 */
public final class DetectionServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DetectionServer.class);
    private static final String T0 = "deepfake-edge.t0";
    private static final String ROUTE = "deepfake-edge.route";

    /** Set once an error answer is written, so Javalin's 404 handler leaves a route's own 404. */
    private static final String FAILED = "deepfake-edge.failed";

    private final Detector detector;
    private final ServeConfig config;
    private final ImagePreprocessor preprocessor;
    private final String modelName;
    private final ObjectNode modelInfo;
    private final ServiceMetrics metrics = new ServiceMetrics();
    private final MicroBatcher<float[], Float> batcher;
    private final ScanOptions scoring;
    private final FaceDetector faces;
    private final FrameScorer imageFrames;
    private final FrameScorer videoFrames;
    private final FileScanner videos;
    private final Semaphore videoJobs;
    private final Explanations explanations;
    private final WebPage web = new WebPage();
    private final LatencyWindow latency = new LatencyWindow();
    private final ObjectNode evaluation;
    private final Object inflightLock = new Object();
    private int inflight;
    private volatile boolean draining;
    private boolean closed;
    private Javalin app;

    private DetectionServer(Detector detector, ServeConfig config) {
        if (config.scoring().unsure() != null) { // before any thread or session is started
            config.scoring().unsure().checkContains(detector.manifest().threshold());
        }
        this.detector = detector;
        this.config = config;
        this.preprocessor = Preprocessors.of(detector.manifest().preprocessing());
        this.modelName = ModelInfo.name(detector);
        this.modelInfo = ModelInfo.describe(detector);
        this.evaluation = ModelInfo.evaluation(detector);
        if (evaluation != null) {
            modelInfo.put("metrics_url", "/v1/models/" + modelName + "/metrics");
        }
        Scorer scorer = detector.scorer();
        int per = preprocessor.tensorLength();
        this.batcher =
                new MicroBatcher<>(
                        tensors -> score(scorer, per, tensors),
                        config.queueCapacity(),
                        config.maxBatch(),
                        config.maxWait(),
                        (n, nanos, failed) -> {
                            metrics.batch(n, nanos, failed);
                            if (!failed) {
                                latency.batch(n, nanos);
                            }
                        });
        metrics.gauge("queue_depth", "Images waiting for inference.", batcher::queueDepth);
        metrics.gauge(
                "queue_capacity", "Most images that can wait for inference.", batcher::capacity);
        metrics.gauge("requests_in_flight", "Detection requests being processed.", this::inflight);
        this.scoring = config.scoring();
        this.faces =
                scoring.faces() == ScanOptions.FaceMode.OFF
                        ? null
                        : FaceDetector.open(scoring.faceDetectorOptions());
        int size = detector.manifest().spec().imageSize();
        this.imageFrames = new FrameScorer(this::queued, size, scoring, faces);
        this.videoFrames =
                new FrameScorer(FrameScorer.Classifier.of(detector), size, scoring, faces);
        this.videos = new FileScanner(detector, videoFrames);
        this.videoJobs = new Semaphore(config.maxVideoJobs());
        metrics.gauge(
                "video_jobs_running",
                "Videos being scored.",
                () -> config.maxVideoJobs() - videoJobs.availablePermits());
        this.explanations =
                new Explanations(
                        detector,
                        scoring,
                        scoring.faces() == ScanOptions.FaceMode.OFF ? null : faces,
                        config.maxExplainJobs());
        metrics.gauge("explain_jobs_running", "Heatmaps being computed.", explanations::running);
    }

    /**
     * Starts serving {@code detector}.
     *
     * @throws InvalidInputException if the address cannot be bound (port in use, unknown host), or
     *     the scoring options' unsure band does not contain the model's threshold
     */
    public static DetectionServer start(Detector detector, ServeConfig config) {
        DetectionServer s = new DetectionServer(detector, config);
        try {
            s.app = s.javalin().start();
        } catch (RuntimeException e) {
            s.batcher.close(Duration.ZERO);
            s.closeScoring();
            throw new InvalidInputException(
                    "cannot listen on "
                            + config.host()
                            + ":"
                            + config.port()
                            + " ("
                            + e.getMessage()
                            + "); pick another --port or --host",
                    e);
        }
        LOG.info(
                "serving {} ({}, {}) on {}",
                s.modelName,
                detector.manifest().spec().arch(),
                detector.runtime(),
                s.uri());
        return s;
    }

    /** Scores a micro-batch: the tensors packed as one N·C·H·W array, as AbstractDetector does. */
    private static List<Float> score(Scorer scorer, int per, List<float[]> tensors) {
        int n = tensors.size();
        float[] x = new float[n * per];
        for (int i = 0; i < n; i++) {
            System.arraycopy(tensors.get(i), 0, x, i * per, per);
        }
        float[] p = scorer.scores(x, n);
        List<Float> out = new ArrayList<>(n);
        for (float v : p) {
            out.add(v);
        }
        return out;
    }

    private Javalin javalin() {
        long total = RequestImages.totalLimit(config);
        return Javalin.create(
                cfg -> {
                    cfg.startup.showJavalinBanner = false;
                    cfg.startup.showOldJavalinVersionWarning = false;
                    cfg.jetty.host = config.host();
                    cfg.jetty.port = config.port();
                    QueuedThreadPool pool =
                            new QueuedThreadPool(
                                    config.httpThreads(), Math.min(8, config.httpThreads()));
                    pool.setName("serve-http");
                    cfg.jetty.threadPool = pool;
                    cfg.http.maxRequestSize = total;
                    cfg.http.prefer405over404 = true;
                    // Jetty's own per-part limit aborts the parse mid-body and can drop the
                    // connection
                    // before the 413 is written (seen under load); the body is bounded by the
                    // total, and
                    // RequestImages checks each part against --max-image-bytes with a proper
                    // answer.
                    cfg.jetty.multipartConfig.maxFileSize(total, SizeUnit.BYTES);
                    cfg.jetty.multipartConfig.maxTotalRequestSize(total, SizeUnit.BYTES);
                    cfg.jetty.multipartConfig.maxInMemoryFileSize(
                            (int) Math.min(Integer.MAX_VALUE, config.maxImageBytes()),
                            SizeUnit.BYTES);

                    cfg.routes.before(ctx -> ctx.attribute(T0, System.nanoTime()));
                    cfg.routes.get("/health", route("/health", false, this::health));
                    cfg.routes.get("/", route("/", false, web::index));
                    cfg.routes.get("/web/{file}", route("/web", false, web::file));
                    cfg.routes.get("/v1/models", route("/v1/models", true, this::models));
                    cfg.routes.get(
                            "/v1/models/{name}/metrics",
                            route("/v1/models/metrics", true, this::modelMetrics));
                    cfg.routes.post("/v1/explain", route("/v1/explain", true, this::explain));
                    cfg.routes.post(
                            "/v1/detect", route("/v1/detect", true, ctx -> detect(ctx, false)));
                    cfg.routes.post(
                            "/v1/detect/batch",
                            route("/v1/detect/batch", true, ctx -> detect(ctx, true)));
                    cfg.routes.get("/metrics", route("/metrics", true, this::prometheus));
                    cfg.routes.error(
                            404,
                            ctx -> {
                                if (ctx.attribute(FAILED) == null) {
                                    fail(
                                            ctx,
                                            new HttpError(
                                                    404,
                                                    "not_found",
                                                    "no endpoint "
                                                            + ctx.method()
                                                            + " "
                                                            + ctx.path()
                                                            + "; see GET / (the web page), GET"
                                                            + " /health, GET /v1/models, GET"
                                                            + " /v1/models/NAME/metrics, POST"
                                                            + " /v1/detect, POST /v1/detect/batch,"
                                                            + " POST /v1/explain, GET /metrics"));
                                }
                            });
                    cfg.routes.error(
                            405,
                            ctx ->
                                    fail(
                                            ctx,
                                            new HttpError(
                                                    405,
                                                    "method_not_allowed",
                                                    ctx.method()
                                                            + " is not allowed on "
                                                            + ctx.path())));
                    cfg.routes.exception(
                            Exception.class,
                            (e, ctx) -> {
                                LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
                                fail(
                                        ctx,
                                        new HttpError(
                                                500,
                                                "internal",
                                                "internal error: " + e.getClass().getSimpleName()));
                            });
                    cfg.routes.after(
                            ctx -> {
                                Long t0 = ctx.attribute(T0);
                                String route = ctx.attribute(ROUTE);
                                metrics.request(
                                        route == null ? "other" : route,
                                        ctx.statusCode(),
                                        t0 == null ? 0 : System.nanoTime() - t0);
                            });
                });
    }

    /** Wraps a handler: route label, API key check, and HttpError → JSON error answer. */
    private Handler route(String name, boolean protectedRoute, Handler h) {
        return ctx -> {
            ctx.attribute(ROUTE, name);
            try {
                if (protectedRoute
                        && config.apiKey() != null
                        && !config.apiKey()
                                .accepts(ctx.header("Authorization"), ctx.header("X-API-Key"))) {
                    ctx.header("WWW-Authenticate", "Bearer");
                    throw new HttpError(
                            401,
                            "unauthorized",
                            "missing or wrong API key: send it as 'Authorization: Bearer KEY' or 'X-API-Key: KEY'");
                }
                h.handle(ctx);
            } catch (HttpError e) {
                fail(ctx, e);
            }
        };
    }

    private void fail(Context ctx, HttpError e) {
        ctx.attribute(FAILED, Boolean.TRUE);
        metrics.error(e.reason);
        if (e.status == 429) {
            ctx.header("Retry-After", "1");
        }
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("error", e.getMessage());
        o.put("status", e.status);
        if (ctx.method() == io.javalin.http.HandlerType.POST) {
            // A refused body may be partly unread. Answering and closing while the client still
            // sends makes it fail with a broken pipe instead of reading the answer, and a
            // kept-alive
            // connection that Jetty closes takes the client's next request with it (both seen in
            // tests). So: read and discard what is left (bounded), and say the connection closes.
            discardBody(ctx);
            ctx.header("Connection", "close");
        }
        ctx.status(e.status).contentType("application/json").result(Json.line(o));
    }

    /** Most bytes of a refused body read and discarded so that the client can read the answer. */
    private static final long DRAIN_MAX = 16L << 20;

    private static void discardBody(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > DRAIN_MAX) {
            return; // not worth reading: the connection closes
        }
        try {
            ctx.req().getInputStream().skipNBytes(declared >= 0 ? declared : DRAIN_MAX);
        } catch (java.io.IOException | RuntimeException e) {
            // less was left (part of it was read already), or the client went away: done
        }
    }

    private static void json(Context ctx, Object body) {
        ctx.contentType("application/json").result(Json.line(body));
    }

    private void health(Context ctx) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("status", draining ? "draining" : "ok");
        o.put("model", modelName);
        o.put("runtime", detector.runtime());
        o.put("threads", detector.threads());
        o.put("queue_depth", batcher.queueDepth());
        o.put("queue_capacity", batcher.capacity());
        ctx.status(draining ? 503 : 200);
        json(ctx, o);
    }

    private void models(Context ctx) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.putArray("models").add(ModelInfo.withLatency(modelInfo, latency.summary()));
        o.set("service", ModelInfo.service(config));
        json(ctx, o);
    }

    /** The test evaluation of the served model, in full (ROC points included). */
    private void modelMetrics(Context ctx) {
        String name = ctx.pathParam("name");
        if (!name.equals(modelName)) {
            throw new HttpError(
                    404, "not_found", "no model '" + name + "': this service serves " + modelName);
        }
        if (evaluation == null) {
            throw new HttpError(
                    404,
                    "no_metrics",
                    modelName
                            + " has no test evaluation (metrics.json): serve the model's artifact"
                            + " folder rather than an .onnx file, or run evaluate on it");
        }
        json(ctx, evaluation);
    }

    /**
     * Explains one image: a heatmap PNG (default) or, with {@code Accept: application/json}, the
     * verdict and every heatmap as a data URL with its region. Admitted only while the detection
     * queue is less than half full and an explain job is free (else 429 at once, before the body is
     * read), so explanations yield to detection.
     */
    private void explain(Context ctx) {
        if (!enter()) {
            throw new HttpError(503, "shutting_down", new ShuttingDownException().getMessage());
        }
        try {
            if (2 * batcher.queueDepth() > batcher.capacity()) {
                throw new HttpError(
                        429,
                        "explain_busy",
                        "detection comes first: "
                                + batcher.queueDepth()
                                + " of "
                                + batcher.capacity()
                                + " images are waiting for inference; retry the heatmap later");
            }
            if (!explanations.tryAcquire()) {
                throw new HttpError(
                        429,
                        "explain_busy",
                        explanations.maxJobs()
                                + " of "
                                + explanations.maxJobs()
                                + " heatmaps being computed (--max-explain-jobs); retry later");
            }
            try {
                explainOne(ctx);
            } finally {
                explanations.release();
            }
        } finally {
            exit();
        }
    }

    private void explainOne(Context ctx) {
        RequestImages.Body body = RequestImages.read(ctx, config, false);
        if (body.video() != null) {
            throw new HttpError(
                    415,
                    "unsupported_media_type",
                    body.video().name()
                            + ": a video; /v1/explain takes one image (send videos to /v1/detect)");
        }
        Explanations.Result r = explanations.explain(decode(body.images().get(0)));
        String accept = ctx.header("Accept");
        if (accept != null
                && accept.contains("application/json")
                && !accept.strip().startsWith("image/png")) {
            ObjectNode o =
                    Explanations.json(
                            r, p -> verdict(verdictOf(p)), detector.manifest().threshold());
            o.put("model", modelName);
            o.put("latency_ms", (System.nanoTime() - (Long) ctx.attribute(T0)) / 1e6);
            json(ctx, o);
        } else {
            Explanations.png(ctx, r);
        }
    }

    private void prometheus(Context ctx) {
        ctx.contentType(ServiceMetrics.CONTENT_TYPE).result(metrics.render());
    }

    private void detect(Context ctx, boolean many) {
        if (!enter()) {
            throw new HttpError(503, "shutting_down", new ShuttingDownException().getMessage());
        }
        try {
            RequestImages.Body body = RequestImages.read(ctx, config, many);
            if (body.video() != null) {
                detectVideo(ctx, body.video());
                return;
            }
            List<RequestImages.Encoded> images = body.images();
            if (!batcher.hasRoom(images.size())) {
                // refuse before decoding: under overload, decoding images that will be refused
                // would take the CPU from the ones being scored (submitAll below still decides)
                throw new HttpError(
                        429,
                        "queue_full",
                        new QueueFullException(
                                        images.size(), batcher.capacity(), batcher.queueDepth())
                                .getMessage());
            }
            List<ObjectNode> results = new ArrayList<>(images.size());
            if (scoring.faces() == ScanOptions.FaceMode.OFF) {
                List<float[]> tensors = new ArrayList<>(images.size());
                for (RequestImages.Encoded e : images) {
                    tensors.add(tensor(decode(e)));
                }
                for (float p : awaitScores(submit(tensors))) {
                    Detection d = verdictOf(p);
                    metrics.image(d.label());
                    results.add(verdict(d));
                }
            } else {
                // one image after another: each frame's faces are known only after detection, and
                // its crops are queued as one group (a batch request is not queued all at once)
                for (RequestImages.Encoded e : images) {
                    results.add(faceVerdict(imageFrames.score(decode(e), 0, 0.0)));
                }
            }
            double ms = (System.nanoTime() - (Long) ctx.attribute(T0)) / 1e6;
            if (!many) {
                ObjectNode o = results.get(0);
                o.put("model", modelName);
                o.put("latency_ms", ms);
                json(ctx, o);
                return;
            }
            ObjectNode o = Json.MAPPER.createObjectNode();
            var array = o.putArray("results");
            for (int i = 0; i < results.size(); i++) {
                array.add(results.get(i).put("name", images.get(i).name()));
            }
            o.put("model", modelName);
            o.put("latency_ms", ms);
            json(ctx, o);
        } finally {
            exit();
        }
    }

    /** An image's answer with faces on or auto: the frame rule's score and the faces. */
    private ObjectNode faceVerdict(ScanResult.FrameScore s) {
        ObjectNode o;
        if (s.pFake() == null) { // faces on and no face: nothing was scored
            metrics.image("none");
            o = Json.MAPPER.createObjectNode();
            o.putNull("p_fake");
            o.putNull("label");
            o.put("threshold", detector.manifest().threshold());
        } else {
            Detection d = verdictOf(s.pFake());
            metrics.image(d.label());
            o = verdict(d);
        }
        o.put("faces", s.faces().size());
        o.set("face_boxes", Json.MAPPER.valueToTree(s.faces()));
        o.put("no_face", s.faces().isEmpty());
        return o;
    }

    /**
     * Scans a video upload: a video job permit first (429 when every one is taken, before the body
     * is read), then the body into a temp file that is deleted afterwards, whatever happens.
     */
    private void detectVideo(Context ctx, RequestImages.Video video) {
        if (!videoJobs.tryAcquire()) {
            throw new HttpError(
                    429,
                    "videos_busy",
                    config.maxVideoJobs()
                            + " of "
                            + config.maxVideoJobs()
                            + " video jobs running (--max-video-jobs); retry later");
        }
        Path file = null;
        try {
            file = RequestImages.save(video, config.maxVideoBytes());
            ScanResult r = videos.scan(new ScanInput(file, ScanInput.Kind.VIDEO, null));
            if (r.error() != null) {
                throw new HttpError(
                        400,
                        "bad_video",
                        video.name() + ": " + r.error().replace(file.toString(), video.name()));
            }
            ObjectNode o = Json.MAPPER.createObjectNode();
            o.put("kind", "video");
            if (r.pFake() == null) {
                o.putNull("p_fake");
            } else {
                o.put("p_fake", r.pFake());
            }
            o.put("label", r.label());
            o.put("threshold", r.threshold());
            o.put("frames", r.frames());
            o.put("frames_read", r.framesRead());
            o.put("faces", r.faces());
            o.put("no_face", r.noFace());
            o.put("aggregate", scoring.aggregation().toString());
            o.put("model", modelName);
            o.put("latency_ms", (System.nanoTime() - (Long) ctx.attribute(T0)) / 1e6);
            json(ctx, o);
        } finally {
            videoJobs.release();
            if (file != null) {
                RequestImages.delete(file);
            }
        }
    }

    /**
     * The frame scorer's classifier for images: crops (or whole images) preprocessed here and
     * scored through the micro-batcher, in groups the queue can hold.
     */
    private double[] queued(List<BufferedImage> images) {
        double[] out = new double[images.size()];
        for (int start = 0; start < images.size(); start += batcher.capacity()) {
            int end = Math.min(images.size(), start + batcher.capacity());
            List<float[]> tensors = new ArrayList<>(end - start);
            for (BufferedImage image : images.subList(start, end)) {
                tensors.add(tensor(image));
            }
            float[] p = awaitScores(submit(tensors));
            for (int i = 0; i < p.length; i++) {
                out[start + i] = p[i];
            }
        }
        return out;
    }

    private List<CompletableFuture<Float>> submit(List<float[]> tensors) {
        try {
            return batcher.submitAll(tensors);
        } catch (QueueFullException e) {
            throw new HttpError(429, "queue_full", e.getMessage());
        } catch (ShuttingDownException e) {
            throw new HttpError(503, "shutting_down", e.getMessage());
        }
    }

    /** Decodes on the request thread, within --max-pixels. */
    private BufferedImage decode(RequestImages.Encoded e) {
        try {
            return ImageDecoder.read(e.bytes(), e.name(), config.maxPixels());
        } catch (BadImageException ex) {
            boolean tooLarge = ex.reason().contains("too large");
            throw new HttpError(
                    tooLarge ? 413 : 400,
                    tooLarge ? "too_large" : "bad_image",
                    ex.getMessage() + (tooLarge ? " (--max-pixels)" : ""));
        }
    }

    /** Preprocesses on the request thread, so the batch worker only runs the model. */
    private float[] tensor(BufferedImage image) {
        float[] x = new float[preprocessor.tensorLength()];
        preprocessor.toChw(preprocessor.resizeToRgb(image), x, 0);
        return x;
    }

    /** The verdict on score {@code p}: at the model's threshold, unsure in the scoring band. */
    private Detection verdictOf(double p) {
        double t = detector.manifest().threshold();
        return new Detection(p, detector.manifest().classNames().get(p >= t ? 1 : 0), t)
                .within(scoring.unsure());
    }

    private float[] awaitScores(List<CompletableFuture<Float>> futures) {
        long deadline = System.nanoTime() + config.requestTimeout().toNanos();
        float[] out = new float[futures.size()];
        for (int i = 0; i < out.length; i++) {
            try {
                out[i] =
                        futures.get(i)
                                .get(
                                        Math.max(0, deadline - System.nanoTime()),
                                        TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                throw new HttpError(
                        503,
                        "timeout",
                        "no result within "
                                + config.requestTimeout().toMillis()
                                + " ms; the service is overloaded, retry later");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof ShuttingDownException s) {
                    throw new HttpError(503, "shutting_down", s.getMessage());
                }
                LOG.error("inference failed", e.getCause());
                throw new HttpError(500, "inference", "inference failed: " + e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HttpError(
                        503, "shutting_down", "interrupted while waiting for the result");
            }
        }
        return out;
    }

    private static ObjectNode verdict(Detection d) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("p_fake", d.pFake());
        o.put("label", d.label());
        o.put("threshold", d.threshold());
        return o;
    }

    /** Admits a detection request unless draining; the count lets close() wait for it. */
    private boolean enter() {
        synchronized (inflightLock) {
            if (draining) {
                return false;
            }
            inflight++;
            return true;
        }
    }

    private void exit() {
        synchronized (inflightLock) {
            inflight--;
            inflightLock.notifyAll();
        }
    }

    private long inflight() {
        synchronized (inflightLock) {
            return inflight;
        }
    }

    private void closeScoring() {
        videos.close();
        videoFrames.close();
        imageFrames.close();
        if (faces != null) {
            faces.close();
        }
    }

    /** Returns the port the server listens on (the chosen one when configured with port 0). */
    public int port() {
        return app.port();
    }

    /** Returns the base URI, e.g. {@code http://127.0.0.1:8080}. */
    public URI uri() {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return URI.create("http://" + ("0.0.0.0".equals(host) ? "127.0.0.1" : host) + ":" + port());
    }

    /** Returns the service metrics. */
    public ServiceMetrics metrics() {
        return metrics;
    }

    /** Returns the images waiting for inference. */
    public int queueDepth() {
        return batcher.queueDepth();
    }

    /** Returns the detection requests being processed now. */
    public int requestsInFlight() {
        return (int) inflight();
    }

    /**
     * Stops gracefully: new detection requests get 503 at once, requests in flight finish (up to
     * the drain timeout), then the batcher and the HTTP server stop. Idempotent.
     */
    @Override
    public void close() {
        synchronized (inflightLock) {
            if (closed) {
                return;
            }
            closed = true;
            draining = true;
            long deadline = System.nanoTime() + config.drainTimeout().toNanos();
            while (inflight > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOG.warn(
                            "{} requests still in flight after {} s; stopping anyway",
                            inflight,
                            config.drainTimeout().toSeconds());
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(inflightLock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        batcher.close(config.drainTimeout());
        closeScoring();
        if (app != null) {
            app.stop();
        }
        LOG.info("stopped serving {}", modelName);
    }
}
