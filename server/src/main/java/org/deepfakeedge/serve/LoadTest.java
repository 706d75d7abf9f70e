package org.deepfakeedge.serve;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.eval.Percentiles;

/**
 * A bounded load test of a running detection service: {@code concurrency} clients each send the
 * same image to {@code /v1/detect} back to back until {@code requests} have been sent or {@code
 * duration} has passed, whichever comes first.
 *
 * <p>Only loopback addresses are accepted: this measures a service on this machine and must never
 * become a tool for flooding someone else's.
 */
public final class LoadTest {

    /**
     * What to run.
     *
     * @param url the service ({@code http://127.0.0.1:8080}) or its detect endpoint
     * @param image the image sent with every request
     * @param requests most requests to send (after the warm-up)
     * @param concurrency clients sending at once
     * @param duration most time to spend sending
     * @param warmup untimed requests sent first (model and JIT warm-up)
     * @param apiKey the service's key, or null
     */
    public record Spec(
            URI url,
            Path image,
            int requests,
            int concurrency,
            Duration duration,
            int warmup,
            String apiKey) {
        public Spec {
            check(
                    requests >= 1 && requests <= 1_000_000,
                    "--requests must be 1..1000000, found " + requests);
            check(
                    concurrency >= 1 && concurrency <= 256,
                    "--concurrency must be 1..256, found " + concurrency);
            check(
                    !duration.isNegative() && !duration.isZero() && duration.toSeconds() <= 3600,
                    "--duration-s must be 1..3600, found " + duration.toSeconds());
            check(warmup >= 0 && warmup <= 10_000, "--warmup must be 0..10000, found " + warmup);
        }
    }

    /**
     * What happened.
     *
     * @param url the endpoint
     * @param requests requests answered or failed (warm-up excluded)
     * @param concurrency clients
     * @param seconds wall time of the timed part
     * @param statuses answers by HTTP status
     * @param failures requests without an answer (connection refused or reset)
     * @param throughput 200 answers per second
     * @param p50 median latency of the 200 answers, ms
     * @param p95 95th percentile, ms
     * @param p99 99th percentile, ms
     * @param max slowest 200 answer, ms
     * @param mean mean latency of the 200 answers, ms
     * @param rejectedP50 median latency of the 429 and 503 answers, ms (how fast overload is
     *     refused)
     * @param rejectedP99 99th percentile of the 429 and 503 answers, ms
     */
    public record Report(
            URI url,
            int requests,
            int concurrency,
            double seconds,
            Map<Integer, Integer> statuses,
            int failures,
            double throughput,
            double p50,
            double p95,
            double p99,
            double max,
            double mean,
            double rejectedP50,
            double rejectedP99) {
        /** Returns the number of 200 answers. */
        public int ok() {
            return statuses.getOrDefault(200, 0);
        }
    }

    private LoadTest() {}

