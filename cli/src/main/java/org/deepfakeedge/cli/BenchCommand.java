package org.deepfakeedge.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.bench.BenchReport;
import org.deepfakeedge.bench.BenchResult;
import org.deepfakeedge.bench.BenchSpec;
import org.deepfakeedge.bench.ExplainBenchResult;
import org.deepfakeedge.bench.ExplainBenchmark;
import org.deepfakeedge.bench.LatencyBenchmark;
import org.deepfakeedge.model.ModelZoo;
import org.deepfakeedge.provenance.EnvironmentInfo;
import org.deepfakeedge.provenance.Json;
import org.deepfakeedge.render.Format;
import org.deepfakeedge.workflow.TrainBenchResult;
import org.deepfakeedge.workflow.TrainBenchSpec;
import org.deepfakeedge.workflow.TrainBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code deepfake-edge bench}: inference latency and throughput of models on DJL and ONNX Runtime.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Measure pure inference speed (random input, no image decoding): p50/p95 latency per"
                    + " image,",
            "images/s, achieved GFLOP/s and model size, per model × runtime × batch size. Several"
                    + " models",
            "(--compare) are interleaved round by round so machine noise hits all alike; ratios"
                    + " are",
            "relative to the first row.",
            "With --train: training speed of --arch on real image files (built-in PNGs unless --data),",
            "the same loop as train: images/s per epoch (the first decodes every file), achieved GFLOP/s",
            "and where the time went (data wait, copy to native memory, forward, backward, optimizer,",
            "metrics). Compare with scripts/pytorch_train_reference.py on the same files.",
            "With --explain: what a heatmap of --model costs in one run, at batch 1: forward pass and",
            "Grad-CAM on djl (ratio), forward pass and occlusion map on onnx (forward passes, ratio)."
        })
