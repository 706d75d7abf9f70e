package org.deepfakeedge.serve;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.deepfakeedge.artifact.ArtifactManifest;
import org.deepfakeedge.artifact.ModelArtifact;
import org.deepfakeedge.artifact.Preprocessing;
import org.deepfakeedge.model.ModelSpec;
import org.deepfakeedge.model.ModelZoo;
import org.deepfakeedge.model.WeightInit;
import org.deepfakeedge.provenance.Provenance;
import org.deepfakeedge.runtime.Detection;
import org.deepfakeedge.runtime.Detector;
import org.deepfakeedge.runtime.OrtDetector;
import org.deepfakeedge.runtime.Scorer;

/** Models, images and an HTTP client for the service tests (no training, no DJL). */
final class ServeFixtures {
    static final HttpClient HTTP =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();

    private ServeFixtures() {}

    /**
     * An untrained student-10 at 32 px, saved and run on ONNX Runtime: real inference, no engine.
     */
    static OrtDetector untrainedDetector(Path dir) throws IOException {
        ModelSpec spec = ModelZoo.build("student-10", 32);
        ArtifactManifest m =
                new ArtifactManifest(
                        ArtifactManifest.SCHEMA_VERSION,
                        "trained",
                        spec,
                        Preprocessing.defaults(32),
                        List.of("real", "fake"),
                        0.5,
                        List.of(),
                        null,
                        Provenance.NONE);
        ModelArtifact saved = ModelArtifact.save(dir, m, WeightInit.pytorchDefault(spec, 11));
        return OrtDetector.of(ModelArtifact.load(saved.dir()), 1);
    }

    /** A noisy picture, different for every seed. */
    static BufferedImage picture(int w, int h, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, r.nextInt(0x1000000));
            }
        }
        return img;
    }

    static byte[] encode(BufferedImage img, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(img, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static HttpResponse<String> post(URI uri, String contentType, byte[] body, String... headers)
            throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(URI uri, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A multipart/form-data body: returns {content type, body}. */
    static Object[] multipart(Map<String, byte[]> files) {
        String boundary = "----deepfake-edge-test-boundary";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (var e : files.entrySet()) {
            String head =
                    "--"
                            + boundary
                            + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\""
                            + e.getKey()
                            + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
            out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(e.getValue());
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return new Object[] {"multipart/form-data; boundary=" + boundary, out.toByteArray()};
    }

    /**
     * A detector whose scorer (and {@code detectAll}, which scores videos) blocks until the test
     * opens the gate: the queue can be filled and a shutdown started while requests are provably in
     * flight, without timing assumptions.
     */
    static final class GatedDetector extends ForwardingDetector {
        final Semaphore gate = new Semaphore(0);
        final Semaphore entered = new Semaphore(0);

        GatedDetector(Detector inner) {
            super(inner);
        }

        void awaitEntered() throws InterruptedException {
            if (!entered.tryAcquire(30, TimeUnit.SECONDS)) {
                throw new AssertionError("the scorer was never called");
            }
        }

        @Override
        public Scorer scorer() {
            Scorer s = inner.scorer();
            return (x, n) -> {
                pass();
                return s.scores(x, n);
            };
        }

        /** Says the model was reached, then waits for the gate. */
        private void pass() {
            entered.release();
            try {
                gate.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public List<Detection> detectAll(List<BufferedImage> images) {
            pass(); // a video's frames are scored here, on the request thread
            return inner.detectAll(images);
        }
    }

    /**
     * A detector that hands every call to another one: tests extend it to hold one method back. It
     * does not forward {@link Detector#explain} or {@link Detector#logitScorer}, so their defaults
     * run through this detector's {@link #scorer}.
     */
    static class ForwardingDetector implements Detector {
        final Detector inner;

        ForwardingDetector(Detector inner) {
            this.inner = inner;
        }

        @Override
        public ArtifactManifest manifest() {
            return inner.manifest();
        }

        @Override
        public Detection detect(BufferedImage image) {
            return inner.detect(image);
        }

        @Override
        public Detection detect(Path imageFile) {
            return inner.detect(imageFile);
        }

        @Override
        public List<Detection> detectAll(List<BufferedImage> images) {
            return inner.detectAll(images);
        }

        @Override
        public Scorer scorer() {
            return inner.scorer();
        }

        @Override
        public String runtime() {
            return inner.runtime();
        }

        @Override
        public int threads() {
            return inner.threads();
        }

        @Override
        public long nonZeroParameters() {
            return inner.nonZeroParameters();
        }

        @Override
        public long bytesOnDisk() {
            return inner.bytesOnDisk();
        }

        @Override
        public Path source() {
            return inner.source();
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
