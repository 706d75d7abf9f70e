package org.deepfakeedge.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.deepfakeedge.runtime.Detector;
import org.deepfakeedge.runtime.RuntimeChoice;
import org.deepfakeedge.scan.Aggregation;
import org.deepfakeedge.scan.ScanOptions;
import org.deepfakeedge.serve.ApiKey;
import org.deepfakeedge.serve.DetectionServer;
import org.deepfakeedge.serve.ServeConfig;
import org.deepfakeedge.video.FrameSampling;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code deepfake-edge serve}: the detection service over HTTP. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Serve a detector over HTTP: a web page at /, POST /v1/detect, POST /v1/detect/batch,",
            "POST /v1/explain (heatmap PNG), GET /v1/models, GET /v1/models/NAME/metrics, GET /health,",
            "GET /metrics (Prometheus). Requests are micro-batched; a full queue answers 429,",
            "a stopping server 503. SIGTERM (Ctrl-C) finishes the requests in flight, then exits.",
            "With --runtime auto the service runs every model on ONNX Runtime and never loads libtorch:",
            "dynamic-linear INT8 layers run on their int8 weights with float activations (logits within",
            "0.05 of the DJL runtime's per-row activation quantization); --runtime djl reproduces that.",
            "POST /v1/detect also takes one video (video/mp4, video/webm, video/x-matroska,",
            "video/quicktime, video/x-msvideo, or recognised by its first bytes) up to --max-video-bytes:",
            "scored like scan on --frames sampled frames (--aggregate), --max-video-jobs at a time.",
            "API: docs/openapi.yaml."
        })
