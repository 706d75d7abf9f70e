package org.deepfakeedge.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.deepfakeedge.bench.ExplainBenchResult;
import org.deepfakeedge.provenance.EnvironmentInfo;
import org.deepfakeedge.provenance.Json;

/** Renders an {@link ExplainBenchResult} as text (a small table) or as one JSON object. */
final class ExplainBenchText {
    private ExplainBenchText() {}

    static ObjectNode toJson(ExplainBenchResult r) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        BenchCommand.putCpu(o, r.environment());
        o.put("model", r.model())
                .put("precision", r.precision())
                .put("image_size", r.imageSize())
                .put("batch", 1);
        if (r.gradCam() != null) {
            timing(o.putObject("forward"), r.forward());
            timing(o.putObject("grad_cam"), r.gradCam())
                    .put("forward_passes", ExplainBenchResult.GRAD_CAM_FORWARD_PASSES)
                    .put("ratio_to_forward", r.gradCamRatio())
                    .put("layer", r.gradCamLayer())
                    .put("feature_shape", r.gradCamFeatures());
        }
        timing(o.putObject("occlusion"), r.occlusion())
                .put("forward_passes", r.occlusionForwardPasses())
                .put("forward_p50_ms", r.occlusionForward().p50Millis())
                .put("ratio_to_forward", r.occlusionRatio());
        return o;
    }

    private static ObjectNode timing(ObjectNode o, ExplainBenchResult.Timing t) {
        return o.put("runtime", t.runtime())
                .put("threads", t.threads())
                .put("p50_ms", t.p50Millis())
                .put("p95_ms", t.p95Millis());
    }

    static String text(ExplainBenchResult r) {
        StringBuilder sb = new StringBuilder();
        EnvironmentInfo e = r.environment();
        sb.append(e.cpuLine()).append(System.lineSeparator());
        sb.append(
                String.format(
                        Locale.ROOT,
                        "%s (%s, %d px), one image%n",
                        r.model(),
                        r.precision(),
                        r.imageSize()));
        String row = "%-10s %-7s %7s %9s %9s  %s%n";
        sb.append(
                String.format(
                        Locale.ROOT, row, "what", "runtime", "threads", "p50 ms", "p95 ms", ""));
        // with --runtime djl the occlusion's reference is the same forward measurement
        boolean shared = r.occlusionForward().equals(r.forward());
        if (r.gradCam() != null) {
            line(sb, row, "forward", r.forward(), "reference");
            line(
                    sb,
                    row,
                    "grad-cam",
                    r.gradCam(),
                    String.format(
                            Locale.ROOT,
                            "%.2f× forward (1 forward pass + backward after %s %s)",
                            r.gradCamRatio(),
                            r.gradCamLayer(),
                            r.gradCamFeatures()));
        }
        if (!shared) {
            line(sb, row, "forward", r.occlusionForward(), "reference for occlusion");
        }
        line(
                sb,
                row,
                "occlusion",
                r.occlusion(),
                String.format(
                        Locale.ROOT,
                        "%.2f× forward (%d forward passes, batched)",
                        r.occlusionRatio(),
                        r.occlusionForwardPasses()));
        sb.append(
                        "latencies per map or per forward pass of one image (random input, no"
                                + " decoding); ratios are to the forward pass on the same runtime,"
                                + " measured interleaved in this run")
                .append(System.lineSeparator());
        return sb.toString();
    }

    private static void line(
            StringBuilder sb, String row, String what, ExplainBenchResult.Timing t, String note) {
        sb.append(
                String.format(
                        Locale.ROOT,
                        row,
                        what,
                        t.runtime(),
                        Integer.toString(t.threads()),
                        String.format(Locale.ROOT, "%.3f", t.p50Millis()),
                        String.format(Locale.ROOT, "%.3f", t.p95Millis()),
                        note));
    }
}
