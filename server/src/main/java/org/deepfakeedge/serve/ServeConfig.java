package org.deepfakeedge.serve;

import java.time.Duration;
import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.scan.ScanOptions;

/**
 * How the detection service runs.
 *
 * @param host address to listen on ({@code 127.0.0.1} by default; {@code 0.0.0.0} for cameras on
 *     the network)
 * @param port TCP port, 0 for any free port
 * @param maxBatch most images per inference call
 * @param maxWait how long the batcher waits for more images after the first
 * @param queueCapacity most images waiting for inference; more get 429 at once
 * @param maxImageBytes largest accepted encoded image
 * @param maxPixels largest accepted decoded image (width × height), a decompression-bomb guard
 * @param maxImagesPerRequest most images in one {@code /v1/detect/batch} request
 * @param httpThreads request threads; more than {@code queueCapacity + 2 × maxBatch} so that the
 *     queue, not the thread pool, is what fills up under overload and answers 429
 * @param requestTimeout how long a request waits for its scores before answering 503
 * @param drainTimeout how long shutdown waits for requests in flight
 * @param apiKey the key clients must send, or null for an open service
 * @param scoring how images and videos are scored: faces (off by default), face model and
 *     threshold, frames per video and their aggregation, face detector threads
 * @param maxVideoBytes largest accepted video upload (images keep {@code maxImageBytes})
 * @param maxVideoJobs videos scored at once; more get 429 at once
 * @param maxExplainJobs heatmaps ({@code /v1/explain}) computed at once; more get 429 at once
 */
public record ServeConfig(
        String host,
        int port,
        int maxBatch,
        Duration maxWait,
        int queueCapacity,
        long maxImageBytes,
        long maxPixels,
        int maxImagesPerRequest,
        int httpThreads,
        Duration requestTimeout,
        Duration drainTimeout,
        ApiKey apiKey,
        ScanOptions scoring,
        long maxVideoBytes,
        int maxVideoJobs,
        int maxExplainJobs) {

    public ServeConfig {
        check(port >= 0 && port <= 65535, "--port must be 0..65535, found " + port);
        check(maxBatch >= 1, "--max-batch must be >= 1, found " + maxBatch);
        check(queueCapacity >= 1, "--queue-capacity must be >= 1, found " + queueCapacity);
        check(maxImageBytes >= 1, "--max-image-bytes must be >= 1, found " + maxImageBytes);
        check(maxPixels >= 1, "--max-pixels must be >= 1, found " + maxPixels);
        check(
                maxImagesPerRequest >= 1 && maxImagesPerRequest <= queueCapacity,
                "--max-images-per-request must be 1..queue capacity ("
                        + queueCapacity
                        + "), found "
                        + maxImagesPerRequest);
        check(httpThreads >= 8, "--http-threads must be >= 8, found " + httpThreads);
        check(!maxWait.isNegative(), "--max-wait-ms must be >= 0, found " + maxWait.toMillis());
        check(scoring != null, "scoring options are required");
        check(maxVideoBytes >= 1, "--max-video-bytes must be >= 1, found " + maxVideoBytes);
        check(maxVideoJobs >= 1, "--max-video-jobs must be >= 1, found " + maxVideoJobs);
        check(maxExplainJobs >= 1, "--max-explain-jobs must be >= 1, found " + maxExplainJobs);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new InvalidInputException(message);
        }
    }

    /**
     * The defaults: loopback, port 8080, batches of 8 within 2 ms, 32 waiting images, 10 MiB per
     * image, faces off, videos up to 64 MiB scored on 32 frames (mean), one video and one heatmap
     * at a time.
     */
    public static ServeConfig defaults() {
        return builder().build();
    }

    /** Returns a builder preset with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the request-thread count that keeps the queue the first thing to fill up. */
    static int threadsFor(int queueCapacity, int maxBatch) {
        return queueCapacity + 2 * maxBatch + 16;
    }

    /** A builder for {@link ServeConfig}; unset values keep their defaults. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 8080;
        private int maxBatch = 8;
        private Duration maxWait = Duration.ofMillis(2);
        private int queueCapacity = 32;
        private long maxImageBytes = 10L << 20;
        private long maxPixels = 4096L * 4096L;
        private Integer maxImagesPerRequest;
        private Integer httpThreads;
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Duration drainTimeout = Duration.ofSeconds(30);
        private ApiKey apiKey;
        private ScanOptions scoring = ScanOptions.defaults().withFaces(ScanOptions.FaceMode.OFF);
        private long maxVideoBytes = 64L << 20;
        private int maxVideoJobs = 1;
        private int maxExplainJobs = 1;

        public Builder host(String v) {
            host = v;
            return this;
        }

        public Builder port(int v) {
            port = v;
            return this;
        }

        public Builder maxBatch(int v) {
            maxBatch = v;
            return this;
        }

        public Builder maxWait(Duration v) {
            maxWait = v;
            return this;
        }

        public Builder queueCapacity(int v) {
            queueCapacity = v;
            return this;
        }

        public Builder maxImageBytes(long v) {
            maxImageBytes = v;
            return this;
        }

        public Builder maxPixels(long v) {
            maxPixels = v;
            return this;
        }

        public Builder maxImagesPerRequest(int v) {
            maxImagesPerRequest = v;
            return this;
        }

        public Builder httpThreads(int v) {
            httpThreads = v;
            return this;
        }

        public Builder requestTimeout(Duration v) {
            requestTimeout = v;
            return this;
        }

        public Builder drainTimeout(Duration v) {
            drainTimeout = v;
            return this;
        }

        public Builder apiKey(ApiKey v) {
            apiKey = v;
            return this;
        }

        public Builder scoring(ScanOptions v) {
            scoring = v;
            return this;
        }

        public Builder maxVideoBytes(long v) {
            maxVideoBytes = v;
            return this;
        }

        public Builder maxVideoJobs(int v) {
            maxVideoJobs = v;
            return this;
        }

        public Builder maxExplainJobs(int v) {
            maxExplainJobs = v;
            return this;
        }

        public ServeConfig build() {
            int perRequest =
                    maxImagesPerRequest != null ? maxImagesPerRequest : Math.min(32, queueCapacity);
            int threads =
                    httpThreads != null && httpThreads > 0
                            ? httpThreads
                            : threadsFor(queueCapacity, maxBatch);
            return new ServeConfig(
                    host,
                    port,
                    maxBatch,
                    maxWait,
                    queueCapacity,
                    maxImageBytes,
                    maxPixels,
                    perRequest,
                    threads,
                    requestTimeout,
                    drainTimeout,
                    apiKey,
                    scoring,
                    maxVideoBytes,
                    maxVideoJobs,
                    maxExplainJobs);
        }
    }
}
