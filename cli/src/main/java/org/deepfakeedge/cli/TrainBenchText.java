package org.deepfakeedge.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;
import org.deepfakeedge.provenance.EnvironmentInfo;
import org.deepfakeedge.provenance.Json;
import org.deepfakeedge.workflow.TrainBenchResult;

/** Renders a {@link TrainBenchResult} as text (a table per run) or as one JSON object. */
final class TrainBenchText {
    private TrainBenchText() {}

    static ObjectNode toJson(TrainBenchResult r) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        BenchCommand.putCpu(o, r.environment());
        o.put("arch", r.spec().arch())
                .put("image_size", r.spec().imageSize())
                .put("batch", r.spec().batchSize())
                .put("threads", r.threads())
                .put("images_per_epoch", r.imagesPerEpoch())
                .put("gflop_per_image", r.gflopPerImage())
                .put("data", r.dataSource());
        o.set("engines", Json.MAPPER.valueToTree(r.engines()));
        var epochs = o.putArray("epochs");
        for (TrainBenchResult.Epoch ep : r.epochs()) {
            ObjectNode row =
                    epochs.addObject()
                            .put("epoch", ep.epoch())
                            .put("seconds", ep.seconds())
                            .put("images_per_s", ep.imagesPerSecond())
                            .put("gflops", ep.gflops());
            ObjectNode phases = row.putObject("phase_seconds");
            ep.phaseSeconds().forEach(phases::put);
        }
        return o;
    }

    static String text(TrainBenchResult r) {
        StringBuilder sb = new StringBuilder();
        EnvironmentInfo e = r.environment();
        sb.append(e.cpuLine()).append(System.lineSeparator());
        sb.append(
                String.format(
                        Locale.ROOT,
                        "training %s at %d px, batch %d, %d threads, %d images per epoch (%s);"
                                + " %.3f GFLOP per training image%n",
                        r.spec().arch(),
                        r.spec().imageSize(),
                        r.spec().batchSize(),
                        r.threads(),
                        r.imagesPerEpoch(),
                        r.dataSource(),
                        r.gflopPerImage()));
        sb.append(
                String.format(
                        Locale.ROOT,
                        "%5s %8s %9s %8s  %s%n",
                        "epoch",
                        "seconds",
                        "images/s",
                        "GFLOP/s",
                        "phases: seconds (share of the epoch)"));
        for (TrainBenchResult.Epoch ep : r.epochs()) {
            StringBuilder ph = new StringBuilder();
            for (Map.Entry<String, Double> p : ep.phaseSeconds().entrySet()) {
                if (p.getKey().equals("validation")) {
                    continue; // the benchmark does not validate
                }
                ph.append(
                        String.format(
                                Locale.ROOT,
                                "%s %.1f (%.0f%%)  ",
                                p.getKey(),
                                p.getValue(),
                                100 * p.getValue() / ep.seconds()));
            }
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "%5d %8.1f %9.1f %8.1f  %s%n",
                            ep.epoch(),
                            ep.seconds(),
                            ep.imagesPerSecond(),
                            ep.gflops(),
                            ph.toString().trim()));
        }
        return sb.toString();
    }
}