    /** Returns the detect endpoint for a base URL, and refuses non-loopback hosts. */
    static URI endpoint(URI url) {
        if (url == null || url.getHost() == null || !"http".equalsIgnoreCase(url.getScheme())) {
            throw new InvalidInputException(
                    "--url must look like http://127.0.0.1:8080, found " + url);
        }
        String host = url.getHost();
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host.replaceAll("^\\[|\\]$", ""));
        } catch (UnknownHostException e) {
            throw new InvalidInputException("--url host '" + host + "' does not resolve");
        }
        for (InetAddress a : addresses) {
            if (!a.isLoopbackAddress()) {
                throw new InvalidInputException(
                        "--url host '"
                                + host
                                + "' is not a loopback address ("
                                + a.getHostAddress()
                                + "): the load test only runs against this machine (127.0.0.1, localhost, ::1)");
            }
        }
        String path =
                url.getPath() == null || url.getPath().isEmpty() || url.getPath().equals("/")
                        ? "/v1/detect"
                        : url.getPath();
        return url.resolve(path);
    }

    /** Returns the Content-Type for an image file name. */
    static String contentType(Path image) {
        String n = image.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".jpg") || n.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        if (n.endsWith(".png")) {
            return "image/png";
        }
        if (n.endsWith(".webp")) {
            return "image/webp";
        }
        return "application/octet-stream";
    }

    /**
     * Runs the load test.
     *
     * @throws InvalidInputException for a non-loopback URL, an unreadable image, or a service that
     *     does not answer the first request with 200
     */
    public static Report run(Spec spec) {
        URI target = endpoint(spec.url());
        byte[] body;
        try {
            body = Files.readAllBytes(spec.image());
        } catch (IOException e) {
            throw new InvalidInputException(
                    "cannot read --image " + spec.image() + ": " + e.getMessage(), e);
        }
        HttpClient client =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();
        HttpRequest.Builder rb =
                HttpRequest.newBuilder(target)
                        .timeout(Duration.ofSeconds(60))
                        .header("Content-Type", contentType(spec.image()))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (spec.apiKey() != null) {
            rb.header("Authorization", "Bearer " + spec.apiKey());
        }
        HttpRequest request = rb.build();

        // one probe first: a wrong URL, key or image should fail with its own message, not as N
        // errors
        int probe = send(client, request);
        if (probe != 200) {
            throw new InvalidInputException(
                    probe < 0
                            ? "no answer from "
                                    + target
                                    + ": is `deepfake-edge serve` running there?"
                            : target
                                    + " answered "
                                    + probe
                                    + " to the first request; check --image and --api-key-file");
        }
        phase(client, request, spec.warmup(), spec.concurrency(), Duration.ofSeconds(60), null);
        Stats stats = new Stats(spec.requests());
        long start = System.nanoTime();
        phase(client, request, spec.requests(), spec.concurrency(), spec.duration(), stats);
        double seconds = (System.nanoTime() - start) / 1e9;
        return stats.report(target, spec.concurrency(), seconds);
    }

    /** Sends up to {@code count} requests from {@code concurrency} threads within {@code limit}. */
    private static void phase(
            HttpClient client,
            HttpRequest request,
            int count,
            int concurrency,
            Duration limit,
            Stats stats) {
        if (count == 0) {
            return;
        }
        AtomicInteger tickets = new AtomicInteger();
        long deadline = System.nanoTime() + limit.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < Math.min(concurrency, count); c++) {
            Thread t =
                    new Thread(
                            () -> {
                                while (tickets.getAndIncrement() < count
                                        && System.nanoTime() < deadline) {
                                    long t0 = System.nanoTime();
                                    int status = send(client, request);
                                    if (stats != null) {
                                        stats.record(status, System.nanoTime() - t0);
                                    }
                                }
                            },
                            "loadtest-" + c);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Sends one request; returns its status, or -1 when there was no answer. */
    private static int send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Latencies of 200 answers and counts of every status, filled by all client threads. */
    private static final class Stats {
        private final long[] okNanos;
        private final AtomicInteger okCount = new AtomicInteger();
        private final long[] rejectedNanos;
        private final AtomicInteger rejectedCount = new AtomicInteger();
        private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        private final LongAdder failures = new LongAdder();
        private final LongAdder all = new LongAdder();

        Stats(int capacity) {
            okNanos = new long[capacity];
            rejectedNanos = new long[capacity];
        }

        void record(int status, long nanos) {
            all.increment();
            if (status < 0) {
                failures.increment();
                return;
            }
            statuses.computeIfAbsent(status, k -> new LongAdder()).increment();
            if (status == 200) {
                int i = okCount.getAndIncrement();
                if (i < okNanos.length) {
                    okNanos[i] = nanos;
                }
            } else if (status == 429 || status == 503) {
                int i = rejectedCount.getAndIncrement();
                if (i < rejectedNanos.length) {
                    rejectedNanos[i] = nanos;
                }
            }
        }

        Report report(URI url, int concurrency, double seconds) {
            int n = Math.min(okCount.get(), okNanos.length);
            long[] sorted = Arrays.copyOf(okNanos, n);
            Arrays.sort(sorted);
            long[] rejected =
                    Arrays.copyOf(
                            rejectedNanos, Math.min(rejectedCount.get(), rejectedNanos.length));
            Arrays.sort(rejected);
            Map<Integer, Integer> byStatus = new TreeMap<>();
            statuses.forEach((k, v) -> byStatus.put(k, v.intValue()));
            double mean = n == 0 ? Double.NaN : Arrays.stream(sorted).average().orElse(0) / 1e6;
            return new Report(
                    url,
                    all.intValue(),
                    concurrency,
                    seconds,
                    byStatus,
                    failures.intValue(),
                    n / seconds,
                    percentile(sorted, 50),
                    percentile(sorted, 95),
                    percentile(sorted, 99),
                    n == 0 ? Double.NaN : sorted[n - 1] / 1e6,
                    mean,
                    percentile(rejected, 50),
                    percentile(rejected, 99));
        }
    }

    /** Nearest-rank percentile of nanosecond values, in milliseconds. */
    static double percentile(long[] nanos, double pct) {
        return Percentiles.nearestRank(nanos, pct / 100.0) / 1e6;
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new InvalidInputException(message);
        }
    }
}
