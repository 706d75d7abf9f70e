package org.deepfakeedge.serve;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The service's counters, histograms and gauges, rendered in the Prometheus text exposition format
 * (version 0.0.4).
 *
 * <p>Written here rather than pulled from a metrics library: the service needs four counters, two
 * histograms and three gauges, and the format is a few lines of text. Label values come from a
 * fixed set (route names, status codes, reasons), never from request data, so the number of series
 * stays bounded. Thread-safe and lock-free on the request path.
 */
public final class ServiceMetrics {
    /** Content type of {@link #render()}. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /** Request latency buckets, seconds. */
    static final double[] LATENCY_BUCKETS = {
        0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10
    };

    /** Micro-batch size buckets, images. */
    static final double[] BATCH_BUCKETS = {1, 2, 4, 8, 16, 32, 64};

    private static final String PREFIX = "deepfake_edge_";

    private final Counter requests =
            new Counter("http_requests_total", "HTTP requests answered, by route and status code.");
    private final Counter errors =
            new Counter("http_errors_total", "Requests answered with an error, by reason.");
    private final Counter images = new Counter("images_total", "Images judged, by label.");
    private final Counter batchFailures =
            new Counter("batch_failures_total", "Micro-batches whose inference failed.");
    private final Histograms latency =
            new Histograms(
                    "http_request_duration_seconds",
                    "Time from request arrival to response, by route.",
                    LATENCY_BUCKETS);
    private final Histograms batchSizes =
            new Histograms(
                    "batch_size_images",
                    "Images per inference call of the micro-batcher.",
                    BATCH_BUCKETS);
    private final Histograms inference =
            new Histograms(
                    "inference_duration_seconds",
                    "Time of one inference call of the micro-batcher.",
                    LATENCY_BUCKETS);
    private final Map<String, Gauge> gauges = new ConcurrentHashMap<>();

    /** Counts one answered request and its latency. */
    public void request(String route, int status, long nanos) {
        requests.inc(labels("route", route, "status", Integer.toString(status)));
        latency.observe(labels("route", route), nanos / 1e9);
    }

    /** Counts one error answer by reason (e.g. {@code queue_full}, {@code bad_image}). */
    public void error(String reason) {
        errors.inc(labels("reason", reason));
    }

    /** Counts one judged image. */
    public void image(String label) {
        images.inc(labels("label", label));
    }

    /** Records one micro-batch. */
    public void batch(int size, long nanos, boolean failed) {
        batchSizes.observe("", size);
        inference.observe("", nanos / 1e9);
        if (failed) {
            batchFailures.inc("");
        }
    }

    /** Registers a gauge read at render time (queue depth, requests in flight). */
    public void gauge(String name, String help, LongSupplier value) {
        gauges.put(name, new Gauge(help, value));
    }

    /** Returns the count of a counter series, for tests and the load-test report. */
    public long count(String metric, String... labelPairs) {
        String key = labels(labelPairs);
        for (Counter c : List.of(requests, errors, images, batchFailures)) {
            if (c.name.equals(metric)) {
                LongAdder a = c.series.get(key);
                return a == null ? 0 : a.sum();
            }
        }
        throw new IllegalArgumentException("no counter " + metric);
    }

    /** Renders every metric in the Prometheus text format. */
    public String render() {
        StringBuilder sb = new StringBuilder(4096);
        requests.render(sb);
        errors.render(sb);
        images.render(sb);
        batchFailures.render(sb);
        latency.render(sb);
        batchSizes.render(sb);
        inference.render(sb);
        new java.util.TreeMap<>(gauges)
                .forEach(
                        (name, g) -> {
                            header(sb, PREFIX + name, g.help, "gauge");
                            sb.append(PREFIX)
                                    .append(name)
                                    .append(' ')
                                    .append(g.value.getAsLong())
                                    .append('\n');
                        });
        return sb.toString();
    }

    /** Builds a Prometheus label set {@code {a="x",b="y"}} from name/value pairs, escaped. */
    static String labels(String... pairs) {
        if (pairs.length == 0) {
            return "";
        }
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < pairs.length; i += 2) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(pairs[i]).append("=\"").append(escape(pairs[i + 1])).append('"');
        }
        return sb.append('}').toString();
    }

    private static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static void header(StringBuilder sb, String name, String help, String type) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    private record Gauge(String help, LongSupplier value) {}

    private static final class Counter {
        final String name;
        final String help;
        final Map<String, LongAdder> series = new ConcurrentHashMap<>();

        Counter(String name, String help) {
            this.name = name;
            this.help = help;
        }

        void inc(String labels) {
            series.computeIfAbsent(labels, k -> new LongAdder()).increment();
        }

        void render(StringBuilder sb) {
            header(sb, PREFIX + name, help, "counter");
            new java.util.TreeMap<>(series)
                    .forEach(
                            (l, a) ->
                                    sb.append(PREFIX)
                                            .append(name)
                                            .append(l)
                                            .append(' ')
                                            .append(a.sum())
                                            .append('\n'));
        }
    }

    /** One histogram per label set, with fixed cumulative buckets. */
    private static final class Histograms {
        final String name;
        final String help;
        final double[] bounds;
        final Map<String, Histogram> series = new ConcurrentHashMap<>();

        Histograms(String name, String help, double[] bounds) {
            this.name = name;
            this.help = help;
            this.bounds = bounds;
        }

        void observe(String labels, double value) {
            series.computeIfAbsent(labels, k -> new Histogram(bounds.length))
                    .observe(bounds, value);
        }

        void render(StringBuilder sb) {
            header(sb, PREFIX + name, help, "histogram");
            new java.util.TreeMap<>(series)
                    .forEach((labels, h) -> h.render(sb, PREFIX + name, labels, bounds));
        }
    }

    private static final class Histogram {
        final LongAdder[] buckets; // non-cumulative counts per bucket; the last is +Inf
        final LongAdder count = new LongAdder();
        final DoubleAdder sum = new DoubleAdder();

        Histogram(int bounds) {
            buckets = new LongAdder[bounds + 1];
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new LongAdder();
            }
        }

        void observe(double[] bounds, double v) {
            int i = 0;
            while (i < bounds.length && v > bounds[i]) {
                i++;
            }
            buckets[i].increment();
            sum.add(v);
            count.increment();
        }

        void render(StringBuilder sb, String name, String labels, double[] bounds) {
            // snapshot the buckets first so the cumulative counts and _count agree
            long[] counts = new long[buckets.length];
            long total = 0;
            for (int i = 0; i < counts.length; i++) {
                counts[i] = buckets[i].sum();
                total += counts[i];
            }
            String inner = labels.isEmpty() ? "" : labels.substring(1, labels.length() - 1) + ",";
            long cumulative = 0;
            for (int i = 0; i < counts.length; i++) {
                cumulative += counts[i];
                String le = i < bounds.length ? number(bounds[i]) : "+Inf";
                sb.append(name)
                        .append("_bucket{")
                        .append(inner)
                        .append("le=\"")
                        .append(le)
                        .append("\"} ")
                        .append(cumulative)
                        .append('\n');
            }
            sb.append(name)
                    .append("_sum")
                    .append(labels)
                    .append(' ')
                    .append(String.format(Locale.ROOT, "%.6f", sum.sum()))
                    .append('\n');
            sb.append(name).append("_count").append(labels).append(' ').append(total).append('\n');
        }
    }
}
