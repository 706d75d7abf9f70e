package org.deepfakeedge.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deepfakeedge.artifact.ArtifactManifest;
import org.deepfakeedge.artifact.HistoryEntry;
import org.deepfakeedge.artifact.ModelArtifact;
import org.deepfakeedge.provenance.Json;
import org.deepfakeedge.runtime.Detector;

/** What {@code GET /v1/models} says about the served model, computed once at start. */
final class ModelInfo {
    /** Test metrics copied from {@code metrics.json}: the flat numbers a client can act on. */
    private static final List<String> METRIC_KEYS =
            List.of(
                    "accuracy",
                    "precision",
                    "recall",
                    "f1",
                    "roc_auc",
                    "average_precision",
                    "eer",
                    "n");

    /**
     * What {@code GET /v1/models/{name}/metrics} copies from {@code metrics.json}: the test
     * evaluation in full (confusion matrix, per-generator breakdown, the ROC curve's points,
     * calibration, robustness), but not the server's file paths ({@code data}, {@code roc_svg},
     * {@code skipped}) nor the training record.
     */
    private static final List<String> DETAIL_KEYS =
            List.of(
                    "split",
                    "n",
                    "threshold",
                    "accuracy",
                    "precision",
                    "recall",
                    "f1",
                    "roc_auc",
                    "average_precision",
                    "eer",
                    "confusion",
                    "per_class_accuracy",
                    "at_0_5",
                    "per_generator",
                    "data_fingerprint",
                    "skipped_files",
                    "roc_curve",
                    "video_level",
                    "calibration",
                    "robustness",
                    "unsure");

    private ModelInfo() {}

    /**
     * Returns the test evaluation stored next to the model ({@link #DETAIL_KEYS} of {@code
     * metrics.json}), or null when there is none (an {@code .onnx} file, a model never evaluated,
     * an unreadable file).
     */
    static ObjectNode evaluation(Detector d) {
        JsonNode all = readMetrics(d.source());
        if (all == null) {
            return null;
        }
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("model", name(d));
        for (String k : DETAIL_KEYS) {
            if (all.has(k)) {
                out.set(k, all.get(k));
            }
        }
        return out;
    }

    /** Returns the model's name: its folder, or its file without the extension. */
    static String name(Detector d) {
        Path src = d.source();
        String n =
                src == null || src.getFileName() == null ? "model" : src.getFileName().toString();
        return n.replaceFirst("\\.(onnx|ort)$", "");
    }

    static ObjectNode describe(Detector d) {
        ArtifactManifest m = d.manifest();
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("name", name(d));
        o.put("id", m.artifactId());
        o.put("arch", m.spec().arch());
        o.put("kind", m.kind());
        o.put("runtime", d.runtime());
        o.put("image_size", m.preprocessing().imageSize());
        o.set("class_names", Json.MAPPER.valueToTree(m.classNames()));
        o.put("threshold", m.threshold());
        if (m.calibrated()) {
            o.put("temperature", m.appliedTemperature()); // only calibrated models have the key
        }
        o.put("size_bytes", d.bytesOnDisk());
        o.put("params", d.parameters());
        o.put("nonzero_params", d.nonZeroParameters());
        var history = o.putArray("history");
        for (HistoryEntry h : m.history()) {
            ObjectNode e = history.addObject();
            e.put("method", h.method());
            e.put("created_at", h.createdAt());
            e.put("parent_id", h.parentId());
            e.set("options", Json.MAPPER.valueToTree(h.options()));
        }
        o.set("metrics", metrics(d.source()));
        return o;
    }

    /**
     * Returns the model's description with {@code latency}: the service's own inference time per
     * image ({@link LatencyWindow#summary}), null before the first image.
     */
    static ObjectNode withLatency(ObjectNode described, double[] summary) {
        ObjectNode m = described.deepCopy();
        if (summary == null) {
            m.putNull("latency");
            return m;
        }
        ObjectNode l = m.putObject("latency");
        l.put("source", "service");
        l.put("ms_per_image_p50", Math.round(summary[0] * 1000) / 1000.0);
        l.put("ms_per_image_p95", Math.round(summary[1] * 1000) / 1000.0);
        l.put("batches", (int) summary[2]);
        return m;
    }

    /** What the service accepts, for clients such as the web page: limits, videos, faces. */
    static ObjectNode service(ServeConfig config) {
        ObjectNode s = Json.MAPPER.createObjectNode();
        s.put("max_image_bytes", config.maxImageBytes());
        s.put("max_video_bytes", config.maxVideoBytes());
        s.put("max_pixels", config.maxPixels());
        s.put("videos", true);
        s.put("faces", config.scoring().faces().name().toLowerCase(java.util.Locale.ROOT));
        s.put("explain", true);
        if (config.scoring().unsure() != null) {
            s.set("unsure", Json.MAPPER.valueToTree(config.scoring().unsure()));
        }
        return s;
    }

    /** Reads the test metrics next to a model folder; an {@code .onnx} file has none (null). */
    private static JsonNode metrics(Path source) {
        JsonNode all = readMetrics(source);
        if (all == null) {
            return Json.MAPPER.nullNode();
        }
        ObjectNode out = Json.MAPPER.createObjectNode();
        for (String k : METRIC_KEYS) {
            if (all.has(k)) {
                out.set(k, all.get(k));
            }
        }
        return out;
    }

    /** {@code metrics.json} of a model folder, or null (none, not an object, unreadable). */
    private static JsonNode readMetrics(Path source) {
        Path file = source == null ? null : source.resolve(ModelArtifact.METRICS);
        if (file == null || !Files.isRegularFile(file)) {
            return null;
        }
        try {
            JsonNode all = Json.MAPPER.readTree(file.toFile());
            return all != null && all.isObject() ? all : null;
        } catch (java.io.IOException e) {
            return null; // metrics are informative; a bad file must not stop serving
        }
    }
}