public final class BenchCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec commandSpec;

    @Option(
            names = "--model",
            description =
                    "Model artifact folder, exported .onnx file, or zoo name (teacher, student-10,"
                            + " ...).")
    String model;

    @Option(
            names = "--runtime",
            defaultValue = "both",
            description =
                    "djl, onnx or both (default: ${DEFAULT-VALUE}; an .onnx file runs on onnx"
                            + " only).")
    String runtime;

    @Option(
            names = "--image-size",
            defaultValue = "224",
            description = "Input size for zoo names, a multiple of 32 (default: ${DEFAULT-VALUE}).")
    int imageSize;

    @Option(
            names = "--batch",
            split = ",",
            defaultValue = "1",
            description = "Batch sizes, comma-separated (default: ${DEFAULT-VALUE}).")
    List<Integer> batches;

    @Option(
            names = "--threads",
            defaultValue = "0",
            description = "Intra-op threads, 0 = all cores.")
    int threads;

    @Option(
            names = "--warmup",
            defaultValue = "5",
            description = "Untimed iterations (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(
            names = "--iterations",
            defaultValue = "30",
            description = "Timed iterations (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(
            names = "--compare",
            arity = "1..*",
            description = "More models to benchmark in the same run, interleaved with --model.")
    List<String> compare = new ArrayList<>();

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    @Option(
            names = "--explain",
            description =
                    "Measure what a heatmap costs against a forward pass of --model at batch 1:"
                            + " Grad-CAM on djl, occlusion on onnx (--runtime djl: both on djl;"
                            + " onnx: occlusion only).")
    boolean explain;

    @Option(names = "--train", description = "Benchmark training of --arch instead of inference.")
    boolean train;

    @Option(names = "--arch", description = "--train: the zoo architecture to train.")
    String arch;

    @Option(
            names = "--epochs",
            defaultValue = "2",
            description =
                    "--train: epochs to time (default: ${DEFAULT-VALUE}; the first decodes, later ones read the cache).")
    int epochs;

    @Option(
            names = "--images",
            defaultValue = "3000",
            description =
                    "--train: built-in training images, half real, half fake (default: ${DEFAULT-VALUE}).")
    int images;

    @Option(
            names = "--data",
            description =
                    "--train: a dataset folder whose training split is timed, instead of built-in images.")
    java.nio.file.Path data;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description =
                    "--train: seed of the weights, data and order (default: ${DEFAULT-VALUE}).")
    long seed;

    /** Returns the options as a validated spec. */
    BenchSpec toSpec() {
        List<String> models = new ArrayList<>();
        models.add(model);
        models.addAll(compare);
        return new BenchSpec(models, runtime, imageSize, batches, threads, warmup, iterations, 1);
    }

    /** The --explain options as a validated spec: one model, batch 1. */
    BenchSpec toExplainSpec() {
        if (!compare.isEmpty()) {
            throw new InvalidInputException("bench --explain measures one model: drop --compare");
        }
        if (!batches.equals(List.of(1))) {
            throw new InvalidInputException(
                    "bench --explain times one image (occlusion batches its own masks): drop --batch");
        }
        return toSpec();
    }

    /** The --train options as specs, one per batch size. */
    List<TrainBenchSpec> toTrainSpecs() {
        if (arch == null) {
            throw new InvalidInputException(
                    "bench --train needs --arch (one of " + ModelZoo.NAMES + ")");
        }
        List<TrainBenchSpec> specs = new ArrayList<>();
        for (int b : batches) {
            specs.add(new TrainBenchSpec(arch, imageSize, b, threads, epochs, images, data, seed));
        }
        return specs;
    }

    @Override
    public Integer call() throws java.io.IOException {
        if (train && explain) {
            throw new InvalidInputException(
                    "--explain and --train measure different things: give one of them");
        }
        if (train) {
            ArrayNode all = Json.MAPPER.createArrayNode();
            for (TrainBenchSpec s : toTrainSpecs()) {
                TrainBenchResult r =
                        TrainBenchmark.run(s, new ConsoleProgress(s.arch() + " bench"));
                if (json) {
                    all.add(TrainBenchText.toJson(r));
                } else {
                    commandSpec.commandLine().getOut().print(TrainBenchText.text(r));
                }
            }
            if (json) {
                commandSpec
                        .commandLine()
                        .getOut()
                        .println(Json.line(all.size() == 1 ? all.get(0) : all));
            }
            return ExitCodes.OK;
        }
        if (model == null) {
            throw new InvalidInputException("bench needs --model (or --train --arch A)");
        }
        if (explain) {
            ExplainBenchResult r = ExplainBenchmark.run(toExplainSpec());
            commandSpec
                    .commandLine()
                    .getOut()
                    .print(
                            json
                                    ? Json.line(ExplainBenchText.toJson(r)) + System.lineSeparator()
                                    : ExplainBenchText.text(r));
            return ExitCodes.OK;
        }
        BenchReport r = LatencyBenchmark.run(toSpec());
        commandSpec
                .commandLine()
                .getOut()
                .print(json ? Json.line(toJson(r)) + System.lineSeparator() : text(r));
        return ExitCodes.OK;
    }

    /**
     * Adds {@code "cpu": {model, arch, cores, flags}} to {@code o}: every speed figure names its
     * CPU.
     */
    static void putCpu(ObjectNode o, EnvironmentInfo e) {
        ObjectNode cpu = o.putObject("cpu");
        cpu.put("model", e.cpu()).put("arch", e.arch()).put("cores", e.cores());
        e.cpuFlags().forEach(cpu.putArray("flags")::add);
    }

    static ObjectNode toJson(BenchReport r) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        putCpu(o, r.environment());
        ArrayNode rows = o.putArray("results");
        for (BenchResult b : r.results()) {
            rows.addObject()
                    .put("model", b.model())
                    .put("runtime", b.runtime())
                    .put("precision", b.precision())
                    .put("image_size", b.imageSize())
                    .put("batch", b.batch())
                    .put("threads", b.threads())
                    .put("p50_ms", b.p50Millis())
                    .put("p95_ms", b.p95Millis())
                    .put("images_per_s", b.imagesPerSecond())
                    .put("gflops", b.gflops())
                    .put("model_bytes", b.modelBytes());
        }
        return o;
    }

    static String text(BenchReport r) {
        StringBuilder sb = new StringBuilder();
        EnvironmentInfo e = r.environment();
        // the label column is as wide as the longest model/runtime label (paths can be long)
        int w = Math.max(5, r.results().stream().mapToInt(b -> b.label().length()).max().orElse(0));
        String lead = "%-" + w + "s";
        sb.append(e.cpuLine()).append(System.lineSeparator());
        sb.append(
                String.format(
                        Locale.ROOT,
                        lead + " %-9s %5s %5s %7s %9s %9s %9s %8s %10s  %s%n",
                        "model",
                        "precision",
                        "size",
                        "batch",
                        "threads",
                        "p50 ms",
                        "p95 ms",
                        "images/s",
                        "GFLOP/s",
                        "bytes",
                        "vs first row"));
        BenchResult ref = r.results().get(0);
        for (BenchResult b : r.results()) {
            String ratio =
                    b == ref
                            ? "reference"
                            : String.format(
                                    Locale.ROOT,
                                    "%.2f× latency of %s",
                                    b.p50Millis() / ref.p50Millis(),
                                    ref.label());
            sb.append(
                    String.format(
                            Locale.ROOT,
                            lead + " %-9s %5d %5d %7d %9.3f %9.3f %9.1f %8.2f %10s  %s%n",
                            b.label(),
                            b.precision(),
                            b.imageSize(),
                            b.batch(),
                            b.threads(),
                            b.p50Millis(),
                            b.p95Millis(),
                            b.imagesPerSecond(),
                            b.gflops(),
                            Format.bytes(b.modelBytes()),
                            ratio));
        }
        sb.append(
                        "latencies are per image (batch time / batch size); p50/p95 over the timed"
                                + " iterations")
                .append(System.lineSeparator());
        return sb.toString();
    }
}
