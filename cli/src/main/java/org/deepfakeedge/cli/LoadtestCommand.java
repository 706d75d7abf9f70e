package org.deepfakeedge.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.deepfakeedge.provenance.Json;
import org.deepfakeedge.serve.LoadTest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code deepfake-edge loadtest}: throughput and latency of a running service on this machine. */
@Command(
        name = "loadtest",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Load-test a detection service on this machine (loopback only): CONCURRENCY clients",
            "POST the image to /v1/detect until REQUESTS are sent or DURATION has passed; prints",
            "throughput and p50/p95/p99 latency of the 200 answers, and counts every status (429, 503...)."
        })
public final class LoadtestCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec commandSpec;

    @Option(
            names = "--url",
            required = true,
            description = "The service, e.g. http://127.0.0.1:8080 (loopback only).")
    URI url;

    @Option(names = "--image", required = true, description = "Image file sent with every request.")
    Path image;

    @Option(
            names = "--requests",
            defaultValue = "1000",
            description = "Most requests to send (default: ${DEFAULT-VALUE}).")
    int requests;

    @Option(
            names = "--concurrency",
            defaultValue = "8",
            description = "Clients sending at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(
            names = "--duration-s",
            defaultValue = "60",
            description = "Most seconds to spend (default: ${DEFAULT-VALUE}).")
    long durationS;

    @Option(
            names = "--warmup",
            defaultValue = "50",
            description = "Untimed requests first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--api-key-file", description = "File holding the service's API key.")
    Path apiKeyFile;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    /** Returns the options as a validated spec. */
    LoadTest.Spec toSpec() throws java.io.IOException {
        String key = apiKeyFile == null ? null : java.nio.file.Files.readString(apiKeyFile).strip();
        return new LoadTest.Spec(
                url, image, requests, concurrency, Duration.ofSeconds(durationS), warmup, key);
    }

    @Override
    public Integer call() throws Exception {
        LoadTest.Report r = LoadTest.run(toSpec());
        commandSpec
                .commandLine()
                .getOut()
                .print(json ? Json.line(toJson(r)) + System.lineSeparator() : text(r));
        commandSpec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    static ObjectNode toJson(LoadTest.Report r) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("url", r.url().toString());
        o.put("requests", r.requests());
        o.put("concurrency", r.concurrency());
        o.put("seconds", r.seconds());
        o.put("ok", r.ok());
        ObjectNode s = o.putObject("statuses");
        r.statuses().forEach((k, v) -> s.put(k.toString(), v));
        o.put("failures", r.failures());
        o.put("throughput_rps", r.throughput());
        ObjectNode l = o.putObject("latency_ms");
        ms(l, "p50", r.p50());
        ms(l, "p95", r.p95());
        ms(l, "p99", r.p99());
        ms(l, "max", r.max());
        ms(l, "mean", r.mean());
        ObjectNode rej = o.putObject("rejected_latency_ms");
        ms(rej, "p50", r.rejectedP50());
        ms(rej, "p99", r.rejectedP99());
        return o;
    }

    /** A latency, or null when there was no such answer (JSON has no NaN). */
    private static void ms(ObjectNode o, String key, double v) {
        if (Double.isNaN(v)) {
            o.putNull(key);
        } else {
            o.put(key, v);
        }
    }

    static String text(LoadTest.Report r) {
        StringBuilder statuses = new StringBuilder();
        r.statuses().forEach((k, v) -> statuses.append(' ').append(k).append('×').append(v));
        return String.format(
                Locale.ROOT,
                "%s: %d requests, concurrency %d, %.2f s%n"
                        + "answers:%s%s%n"
                        + "throughput %.1f req/s; latency ms p50 %.2f  p95 %.2f  p99 %.2f  max %.2f%n%s",
                r.url(),
                r.requests(),
                r.concurrency(),
                r.seconds(),
                statuses,
                r.failures() > 0 ? "  no answer×" + r.failures() : "",
                r.throughput(),
                r.p50(),
                r.p95(),
                r.p99(),
                r.max(),
                Double.isNaN(r.rejectedP50())
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                "429/503 answers: latency ms p50 %.2f  p99 %.2f%n",
                                r.rejectedP50(),
                                r.rejectedP99()));
    }
}