public final class ServeCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin ModelMixin modelOptions;

    @Option(
            names = "--host",
            defaultValue = "127.0.0.1",
            description =
                    "Address to listen on; 0.0.0.0 for cameras on the network (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(
            names = "--port",
            defaultValue = "8080",
            description = "TCP port, 0 = any free port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--max-batch",
            defaultValue = "8",
            description = "Most images per inference call (default: ${DEFAULT-VALUE}).")
    int maxBatch;

    @Option(
            names = "--max-wait-ms",
            defaultValue = "2",
            description =
                    "How long a batch waits for more images after the first (default: ${DEFAULT-VALUE}).")
    long maxWaitMs;

    @Option(
            names = "--queue-capacity",
            defaultValue = "32",
            description =
                    "Most images waiting for inference; more get 429 (default: ${DEFAULT-VALUE}).")
    int queueCapacity;

    @Option(
            names = "--max-image-bytes",
            defaultValue = "10485760",
            description =
                    "Largest accepted image file; larger get 413 (default: ${DEFAULT-VALUE}).")
    long maxImageBytes;

    @Option(
            names = "--max-pixels",
            defaultValue = "16777216",
            description =
                    "Largest accepted decoded image, width × height; larger get 413 (default: ${DEFAULT-VALUE}).")
    long maxPixels;

    @Option(
            names = "--max-images-per-request",
            description =
                    "Most images in one /v1/detect/batch request (default: min(32, queue capacity)).")
    Integer maxImagesPerRequest;

    @Option(
            names = "--http-threads",
            description = "Request threads (default: queue capacity + 2 × max batch + 16).")
    Integer httpThreads;

    @Option(
            names = "--faces",
            defaultValue = "off",
            paramLabel = "auto|on|off",
            description =
                    "off: score whole images and frames, answers as without faces; auto: score each"
                            + " face found (BlazeFace) and take the most-fake one (answers gain"
                            + " faces, face_boxes, no_face), a frame without a face is scored"
                            + " whole; on: faces only, no face gives p_fake null (default:"
                            + " ${DEFAULT-VALUE}).")
    String faces;

    @picocli.CommandLine.Mixin FaceDetectorMixin faceDetectorOptions;

    @picocli.CommandLine.Mixin UnsureMixin unsureOptions;

    @Option(
            names = "--max-video-bytes",
            defaultValue = "67108864",
            description =
                    "Largest accepted video upload; larger get 413 (default: ${DEFAULT-VALUE}, 64"
                            + " MiB; images keep --max-image-bytes).")
    long maxVideoBytes;

    @Option(
            names = "--frames",
            defaultValue = "32",
            description =
                    "Frames scored per video, spread evenly from the first to the last (default:"
                            + " ${DEFAULT-VALUE}).")
    int frames;

    @Option(
            names = "--aggregate",
            defaultValue = "mean",
            paramLabel = "mean|max|topk:K",
            description =
                    "A video's score from its frame scores, as scan (default: ${DEFAULT-VALUE}).")
    String aggregate;

    @Option(
            names = "--max-video-jobs",
            defaultValue = "1",
            description =
                    "Videos scored at once (each on its request thread); more get 429 (default:"
                            + " ${DEFAULT-VALUE}).")
    int maxVideoJobs;

    @Option(
            names = "--max-explain-jobs",
            defaultValue = "1",
            description =
                    "Heatmaps (POST /v1/explain, about 50 forward passes each) computed at once, on"
                            + " their request threads; more, or any while the detection queue is"
                            + " half full, get 429 (default: ${DEFAULT-VALUE}).")
    int maxExplainJobs;

    @Option(
            names = "--api-key-file",
            description =
                    "File holding the API key clients must send (Authorization: Bearer KEY or X-API-Key); /health stays open.")
    Path apiKeyFile;

    @Option(
            names = "--request-timeout-s",
            defaultValue = "30",
            description =
                    "A request waiting longer for its scores gets 503 (default: ${DEFAULT-VALUE}).")
    long requestTimeoutS;

    @Option(
            names = "--drain-timeout-s",
            defaultValue = "30",
            description =
                    "How long shutdown waits for requests in flight (default: ${DEFAULT-VALUE}).")
    long drainTimeoutS;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    /** Returns the options as a validated config. */
    ServeConfig toConfig() {
        ServeConfig.Builder b =
                ServeConfig.builder()
                        .host(host)
                        .port(port)
                        .maxBatch(maxBatch)
                        .maxWait(Duration.ofMillis(maxWaitMs))
                        .queueCapacity(queueCapacity)
                        .maxImageBytes(maxImageBytes)
                        .maxPixels(maxPixels)
                        .requestTimeout(Duration.ofSeconds(requestTimeoutS))
                        .drainTimeout(Duration.ofSeconds(drainTimeoutS))
                        .scoring(scoring())
                        .maxVideoBytes(maxVideoBytes)
                        .maxVideoJobs(maxVideoJobs)
                        .maxExplainJobs(maxExplainJobs);
        if (maxImagesPerRequest != null) {
            b.maxImagesPerRequest(maxImagesPerRequest);
        }
        if (httpThreads != null) {
            b.httpThreads(httpThreads);
        }
        if (apiKeyFile != null) {
            b.apiKey(ApiKey.fromFile(apiKeyFile));
        }
        return b.build();
    }

    /** How images and videos are scored: faces, face detector, frames, aggregation, threads. */
    private ScanOptions scoring() {
        if (frames < 1) {
            throw new org.deepfakeedge.InvalidInputException(
                    "--frames must be >= 1, found " + frames);
        }
        return faceDetectorOptions.applyTo(
                ScanOptions.defaults()
                        .withFaces(ScanOptions.FaceMode.parse(faces))
                        .withSampling(FrameSampling.evenly(frames))
                        .withAggregation(Aggregation.parse(aggregate))
                        .withThreads(modelOptions.threads)
                        .withUnsure(unsureOptions.band()));
    }

    /**
     * Loads the model; {@code auto} means ONNX Runtime for every model here, so that a served model
     * never loads libtorch (the service's start-up and memory do not depend on the model kind).
     */
    Detector loadDetector() {
        RuntimeChoice runtime = RuntimeChoice.parse(modelOptions.runtime);
        return modelOptions.load(runtime == RuntimeChoice.AUTO ? RuntimeChoice.ONNX : runtime);
    }

    @Override
    public Integer call() throws Exception {
        ServeConfig config = toConfig(); // bad options fail before the model loads
        Detector detector = loadDetector();
        DetectionServer server;
        try {
            server = DetectionServer.start(detector, config);
        } catch (RuntimeException e) {
            detector.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    spec.commandLine()
                                            .getErr()
                                            .println("stopping: finishing requests in flight...");
                                    spec.commandLine().getErr().flush();
                                    server.close();
                                    detector.close();
                                    stopped.countDown();
                                },
                                "serve-shutdown"));
        spec.commandLine()
                .getOut()
                .println(
                        "listening on "
                                + server.uri()
                                + (config.apiKey() != null ? " (API key required)" : ""));
        spec.commandLine().getOut().flush();
        stopped.await();
        return ExitCodes.OK;
    }
}
